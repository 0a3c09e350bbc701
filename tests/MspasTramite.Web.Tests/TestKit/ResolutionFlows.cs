using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Review;

namespace MspasTramite.Web.Tests.TestKit;

/// Resolutions for the tests, issued the way the workflow issues them: ResolutionService inside a
/// transaction that the caller saves and commits.
public static class ResolutionFlows
{
    public const string SignedBy = "Marta Jefa de Prueba, Jefa de sección";
    public const string RejectionGrounds = "El croquis presentado no corresponde a la planta inspeccionada.";

    /// A citizen's submitted application with a licence (or a denial) issued now.
    public static async Task<(TestApplication Application, Resolution Resolution)> ApplicationWithResolutionAsync(
        this MspasAppFactory app, ResolutionKind kind = ResolutionKind.Licence, ApplicantKind applicant = ApplicantKind.Person)
    {
        ArgumentNullException.ThrowIfNull(app);
        var citizen = await app.CreateAccountAsync(Core.Identity.Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true, Kind = applicant });
        var resolution = await app.IssueResolutionAsync(application.Id, kind);
        return (application, resolution);
    }

    public static async Task<Resolution> IssueResolutionAsync(this MspasAppFactory app, Guid applicationId, ResolutionKind kind = ResolutionKind.Licence,
        DateTimeOffset? now = null, bool commit = true, string issuedById = "jefe-de-prueba")
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var service = scope.ServiceProvider.GetRequiredService<ResolutionService>();
        var at = now ?? scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        return await db.InTransactionAsync(async transaction =>
        {
            var application = await db.Applications.Include(a => a.ProcedureVersion).ThenInclude(v => v.Procedure).SingleAsync(a => a.Id == applicationId);
            var applicant = await db.Users.SingleAsync(u => u.Id == application.ApplicantId);
            var resolution = await service.IssueAsync(application, applicant, kind, issuedById, SignedBy,
                kind == ResolutionKind.Rejection ? RejectionGrounds : null, at, CancellationToken.None);
            await db.SaveChangesAsync();
            if (commit)
            {
                await transaction.CommitAsync();
            }
            else
            {
                await transaction.RollbackAsync();
            }

            return resolution;
        });
    }

    public static Task<Resolution?> FindResolutionAsync(this MspasAppFactory app, Guid applicationId)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.WithDbAsync(db => db.Resolutions.AsNoTracking().FirstOrDefaultAsync(r => r.ApplicationId == applicationId));
    }

    /// Moves a licence's last day (to put it just in force, or just expired, today).
    public static Task SetValidUntilAsync(this MspasAppFactory app, Guid resolutionId, DateOnly? validUntil)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.WithDbAsync(db => db.Resolutions.Where(r => r.Id == resolutionId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ValidUntil, validUntil)));
    }

    public static async Task<RevokeOutcome> RevokeAsync(this MspasAppFactory app, Guid resolutionId, string reason, string actorId = "jefe-de-prueba")
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ResolutionService>().RevokeAsync(resolutionId, actorId, reason, CancellationToken.None);
    }

    /// Today in Guatemala, as the verification page counts it.
    public static DateOnly GuatemalaToday() => GuatemalaTime.Today(DateTimeOffset.UtcNow);
}
