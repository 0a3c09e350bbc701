using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identifiers;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Notifications;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Verification;

namespace MspasTramite.Core.Review;

public enum RevokeOutcome
{
    Revoked,
    NotFound,

    /// Only a licence can be revoked; a denial has nothing to withdraw.
    NotALicence,
    AlreadyRevoked,
    ReasonRequired,
}

/// Issues the resolution that closes a file and revokes licences. What a resolution says is copied
/// from the file when it is issued, so later edits never change a document already handed out.
public sealed class ResolutionService(AppDbContext db, EmailOutbox outbox, TimeProvider clock)
{
    public const string LicenceRevokedEvent = "licence-revoked";

    /// The longest grounds and revocation reason the database keeps (ReviewConfigurations).
    public const int MaxGroundsLength = 4000;
    public const int MaxRevocationReasonLength = 1000;

    /// Numbers the resolution and adds it to the context. Runs inside the caller's open transaction
    /// (the workflow's decision) and neither saves nor commits: the number series row stays locked
    /// until the caller commits, so the number, the resolution and the decision land together or
    /// not at all. <paramref name="application"/> comes with ProcedureVersion.Procedure loaded.
    public async Task<Resolution> IssueAsync(Application application, ApplicationUser applicant, ResolutionKind kind, string issuedById, string signedBy, string? grounds, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(applicant);
        ArgumentException.ThrowIfNullOrWhiteSpace(issuedById);
        ArgumentException.ThrowIfNullOrWhiteSpace(signedBy);
        grounds = string.IsNullOrWhiteSpace(grounds) ? null : grounds.Trim();
        if (kind == ResolutionKind.Rejection && grounds is null)
        {
            throw new ArgumentException("A denial states its grounds.", nameof(grounds));
        }

        if (grounds is { Length: > MaxGroundsLength })
        {
            throw new ArgumentException($"Grounds longer than {MaxGroundsLength} characters.", nameof(grounds));
        }

        if (application.ApplicantId != applicant.Id)
        {
            throw new ArgumentException("The applicant is not the application's.", nameof(applicant));
        }

        if (db.Database.CurrentTransaction is null)
        {
            // Outside a transaction the number would be taken at once and lost if the decision failed.
            throw new InvalidOperationException("IssueAsync runs inside the caller's transaction.");
        }

        if (await db.Resolutions.AnyAsync(r => r.ApplicationId == application.Id, ct).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"Application {application.Id} already has its resolution.");
        }

        var version = application.ProcedureVersion;
        var department = version.Procedure.Department;
        var year = GuatemalaTime.ToLocal(now).Year;
        var series = kind == ResolutionKind.Licence ? "LIC" : "RES";
        var next = await NumberSeries.NextAsync(db, $"resolution:{series}:{department}", year, ct).ConfigureAwait(false);

        var company = application.ApplicantKind == ApplicantKind.Company;
        var validFrom = GuatemalaTime.Today(now);
        var resolution = new Resolution
        {
            Id = Guid.CreateVersion7(),
            ApplicationId = application.Id,
            Kind = kind,
            Number = $"{department}-{series}-{year}-{next:000000}",
            VerificationCode = VerificationCodes.New(),
            IssuedAt = now,
            IssuedById = issuedById,
            SignedBy = signedBy.Trim(),
            Holder = company ? application.CompanyName ?? applicant.FullName : applicant.FullName,
            HolderId = company ? application.CompanyNit : applicant.Cui,
            Establishment = application.EstablishmentName,
            EstablishmentAddress = AddressOf(application),
            Procedure = version.Name,
            FileNumber = application.FileNumber,
            Grounds = grounds,
            ValidFrom = validFrom,
            ValidUntil = ValidUntil(kind, validFrom, version.LicenceValidityYears),
        };
        db.Resolutions.Add(resolution);
        return resolution;
    }

    /// Withdraws a licence, once, for a stated reason. The holder sees it in their file's history,
    /// and /verificar reports the licence as revoked from then on.
    public async Task<RevokeOutcome> RevokeAsync(Guid resolutionId, string actorId, string reason, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actorId);
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            return RevokeOutcome.ReasonRequired;
        }

        if (reason.Length > MaxRevocationReasonLength)
        {
            throw new ArgumentException($"Reason longer than {MaxRevocationReasonLength} characters.", nameof(reason));
        }

        return await db.InTransactionAsync(async transaction =>
        {
            var resolution = await db.Resolutions.AsNoTracking().FirstOrDefaultAsync(r => r.Id == resolutionId, ct).ConfigureAwait(false);
            if (resolution is null)
            {
                return RevokeOutcome.NotFound;
            }

            if (resolution.Kind != ResolutionKind.Licence)
            {
                return RevokeOutcome.NotALicence;
            }

            // The conditional UPDATE is the gate: of two heads revoking at once, one changes the row.
            var now = clock.GetUtcNow();
            var revoked = await db.Resolutions
                .Where(r => r.Id == resolutionId && r.RevokedAt == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.RevokedAt, now)
                    .SetProperty(r => r.RevokedById, actorId)
                    .SetProperty(r => r.RevocationReason, reason), ct).ConfigureAwait(false);
            if (revoked == 0)
            {
                await transaction.RollbackAsync(ct).ConfigureAwait(false);
                return RevokeOutcome.AlreadyRevoked;
            }

            // Not internal: the holder is told that, and why, their licence was withdrawn.
            db.ApplicationEvents.Add(ApplicationEvent.Create(resolution.ApplicationId, now, LicenceRevokedEvent, actorId,
                note: $"{resolution.Number}: {reason}"));
            var holder = await (
                from a in db.Applications
                join u in db.Users on a.ApplicantId equals u.Id
                where a.Id == resolution.ApplicationId
                select u).AsNoTracking().SingleAsync(ct).ConfigureAwait(false);
            ReviewEmails.Revoked(outbox, holder, resolution, reason, now);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return RevokeOutcome.Revoked;
        }, ct).ConfigureAwait(false);
    }

    /// The last day the licence is valid: the day before its N-th anniversary (issued on 15/03/2026
    /// for 5 years, valid through 14/03/2031). Null when it never expires, and for a denial.
    public static DateOnly? ValidUntil(ResolutionKind kind, DateOnly validFrom, int validityYears)
    {
        if (kind != ResolutionKind.Licence || validityYears <= 0)
        {
            return null;
        }

        var anniversary = validFrom.AddYears(validityYears);
        if (anniversary.Day != validFrom.Day)
        {
            // Issued on 29 February: in a year without it the anniversary is 1 March, not 28 February.
            anniversary = anniversary.AddDays(1);
        }

        return anniversary.AddDays(-1);
    }

    private static string? AddressOf(Application application)
    {
        var place = GuatemalaGeography.PlaceName(application.DepartmentCode, application.MunicipalityCode);
        return (application.EstablishmentAddress, place) switch
        {
            (null or "", null) => null,
            (null or "", _) => place,
            (_, null) => application.EstablishmentAddress,
            _ => $"{application.EstablishmentAddress}, {place}",
        };
    }
}
