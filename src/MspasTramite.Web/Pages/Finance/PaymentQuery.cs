using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Payments;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Web.Pages.Finance;

public sealed record PaymentRow(Guid Id, DateTimeOffset PaidAt, string? FileNumber, string Procedure, Department Department, decimal Amount, decimal Refunded, PaymentStatus Status, string? Receipt, string? Note);

/// The payments Finanzas reconcile: filtered by Guatemala dates, procedure and status.
public sealed class PaymentFilter
{
    public static readonly PaymentStatus[] Settled = [PaymentStatus.Paid, PaymentStatus.Duplicate, PaymentStatus.Mismatch];

    public string? Desde { get; set; }
    public string? Hasta { get; set; }
    public string? Tramite { get; set; }
    public string? Estado { get; set; }

    public async Task<List<PaymentRow>> RunAsync(AppDbContext db, int limit)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.PaymentAttempts.AsNoTracking().Where(p => Settled.Contains(p.Status) && p.PaidAt != null);
        if (TryDate(Desde, out var from))
        {
            query = query.Where(p => p.PaidAt >= from);
        }

        if (TryDate(Hasta, out var to))
        {
            var end = to.AddDays(1);
            query = query.Where(p => p.PaidAt < end);
        }

        if (Enum.TryParse<PaymentStatus>(Estado, out var status) && Settled.Contains(status))
        {
            query = query.Where(p => p.Status == status);
        }

        var rows = from p in query
                   join a in db.Applications on p.ApplicationId equals a.Id
                   join r in db.Receipts on p.Id equals r.PaymentAttemptId into receipts
                   from r in receipts.DefaultIfEmpty()
                   where string.IsNullOrEmpty(Tramite) || a.ProcedureVersion.Procedure.Slug == Tramite
                   orderby p.PaidAt descending
                   select new PaymentRow(p.Id, p.PaidAt!.Value, a.FileNumber, a.ProcedureVersion.Name, a.ProcedureVersion.Procedure.Department, p.Amount, p.AmountRefunded, p.Status, r.Number, p.Note);
        return await rows.Take(limit).ToListAsync();
    }

    /// A day in Guatemala (UTC−6), as the instant it starts.
    private static bool TryDate(string? text, out DateTimeOffset start)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            // As UTC: Npgsql refuses to write a DateTimeOffset with any other offset to timestamptz.
            start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), GuatemalaTime.Offset).ToUniversalTime();
            return true;
        }

        start = default;
        return false;
    }
}
