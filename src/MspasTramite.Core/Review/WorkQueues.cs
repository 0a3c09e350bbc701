using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;

namespace MspasTramite.Core.Review;

public enum QueueAssignment
{
    All,
    Unassigned,
    Mine,
}

public sealed record WorkQueueFilter
{
    /// One of ApplicationStatus.Open; null means every open state.
    public string? Status { get; init; }
    public Guid? ProcedureId { get; init; }
    public SlaLight? Light { get; init; }
    public QueueAssignment Assignment { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 25;
}

public sealed record WorkQueueRow(
    Guid Id,
    string FileNumber,
    string Procedure,
    string Holder,
    string? Establishment,
    string Status,
    string? AssignedTo,
    DateOnly? DueOn,
    SlaLight Light,
    DateTimeOffset? ReceivedAt);

public sealed record WorkQueuePage(IReadOnlyList<WorkQueueRow> Rows, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// The back office's queues. Every filter is a column condition an index serves (ApplicationConfiguration),
/// one page is read at a time, and the SLA light is computed in SQL from the stored dates: nothing loads
/// a whole table, whatever the number of files. infra/bench measures it on a million files (REPORT.md).
public static class WorkQueues
{
    public const int MaxPageSize = 100;

    public static async Task<WorkQueuePage> QueryAsync(AppDbContext db, WorkQueueFilter filter, string? userId, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var pageSize = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var status = filter.Status is { } one && ApplicationStatus.Open.Contains(one) ? one : null;
        var query = Filter(
            status is null
                ? db.Applications.AsNoTracking().Where(a => ApplicationStatus.Open.Contains(a.Status))
                : db.Applications.AsNoTracking().Where(a => a.Status == status),
            filter, userId, today);

        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(filter.Page, 1, pageCount);
        // The page's keys (id, due date, reception) come first, off the queue indexes alone, and only
        // those files are read and joined to their names. "Status IN (...) ORDER BY SlaDueOn" cannot be
        // read in order off any index, so every open file would be sorted to show 25: instead each state's
        // queue gives its first offset + pageSize keys in page order, straight off an IX_Applications_Queue*
        // index (state, due date, reception, id), and the page is cut from their union. A page costs the
        // files it skips, never the size of the table. infra/bench checks it answers as the plain query did.
        var offset = (page - 1) * pageSize;
        IReadOnlyList<string> states = status is null ? ApplicationStatus.Open : [status];
        var keys = states
            .Select(state => Filter(db.Applications.AsNoTracking().Where(a => a.Status == state), filter, userId, today)
                .OrderBy(a => a.SlaDueOn).ThenBy(a => a.ReceivedAt).ThenBy(a => a.Id)
                .Take(offset + pageSize)
                .Select(a => new { a.Id, a.SlaDueOn, a.ReceivedAt }))
            .Aggregate((merged, next) => merged.Concat(next))
            .OrderBy(k => k.SlaDueOn).ThenBy(k => k.ReceivedAt).ThenBy(k => k.Id)
            .Skip(offset).Take(pageSize);
        var rows = await (
            from k in keys
            join a in db.Applications on k.Id equals a.Id
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
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new WorkQueuePage(
            [.. rows.Select(r => new WorkQueueRow(r.Id, r.FileNumber!, r.Procedure, r.Holder, r.EstablishmentName, r.Status, r.AssignedTo, r.SlaDueOn,
                LegalClock.Light(r.Status, r.SlaDueOn, r.SlaWarnOn, r.ClockStoppedAt, today), r.ReceivedAt))],
            total, page, pageSize);
    }

    private static IQueryable<Application> Filter(IQueryable<Application> query, WorkQueueFilter filter, string? userId, DateOnly today)
    {
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
        return filter.Light switch
        {
            SlaLight.Paused => query.Where(a => a.ClockStoppedAt != null),
            SlaLight.Red => query.Where(a => a.ClockStoppedAt == null && a.SlaDueOn < today),
            SlaLight.Amber => query.Where(a => a.ClockStoppedAt == null && a.SlaDueOn >= today && a.SlaWarnOn <= today),
            SlaLight.Green => query.Where(a => a.ClockStoppedAt == null && a.SlaWarnOn > today),
            _ => query,
        };
    }
}
