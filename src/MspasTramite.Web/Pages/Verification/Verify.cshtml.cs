using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Review;
using MspasTramite.Core.Verification;

namespace MspasTramite.Web.Pages.Verification;

/// Anyone can check a receipt or a resolution from its code or QR. Only what proves it is shown:
/// the holder, the establishment, the procedure, the number, the amount (receipts) and the dates;
/// never an identity number, the grounds of a denial or the reason of a revocation.
[AllowAnonymous]
public sealed class VerifyModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public sealed record ReceiptView(string Number, string Holder, string? Establishment, string Procedure, string? FileNumber, decimal Amount, DateTimeOffset IssuedAt, decimal Refunded);

    public sealed record ResolutionView(ResolutionKind Kind, string Number, string Holder, string? Establishment, string Procedure, DateTimeOffset IssuedAt, DateOnly ValidFrom, DateOnly? ValidUntil, DateTimeOffset? RevokedAt);

    public enum LicenceState
    {
        Valid,
        Expired,
        Revoked,
    }

    public ReceiptView? Receipt { get; private set; }

    public ResolutionView? Resolution { get; private set; }

    public string Code { get; private set; } = "";

    /// Today in Guatemala: a licence is in force through its last day there.
    public DateOnly Today { get; private set; }

    public LicenceState State => Resolution switch
    {
        { RevokedAt: not null } => LicenceState.Revoked,
        { ValidUntil: { } until } when until < Today => LicenceState.Expired,
        _ => LicenceState.Valid,
    };

    public async Task OnGetAsync(string code)
    {
        Code = code;
        Today = GuatemalaTime.Today(clock.GetUtcNow());
        var normalized = VerificationCodes.Normalize(code);
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
            // What the resolution says was frozen when it was issued: later edits to the file or
            // the account never change what a verification shows.
            Resolution = await db.Resolutions.AsNoTracking()
                .Where(r => r.VerificationCode == normalized)
                .Select(r => new ResolutionView(r.Kind, r.Number, r.Holder, r.Establishment, r.Procedure, r.IssuedAt, r.ValidFrom, r.ValidUntil, r.RevokedAt))
                .FirstOrDefaultAsync();
        }

        if (Receipt is null && Resolution is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
