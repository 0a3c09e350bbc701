using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Web.Tests.Publishing;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Citizen.Applications;

[Collection(SqliteApp.Name)]
public sealed class VersionMoveTests_Sqlite(SqliteAppFactory app) : VersionMoveTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class VersionMoveTests_Postgres(PostgresAppFactory app) : VersionMoveTests<PostgresAppFactory>(app);

/// Issue 11, "what publishing does to applications": a draft started under the old version moves to the
/// new one at its next step and the citizen is told what changed; submitted and paid files never move.
/// Each test publishes versions of a procedure of its own (PublishedProcedures), never of the seed's.
public abstract class VersionMoveTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    private const string BannerTitle = "Este trámite cambió mientras usted llenaba su solicitud";
    private const string Reason = "Se pide el plano, como manda el reglamento.";

    private static void AddPlanAndRaiseFee(ProcedureVersion v)
    {
        v.FixedFee = 150m;
        v.Requirements.Add(new() { Code = "plano", Name = "Plano de distribución", Description = "Áreas del local.", LegalBasis = "Acuerdo Gubernativo 969-99, art. 10" });
    }

    [Fact]
    public async Task Get_StepAfterPublication_MovesDraftAndBannerListsNewRequirementAndFee()
    {
        var (procedureId, slug) = await PublishedProcedures.CreateAsync(app.Services);
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = slug });
        var before = await app.FindApplicationAsync(application.Id);
        var v2 = await PublishedProcedures.PublishNewVersionAsync(app.Services, procedureId, AddPlanAndRaiseFee, Reason);
        using var browser = await app.SignedInSessionAsync(citizen);

        var page = await browser.GetPageAsync(application.Url + "/documentos");

        var banner = page.Document.QuerySelector(".version-moved")!;
        Assert.NotNull(banner);
        Assert.Contains(BannerTitle, banner.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            ["Nuevo requisito: Plano de distribución.", "La tarifa cambia de Q100.00 a Q150.00."],
            banner.QuerySelectorAll(".version-changes li").Select(li => li.TextContent.Trim()).ToList());
        Assert.Equal(application.Url + "/cambios?paso=documentos", banner.QuerySelector("a")!.GetAttribute("href"));
        // The new requirement asks for its file; the one uploaded under version 1 is still attached.
        Assert.NotNull(page.Document.QuerySelector(FilingFlows.UploadForm("plano")));
        Assert.Contains("formulario.pdf", page.Document.QuerySelector("#req-formulario")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("#ya-no-se-piden"));

        var after = await app.FindApplicationAsync(application.Id);
        Assert.Equal(v2.Id, after.ProcedureVersionId);
        Assert.Equal(before.ProcedureVersionId, after.MovedFromVersionId);
        Assert.Equal(before.Documents.Select(d => (d.Id, d.RequirementCode)), after.Documents.Select(d => (d.Id, d.RequirementCode)));
        Assert.Single(after.Events, e => e.Kind == "version-moved");

        var review = await browser.GetPageAsync(application.Url + "/revision");
        Assert.Equal("Q150.00", review.Document.QuerySelector(".fee")?.TextContent);
        Assert.Contains("Plano de distribución", review.Document.QuerySelector(".warning")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(review.Document.QuerySelector(".version-moved"));
    }

    [Fact]
    public async Task Get_EveryStepOfAMovedDraft_ShowsTheBanner()
    {
        var (procedureId, slug) = await PublishedProcedures.CreateAsync(app.Services);
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = slug });
        await PublishedProcedures.PublishNewVersionAsync(app.Services, procedureId, AddPlanAndRaiseFee, Reason);
        using var browser = await app.SignedInSessionAsync(citizen);

        foreach (var step in (string[])["solicitante", "establecimiento", "documentos", "revision"])
        {
            var page = await browser.GetPageAsync($"{application.Url}/{step}");
            Assert.True(page.Document.QuerySelector(".version-moved") is not null, $"No banner on {step}.");
        }
    }

    [Fact]
    public async Task Changes_ListsAllChangesAndEntendidoClearsTheBanner()
    {
        var (procedureId, slug) = await PublishedProcedures.CreateAsync(app.Services);
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = slug });
        await PublishedProcedures.PublishNewVersionAsync(app.Services, procedureId, v =>
        {
            AddPlanAndRaiseFee(v);
            v.Description = "Una descripción nueva del trámite.";
        }, Reason);
        using var browser = await app.SignedInSessionAsync(citizen);

        var changes = await browser.GetPageAsync(application.Url + "/cambios?paso=documentos");

        Assert.Equal("Cambios en el trámite", changes.Title);
        Assert.Contains("Motivo: " + Reason, changes.Text, StringComparison.Ordinal);
        var lists = changes.Document.QuerySelectorAll(".version-changes").Select(ul => ul.QuerySelectorAll("li").Select(li => li.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(
            [["Nuevo requisito: Plano de distribución.", "La tarifa cambia de Q100.00 a Q150.00."], ["Se reescribió la descripción."]],
            lists);

        using var acknowledged = await browser.SubmitAsync(changes, new Dictionary<string, string?>());

        Assert.Equal(application.Url + "/documentos", acknowledged.RedirectPath());
        Assert.Null((await app.FindApplicationAsync(application.Id)).MovedFromVersionId);
        var documents = await browser.FollowAsync(acknowledged);
        Assert.Null(documents.Document.QuerySelector(".version-moved"));
        var again = await browser.GetPageAsync(application.Url + "/cambios");
        Assert.Contains("No hay cambios pendientes de leer.", again.Text, StringComparison.Ordinal);
        Assert.Null(again.Document.QuerySelector("main form[method=post]"));
    }

    [Fact]
    public async Task Changes_PostWithUnknownStep_GoesToTheApplicationPage()
    {
        var (procedureId, slug) = await PublishedProcedures.CreateAsync(app.Services);
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = slug });
        await PublishedProcedures.PublishNewVersionAsync(app.Services, procedureId, AddPlanAndRaiseFee, Reason);
        using var browser = await app.SignedInSessionAsync(citizen);
        var changes = await browser.GetPageAsync(application.Url + "/cambios");

        using var response = await browser.SubmitAsync(changes, new Dictionary<string, string?> { ["paso"] = "//evil.example/x" });

        Assert.Equal(application.Url, response.RedirectPath());
        Assert.Null((await app.FindApplicationAsync(application.Id)).MovedFromVersionId);
    }

    [Fact]
    public async Task Move_IsIdempotentAndSafeFromTwoTabs()
    {
        var (procedureId, slug) = await PublishedProcedures.CreateAsync(app.Services);
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = slug });
        var userId = await app.UserIdAsync(citizen);
        var v2 = await PublishedProcedures.PublishNewVersionAsync(app.Services, procedureId, AddPlanAndRaiseFee, Reason);

        // Two tabs read the draft under version 1; both open a step.
        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var firstService = first.ServiceProvider.GetRequiredService<ApplicationService>();
        var secondService = second.ServiceProvider.GetRequiredService<ApplicationService>();
        var firstCopy = (await firstService.FindForApplicantAsync(application.Id, userId))!;
        var secondCopy = (await secondService.FindForApplicantAsync(application.Id, userId))!;

        var (_, firstMoved) = await firstService.MoveToPublishedAsync(firstCopy, userId);
        var (secondResult, secondMoved) = await secondService.MoveToPublishedAsync(secondCopy, userId);

        Assert.True(firstMoved);
        Assert.False(secondMoved);
        Assert.Equal(v2.Id, secondResult.ProcedureVersionId);
        using (var browser = await app.SignedInSessionAsync(citizen))
        {
            await browser.GetPageAsync(application.Url + "/documentos");
            await browser.GetPageAsync(application.Url + "/revision");
        }

        var stored = await app.FindApplicationAsync(application.Id);
        Assert.Equal(v2.Id, stored.ProcedureVersionId);
        Assert.Single(stored.Events, e => e.Kind == "version-moved");
        Assert.Equal(application.Documents.Count, stored.Documents.Count);
    }

    [Fact]
    public async Task Publication_LeavesSubmittedAndPaidFilesWithTheirVersionFeeAndLegalTime()
    {
        var (procedureId, slug) = await PublishedProcedures.CreateAsync(app.Services);
        var citizen = await app.CreatePersonAsync(Roles.Solicitante);
        var submitted = await TestData.CreateApplicationAsync(app, citizen.Account, new() { Procedure = slug, Submitted = true });
        var paid = await app.ReceivedAsync(slug, citizen: citizen);
        var submittedBefore = await app.FindApplicationAsync(submitted.Id);
        var paidBefore = await app.FindApplicationAsync(paid.Id);
        await PublishedProcedures.PublishNewVersionAsync(app.Services, procedureId, v =>
        {
            AddPlanAndRaiseFee(v);
            v.LegalTimeDays = 20;
        }, Reason);
        using var browser = await app.SignedInSessionAsync(citizen.Account);

        foreach (var id in (Guid[])[submitted.Id, paid.Id])
        {
            var details = await browser.GetPageAsync($"/mis-solicitudes/{id}");
            Assert.Null(details.Document.QuerySelector(".version-moved"));
            using var step = await browser.GetAsync($"/mis-solicitudes/{id}/documentos");
            Assert.Equal($"/mis-solicitudes/{id}", step.RedirectPath());
            using var changes = await browser.GetAsync($"/mis-solicitudes/{id}/cambios");
            Assert.Equal($"/mis-solicitudes/{id}", changes.RedirectPath());
            await using var scope = app.Services.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<ApplicationService>();
            var loaded = (await service.FindForApplicantAsync(id, citizen.Id))!;
            Assert.False((await service.MoveToPublishedAsync(loaded, citizen.Id)).Moved);
        }

        foreach (var (before, id) in (IEnumerable<(Application, Guid)>)[(submittedBefore, submitted.Id), (paidBefore, paid.Id)])
        {
            var after = await app.FindApplicationAsync(id);
            Assert.Equal(before.ProcedureVersionId, after.ProcedureVersionId);
            Assert.Null(after.MovedFromVersionId);
            Assert.Equal(100m, after.FeeAmount);
            Assert.Equal((before.Status, before.SlaDueOn, before.SlaWarnOn), (after.Status, after.SlaDueOn, after.SlaWarnOn));
            Assert.DoesNotContain(after.Events, e => e.Kind == "version-moved");
        }

        var legalTime = await app.WithDbAsync(db => db.Applications.Where(a => a.Id == paid.Id).Select(a => a.ProcedureVersion.LegalTimeDays).SingleAsync());
        Assert.Equal(30, legalTime);
        Assert.NotNull(paidBefore.SlaDueOn);
    }

    [Fact]
    public async Task Review_PostedFromThePageOfTheOldVersion_IsNotSentUntilTheCitizenSawTheChanges()
    {
        var (procedureId, slug) = await PublishedProcedures.CreateAsync(app.Services);
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = slug });
        using var browser = await app.SignedInSessionAsync(citizen);
        var review = await browser.GetPageAsync(application.Url + "/revision");
        await PublishedProcedures.PublishNewVersionAsync(app.Services, procedureId, v => v.FixedFee = 150m, "La tarifa se actualizó por acuerdo ministerial.");

        using var response = await browser.SubmitAsync(review, new Dictionary<string, string?>());

        var page = await response.ReadPageAsync();
        Assert.Contains(page.SummaryErrors, e => e.Message.Contains("Revise los cambios antes de enviarla.", StringComparison.Ordinal));
        Assert.Contains("La tarifa cambia de Q100.00 a Q150.00.", page.Document.QuerySelector(".version-moved")!.TextContent, StringComparison.Ordinal);
        var stored = await app.FindApplicationAsync(application.Id);
        Assert.Equal(ApplicationStatus.Draft, stored.Status);
        Assert.Null(stored.FileNumber);

        // Sent again from the page that showed the new fee: it goes, at the new fee, with nothing left to read.
        using var sent = await browser.SubmitAsync(page, new Dictionary<string, string?>());
        Assert.Equal(application.Url, sent.RedirectPath());
        var filed = await app.FindApplicationAsync(application.Id);
        Assert.Equal(150m, filed.FeeAmount);
        Assert.Null(filed.MovedFromVersionId);
    }

    [Fact]
    public async Task Move_ToAVersionWithoutTheChosenCategory_AsksForTheCategoryAgain()
    {
        var (procedureId, slug) = await PublishedProcedures.CreateAsync(app.Services, v =>
        {
            v.FixedFee = null;
            v.Categories = [new() { Code = "pequena", Name = "Pequeña", Amount = 100m }, new() { Code = "grande", Name = "Grande", Amount = 300m }];
        });
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = slug, Category = "pequena" });
        Assert.Equal("pequena", (await app.FindApplicationAsync(application.Id)).CategoryCode);
        await PublishedProcedures.PublishNewVersionAsync(app.Services, procedureId, v =>
            v.Categories = [new() { Code = "mediana", Name = "Mediana", Amount = 150m }, new() { Code = "grande", Name = "Grande", Amount = 300m }],
            "Se reorganizan las categorías por tamaño.");
        using var browser = await app.SignedInSessionAsync(citizen);

        var fee = await browser.GetPageAsync(application.Url + "/arancel");

        Assert.Null(fee.CheckedValue("Category"));
        var banner = fee.Document.QuerySelector(".version-moved")!.TextContent;
        Assert.Contains("Se elimina la categoría Pequeña.", banner, StringComparison.Ordinal);
        Assert.Contains("Nueva categoría: Mediana, Q150.00.", banner, StringComparison.Ordinal);
        Assert.Null((await app.FindApplicationAsync(application.Id)).CategoryCode);
        var review = await browser.GetPageAsync(application.Url + "/revision");
        Assert.Contains("Elija la categoría del establecimiento.", review.Document.QuerySelector(".warning")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Move_ToAVersionWithoutARequirement_KeepsItsDocumentApartAndUncounted()
    {
        var (procedureId, slug) = await PublishedProcedures.CreateAsync(app.Services, v =>
            v.Requirements.Add(new() { Code = "patente", Name = "Patente de comercio", Description = "Copia.", LegalBasis = "Código de Comercio" }));
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = slug });
        await PublishedProcedures.PublishNewVersionAsync(app.Services, procedureId, v => v.Requirements.RemoveAll(r => r.Code == "patente"),
            "El Estado ya tiene el dato de la patente (Decreto 5-2021, art. 6).");
        using var browser = await app.SignedInSessionAsync(citizen);

        var documents = await browser.GetPageAsync(application.Url + "/documentos");

        Assert.Contains("Ya no se pide: Patente de comercio.", documents.Document.QuerySelector(".version-moved")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("patente.pdf", documents.Document.QuerySelector("#ya-no-se-piden")!.TextContent, StringComparison.Ordinal);
        var changes = await browser.GetPageAsync(application.Url + "/cambios");
        Assert.Contains("patente.pdf", changes.Text, StringComparison.Ordinal);
        var stored = await app.FindApplicationAsync(application.Id);
        Assert.Contains(stored.Documents, d => d.RequirementCode == "patente");
        var review = await browser.GetPageAsync(application.Url + "/revision");
        Assert.Null(review.Document.QuerySelector(".warning"));
    }

    [Fact]
    public async Task Move_Twice_BeforeAcknowledging_ListsEverythingSinceTheFirstVersion()
    {
        var (procedureId, slug) = await PublishedProcedures.CreateAsync(app.Services);
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = slug });
        var v1 = (await app.FindApplicationAsync(application.Id)).ProcedureVersionId;
        using var browser = await app.SignedInSessionAsync(citizen);
        await PublishedProcedures.PublishNewVersionAsync(app.Services, procedureId, v => v.FixedFee = 150m, "La tarifa se actualizó por acuerdo ministerial.");
        await browser.GetPageAsync(application.Url + "/solicitante");
        var v3 = await PublishedProcedures.PublishNewVersionAsync(app.Services, procedureId, v => v.LegalTimeDays = 20, "El plazo se reduce por la simplificación.");

        var page = await browser.GetPageAsync(application.Url + "/solicitante");

        var stored = await app.FindApplicationAsync(application.Id);
        Assert.Equal((v3.Id, v1), (stored.ProcedureVersionId, stored.MovedFromVersionId));
        Assert.Equal(
            ["La tarifa cambia de Q100.00 a Q150.00.", "El plazo legal cambia de 30 días hábiles a 20 días hábiles."],
            page.Document.QuerySelectorAll(".version-moved .version-changes li").Select(li => li.TextContent.Trim()).ToList());
        Assert.Equal(2, stored.Events.Count(e => e.Kind == "version-moved"));
    }

    [Fact]
    public async Task Move_WhenOnlyWordingChanged_MovesWithoutABanner()
    {
        var (procedureId, slug) = await PublishedProcedures.CreateAsync(app.Services);
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = slug });
        var v2 = await PublishedProcedures.PublishNewVersionAsync(app.Services, procedureId, v => v.Summary = "Un resumen más claro del trámite.", "Se aclara el resumen para el público.");
        using var browser = await app.SignedInSessionAsync(citizen);

        var page = await browser.GetPageAsync(application.Url + "/documentos");

        Assert.Null(page.Document.QuerySelector(".version-moved"));
        var stored = await app.FindApplicationAsync(application.Id);
        Assert.Equal((v2.Id, (Guid?)null), (stored.ProcedureVersionId, stored.MovedFromVersionId));
    }

    [Fact]
    public async Task Changes_OfAnotherCitizensApplication_IsNotFoundAndChangesNothing()
    {
        var (procedureId, slug) = await PublishedProcedures.CreateAsync(app.Services);
        var owner = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, owner, new() { Procedure = slug });
        var someoneElse = await app.CreateAccountAsync(Roles.Solicitante);
        var theirs = await TestData.CreateApplicationAsync(app, someoneElse, new() { Procedure = slug });
        await PublishedProcedures.PublishNewVersionAsync(app.Services, procedureId, AddPlanAndRaiseFee, Reason);
        using (var ownerBrowser = await app.SignedInSessionAsync(owner))
        {
            await ownerBrowser.GetPageAsync(application.Url + "/documentos");
        }

        var before = await app.FindApplicationAsync(application.Id);
        Assert.NotNull(before.MovedFromVersionId);
        using var browser = await app.SignedInSessionAsync(someoneElse);

        await PageAssert.IsNotFoundAsync(await browser.GetAsync(application.Url + "/cambios"));
        // Their own, valid form and token, aimed at the other application.
        var own = await browser.GetPageAsync(theirs.Url + "/cambios");
        var aimed = FilingFlows.AimForm(own, "main form[method=post]", application.Url + "/cambios");
        using var posted = await browser.SubmitAsync(own, new Dictionary<string, string?>(), aimed);

        await PageAssert.IsNotFoundAsync(posted);
        var after = await app.FindApplicationAsync(application.Id);
        Assert.Equal((before.MovedFromVersionId, before.ConcurrencyStamp), (after.MovedFromVersionId, after.ConcurrencyStamp));
    }

    [Fact]
    public async Task Changes_WhenAnonymousOrStaff_IsRefused()
    {
        using var anonymous = app.CreateSession();
        PageAssert.RedirectsToSignIn(await anonymous.GetAsync($"/mis-solicitudes/{Guid.NewGuid()}/cambios"));
        var analyst = await app.CreateAccountAsync(Roles.Analista);
        using var staff = await app.SignedInSessionAsync(analyst);
        PageAssert.IsDenied(await staff.GetAsync($"/mis-solicitudes/{Guid.NewGuid()}/cambios"));
    }
}
