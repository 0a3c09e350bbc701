using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Review;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Review;

[Collection(SqliteApp.Name)]
public sealed class ResolutionServiceTests_Sqlite(SqliteAppFactory app) : ResolutionServiceTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class ResolutionServiceTests_Postgres(PostgresAppFactory app) : ResolutionServiceTests<PostgresAppFactory>(app);

/// ResolutionService on the real engines: numbering in the caller's transaction, what a resolution
/// freezes from the file, and revocation once.
public abstract class ResolutionServiceTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    private const string CodePattern = "^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{12}$";

    [Fact]
    public async Task Issue_TwoLicencesInARow_GetConsecutiveNumbersOfTheDepartmentAndYear()
    {
        var first = await NewSubmittedApplicationAsync();
        var second = await NewSubmittedApplicationAsync();

        var one = await app.IssueResolutionAsync(first.Id);
        var two = await app.IssueResolutionAsync(second.Id);

        var year = GuatemalaTime.ToLocal(one.IssuedAt).Year;
        Assert.Matches($"^DRCA-LIC-{year}-[0-9]{{6}}$", one.Number);
        Assert.Equal(Sequence(one.Number) + 1, Sequence(two.Number));
        Assert.Matches(CodePattern, one.VerificationCode);
        Assert.NotEqual(one.VerificationCode, two.VerificationCode);
    }

    [Fact]
    public async Task Issue_Rejection_HasItsOwnSeriesAndNoValidity()
    {
        var licensed = await NewSubmittedApplicationAsync();
        var rejected = await NewSubmittedApplicationAsync();
        var licence = await app.IssueResolutionAsync(licensed.Id);

        var rejection = await app.IssueResolutionAsync(rejected.Id, ResolutionKind.Rejection);

        Assert.Matches($"^DRCA-RES-{GuatemalaTime.ToLocal(rejection.IssuedAt).Year}-[0-9]{{6}}$", rejection.Number);
        Assert.Equal(ResolutionKind.Rejection, rejection.Kind);
        Assert.Equal(ResolutionFlows.RejectionGrounds, rejection.Grounds);
        Assert.Null(rejection.ValidUntil);
        Assert.Equal(GuatemalaTime.Today(rejection.IssuedAt), rejection.ValidFrom);
        // The licence series did not move for the denial.
        var next = await app.IssueResolutionAsync((await NewSubmittedApplicationAsync()).Id);
        Assert.Equal(Sequence(licence.Number) + 1, Sequence(next.Number));
    }

    [Fact]
    public async Task Issue_Licence_FreezesThePersonEstablishmentAndFiveYearsOfValidity()
    {
        var application = await NewSubmittedApplicationAsync();
        var user = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == application.Owner.Email));
        // 10:00 on 15 March 2026 in Guatemala.
        var now = new DateTimeOffset(2026, 3, 15, 16, 0, 0, TimeSpan.Zero);

        var licence = await app.IssueResolutionAsync(application.Id, now: now);

        var stored = (await app.FindResolutionAsync(application.Id))!;
        Assert.Equal(licence.Number, stored.Number);
        Assert.Equal(user.FullName, stored.Holder);
        Assert.Equal(user.Cui, stored.HolderId);
        Assert.Equal(TestData.EstablishmentName, stored.Establishment);
        Assert.Equal($"{TestData.EstablishmentAddress}, Mixco, Guatemala", stored.EstablishmentAddress);
        Assert.Equal("Licencia sanitaria de fábrica de alimentos", stored.Procedure);
        Assert.Equal(application.FileNumber, stored.FileNumber);
        Assert.Equal(ResolutionFlows.SignedBy, stored.SignedBy);
        Assert.Equal("jefe-de-prueba", stored.IssuedById);
        Assert.Equal(now, stored.IssuedAt);
        Assert.Equal(new DateOnly(2026, 3, 15), stored.ValidFrom);
        Assert.Equal(new DateOnly(2031, 3, 14), stored.ValidUntil);
        Assert.Null(stored.Grounds);
        Assert.Null(stored.RevokedAt);
    }

    [Fact]
    public async Task Issue_ForACompany_TheHolderIsTheCompanyWithItsNit()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true, Kind = ApplicantKind.Company });

        var licence = await app.IssueResolutionAsync(application.Id);

        Assert.Equal(TestData.CompanyName, licence.Holder);
        Assert.Equal(TestData.CompanyNit, licence.HolderId);
    }

    [Fact]
    public async Task Issue_OnNewYearsEveInGuatemala_CountsInThatYearAndDay()
    {
        var application = await NewSubmittedApplicationAsync();
        // 1 January 2027, 03:00 UTC is still 31 December 2026 in Guatemala.
        var now = new DateTimeOffset(2027, 1, 1, 3, 0, 0, TimeSpan.Zero);

        var licence = await app.IssueResolutionAsync(application.Id, now: now);

        Assert.StartsWith("DRCA-LIC-2026-", licence.Number, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 12, 31), licence.ValidFrom);
        Assert.Equal(new DateOnly(2031, 12, 30), licence.ValidUntil);
    }

    [Fact]
    public async Task Issue_WhenTheCallerRollsBack_LeavesNeitherTheResolutionNorItsNumber()
    {
        var abandoned = await NewSubmittedApplicationAsync();
        var kept = await NewSubmittedApplicationAsync();

        var rolledBack = await app.IssueResolutionAsync(abandoned.Id, commit: false);
        var issued = await app.IssueResolutionAsync(kept.Id);

        Assert.Null(await app.FindResolutionAsync(abandoned.Id));
        Assert.Equal(rolledBack.Number, issued.Number);
    }

    [Fact]
    public async Task Issue_ASecondResolutionForTheSameFile_IsRefused()
    {
        var (application, licence) = await app.ApplicationWithResolutionAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => app.IssueResolutionAsync(application.Id, ResolutionKind.Rejection));

        Assert.Equal(licence.Number, (await app.FindResolutionAsync(application.Id))!.Number);
    }

    [Fact]
    public async Task Issue_OutsideATransaction_IsRefused()
    {
        var application = await NewSubmittedApplicationAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var loaded = await db.Applications.Include(a => a.ProcedureVersion).ThenInclude(v => v.Procedure).SingleAsync(a => a.Id == application.Id);
        var applicant = await db.Users.SingleAsync(u => u.Id == loaded.ApplicantId);
        var service = scope.ServiceProvider.GetRequiredService<ResolutionService>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => service.IssueAsync(loaded, applicant, ResolutionKind.Licence,
            "jefe-de-prueba", ResolutionFlows.SignedBy, null, DateTimeOffset.UtcNow, CancellationToken.None));
    }

    [Fact]
    public async Task Revoke_Licence_RecordsWhoWhenAndWhyInTheHoldersHistory()
    {
        var (application, licence) = await app.ApplicationWithResolutionAsync();
        var jefe = await app.CreateAccountAsync(Roles.Jefe);
        var jefeId = await app.UserIdAsync(jefe);

        var outcome = await app.RevokeAsync(licence.Id, "  Cierre ordenado por el área de salud.  ", jefeId);

        Assert.Equal(RevokeOutcome.Revoked, outcome);
        var stored = (await app.FindResolutionAsync(application.Id))!;
        Assert.NotNull(stored.RevokedAt);
        Assert.Equal(jefeId, stored.RevokedById);
        Assert.Equal("Cierre ordenado por el área de salud.", stored.RevocationReason);
        var saved = await app.FindApplicationAsync(application.Id);
        var revoked = Assert.Single(saved.Events, e => e.Kind == "licence-revoked");
        Assert.Equal(jefeId, revoked.ActorId);
        Assert.False(revoked.Internal);
        Assert.Equal($"{licence.Number}: Cierre ordenado por el área de salud.", revoked.Note);
        Assert.Equal(stored.RevokedAt, revoked.At);
    }

    [Fact]
    public async Task Revoke_Twice_TheSecondIsRefusedAndChangesNothing()
    {
        var (application, licence) = await app.ApplicationWithResolutionAsync();
        Assert.Equal(RevokeOutcome.Revoked, await app.RevokeAsync(licence.Id, "Primer motivo."));
        var first = (await app.FindResolutionAsync(application.Id))!;

        var second = await app.RevokeAsync(licence.Id, "Segundo motivo.", "otro-jefe");

        Assert.Equal(RevokeOutcome.AlreadyRevoked, second);
        var stored = (await app.FindResolutionAsync(application.Id))!;
        Assert.Equal((first.RevokedAt, first.RevokedById, "Primer motivo."), (stored.RevokedAt, stored.RevokedById, stored.RevocationReason));
        Assert.Single((await app.FindApplicationAsync(application.Id)).Events, e => e.Kind == "licence-revoked");
    }

    [Fact]
    public async Task Revoke_TwoHeadsAtOnce_OnlyOneRevokes()
    {
        var (application, licence) = await app.ApplicationWithResolutionAsync();

        var outcomes = await Task.WhenAll(
            app.RevokeAsync(licence.Id, "Motivo A.", "jefe-a"),
            app.RevokeAsync(licence.Id, "Motivo B.", "jefe-b"));

        Assert.Single(outcomes, o => o == RevokeOutcome.Revoked);
        Assert.Single(outcomes, o => o == RevokeOutcome.AlreadyRevoked);
        Assert.Single((await app.FindApplicationAsync(application.Id)).Events, e => e.Kind == "licence-revoked");
    }

    [Fact]
    public async Task Revoke_Rejection_IsRefused()
    {
        var (application, rejection) = await app.ApplicationWithResolutionAsync(ResolutionKind.Rejection);

        var outcome = await app.RevokeAsync(rejection.Id, "No aplica.");

        Assert.Equal(RevokeOutcome.NotALicence, outcome);
        Assert.Null((await app.FindResolutionAsync(application.Id))!.RevokedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Revoke_WithoutReason_IsRefused(string reason)
    {
        var (application, licence) = await app.ApplicationWithResolutionAsync();

        var outcome = await app.RevokeAsync(licence.Id, reason);

        Assert.Equal(RevokeOutcome.ReasonRequired, outcome);
        Assert.Null((await app.FindResolutionAsync(application.Id))!.RevokedAt);
    }

    [Fact]
    public async Task Revoke_UnknownResolution_IsNotFound() =>
        Assert.Equal(RevokeOutcome.NotFound, await app.RevokeAsync(Guid.NewGuid(), "Motivo."));

    private async Task<TestApplication> NewSubmittedApplicationAsync()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        return await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
    }

    private static int Sequence(string number) => int.Parse(number[^6..], CultureInfo.InvariantCulture);
}
