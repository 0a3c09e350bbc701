using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Data;

namespace MspasTramite.Web.Pages.Verification;

/// Anyone can check a receipt from its code or QR. Only what proves it is shown: the holder, the
/// establishment, the procedure, the amount and the dates.
[AllowAnonymous]
public sealed class VerifyModel(AppDbContext db) : PageModel
{
    public sealed record ReceiptView(string Number, string Holder, string? Establishment, string Procedure, string? FileNumber, decimal Amount, DateTimeOffset IssuedAt, decimal Refunded);

    public ReceiptView? Receipt { get; private set; }

    public string Code { get; private set; } = "";

    public async Task OnGetAsync(string code)
    {
        Code = code;
        var normalized = (code ?? "").Trim().ToUpperInvariant();
        Receipt = await (
            from r in db.Receipts.AsNoTracking()
            join a in db.Applications on r.ApplicationId equals a.Id
            join u in db.Users on a.ApplicantId equals u.Id
            join p in db.PaymentAttempts on r.PaymentAttemptId equals p.Id
            where r.VerificationCode == normalized
            select new ReceiptView(r.Number, a.CompanyName ?? u.FullName, a.EstablishmentName, a.ProcedureVersion.Name, a.FileNumber, r.Amount, r.IssuedAt, p.AmountRefunded))
            .FirstOrDefaultAsync();
        if (Receipt is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
