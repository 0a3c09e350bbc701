using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Review;

namespace MspasTramite.Bench;

/// WorkQueues.QueryAsync as it was before the bench (main at f95d331), kept word for word: every view's
/// page from the tuned query must equal this one's, row for row, on a million files and both engines.
/// It is run once per view, untimed.
internal static class ReferenceQueue
{
    public static async Task<WorkQueuePage> QueryAsync(AppDbContext db, WorkQueueFilter filter, string? userId, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var pageSize = Math.Clamp(filter.PageSize, 1, WorkQueues.MaxPageSize);
        var query = db.Applications.AsNoTracking();
        query = filter.Status is { } status && ApplicationStatus.Open.Contains(status)
            ? query.Where(a => a.Status == status)
            : query.Where(a => ApplicationStatus.Open.Contains(a.Status));
        if (filter.ProcedureId is { } procedureId)
        {
            query = query.Where(a => a.ProcedureVersion.ProcedureId == procedureId);
        }

        query = filter.Assignment switch
        {
            QueueAssignment.Unassigned => query.Where(a => a.AssignedToId == null),
            QueueAssignment.Mine => query.Where(a => a.AssignedToId == userId),
            _ => query,
        };
        query = filter.Light switch
        {
            SlaLight.Paused => query.Where(a => a.ClockStoppedAt != null),
            SlaLight.Red => query.Where(a => a.ClockStoppedAt == null && a.SlaDueOn < today),
            SlaLight.Amber => query.Where(a => a.ClockStoppedAt == null && a.SlaDueOn >= today && a.SlaWarnOn <= today),
            SlaLight.Green => query.Where(a => a.ClockStoppedAt == null && a.SlaWarnOn > today),
            _ => query,
        };

        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(filter.Page, 1, pageCount);
        var rows = await (
            from a in query
            join u in db.Users on a.ApplicantId equals u.Id
            join s in db.Users on a.AssignedToId equals s.Id into assigned
            from s in assigned.DefaultIfEmpty()
            orderby a.SlaDueOn, a.ReceivedAt, a.Id
            select new
            {
                a.Id,
                a.FileNumber,
                Procedure = a.ProcedureVersion.Name,
                Holder = a.CompanyName ?? u.FullName,
                a.EstablishmentName,
                a.Status,
                AssignedTo = s == null ? null : s.FullName,
                a.SlaDueOn,
                a.SlaWarnOn,
                a.ClockStoppedAt,
                a.ReceivedAt,
            })
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new WorkQueuePage(
            [.. rows.Select(r => new WorkQueueRow(r.Id, r.FileNumber!, r.Procedure, r.Holder, r.EstablishmentName, r.Status, r.AssignedTo, r.SlaDueOn,
                LegalClock.Light(r.Status, r.SlaDueOn, r.SlaWarnOn, r.ClockStoppedAt, today), r.ReceivedAt))],
            total, page, pageSize);
    }
}
