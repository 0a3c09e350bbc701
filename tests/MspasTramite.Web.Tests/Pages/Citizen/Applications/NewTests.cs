using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Citizen.Applications;

[Collection(SqliteApp.Name)]
public sealed class NewTests_Sqlite(SqliteAppFactory app) : NewTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class NewTests_Postgres(PostgresAppFactory app) : NewTests<PostgresAppFactory>(app);

/// /mis-solicitudes/nueva?tramite=slug: starts a draft of the procedure's published version, and
/// offers the draft the person already has instead of a second one.
public abstract class NewTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Theory]
    [InlineData(ProcedureSlugs.FoodFactory, 5)]
    [InlineData(ProcedureSlugs.HealthEstablishment, 6)]
    [InlineData(ProcedureSlugs.ProcessedFood, 5)]
    public async Task Get_ShowsHowManyStepsTheFormHas(string slug, int steps)
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = await app.SignedInSessionAsync(citizen);

        var page = await browser.GetPageAsync("/mis-solicitudes/nueva?tramite=" + slug);

        Assert.Equal("Iniciar solicitud", page.Title);
        Assert.Contains($"Llenará la solicitud en {steps} pasos.", page.Text, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("main .notice"));
    }

    [Fact]
    public async Task Post_CreatesDraftAndOpensApplicantStep()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await browser.SubmitAsync("/mis-solicitudes/nueva?tramite=" + ProcedureSlugs.FoodFactory, new Dictionary<string, string?>());

        var userId = await app.UserIdAsync(citizen);
        var created = await app.WithDbAsync(db => db.Applications.AsNoTracking().Include(a => a.ProcedureVersion).ThenInclude(v => v.Procedure).SingleAsync(a => a.ApplicantId == userId));
        Assert.Equal($"/mis-solicitudes/{created.Id}/solicitante", response.RedirectPath());
        Assert.Equal(ApplicationStatus.Draft, created.Status);
        Assert.Equal(ProcedureSlugs.FoodFactory, created.ProcedureVersion.Procedure.Slug);
        Assert.Null(created.FileNumber);
        Assert.Null(created.FeeAmount);
        var history = (await app.FindApplicationAsync(created.Id)).Events;
        Assert.Equal("draft-created", Assert.Single(history).Kind);
        var step = await browser.FollowAsync(response);
        Assert.Equal("Solicitante", step.Title);
    }

    [Fact]
    public async Task Get_WhenDraftOfSameProcedureExists_OffersToContinueIt()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var draft = await TestData.CreateApplicationAsync(app, citizen, new() { FilledThrough = null });
        using var browser = await app.SignedInSessionAsync(citizen);

        var page = await browser.GetPageAsync("/mis-solicitudes/nueva?tramite=" + ProcedureSlugs.FoodFactory);

        var notice = page.Document.QuerySelector("main .notice");
        Assert.NotNull(notice);
        Assert.Contains("Ya tiene un borrador de este trámite.", notice.TextContent, StringComparison.Ordinal);
        Assert.Equal("Continuar el borrador", notice.QuerySelector($"a[href='{draft.Url}']")?.TextContent);
    }

    [Fact]
    public async Task Get_WhenOnlyDraftsOfOtherProceduresOrSubmittedOnes_OffersNothing()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = ProcedureSlugs.ProcessedFood, FilledThrough = null });
        await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
        var someoneElse = await app.CreateAccountAsync(Roles.Solicitante);
        await TestData.CreateApplicationAsync(app, someoneElse, new() { FilledThrough = null });
        using var browser = await app.SignedInSessionAsync(citizen);

        var page = await browser.GetPageAsync("/mis-solicitudes/nueva?tramite=" + ProcedureSlugs.FoodFactory);

        Assert.Null(page.Document.QuerySelector("main .notice"));
        Assert.DoesNotContain("Ya tiene un borrador", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/mis-solicitudes/nueva?tramite=no-existe")]
    [InlineData("/mis-solicitudes/nueva?tramite=")]
    [InlineData("/mis-solicitudes/nueva")]
    public async Task Get_WhenProcedureUnknownOrMissing_Returns404(string url)
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await browser.GetAsync(url);

        await PageAssert.IsNotFoundAsync(response);
    }

    [Fact]
    public async Task Post_WhenProcedureUnknown_Returns404AndCreatesNothing()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = await app.SignedInSessionAsync(citizen);
        var page = await browser.GetPageAsync("/mis-solicitudes/nueva?tramite=" + ProcedureSlugs.FoodFactory);
        var form = FilingFlows.AimForm(page, "main form", "/mis-solicitudes/nueva?tramite=no-existe");

        using var response = await browser.SubmitAsync(page, new Dictionary<string, string?>(), form);

        await PageAssert.IsNotFoundAsync(response);
        var userId = await app.UserIdAsync(citizen);
        Assert.False(await app.WithDbAsync(db => db.Applications.AnyAsync(a => a.ApplicantId == userId)));
    }
}
