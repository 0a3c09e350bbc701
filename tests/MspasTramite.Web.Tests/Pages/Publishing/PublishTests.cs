using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Web.Tests.Publishing;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Publishing;

[Collection(SqliteApp.Name)]
public sealed class PublishTests_Sqlite(SqliteAppFactory app) : PublishTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class PublishTests_Postgres(PostgresAppFactory app) : PublishTests<PostgresAppFactory>(app);

/// /admin/tramites/{id}/publicar: the draft's problems, what changes for the public, the reason, and
/// publication, which archives the version before it.
public abstract class PublishTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    private const string PublishForm = "main form[method=post]";

    [Theory]
    [MemberData(nameof(DraftProblems.All), MemberType = typeof(DraftProblems))]
    public async Task Get_DraftWithAProblem_ListsItWithALinkToItsSectionAndOffersNoPublishButton(string problem, string message)
    {
        var (procedureId, _) = await PublishedProcedures.CreateAsync(app.Services);
        await PublishedProcedures.StartDraftAsync(app.Services, procedureId, v => DraftProblems.Break(v, problem));
        using var admin = await SignedInAdminAsync();

        var page = await admin.GetPageAsync($"/admin/tramites/{procedureId}/publicar");

        var listed = page.Document.QuerySelectorAll("#lista-de-problemas li").ToList();
        var item = Assert.Single(listed);
        Assert.StartsWith(message, item.TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith($"/admin/tramites/{procedureId}/borrador/", item.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector(PublishForm));
    }

    [Theory]
    [MemberData(nameof(DraftProblems.All), MemberType = typeof(DraftProblems))]
    public async Task Post_DraftWithAProblem_IsRefusedAndStaysADraft(string problem, string message)
    {
        var (procedureId, _) = await PublishedProcedures.CreateAsync(app.Services);
        var draft = await PublishedProcedures.StartDraftAsync(app.Services, procedureId, v => DraftProblems.Break(v, problem));
        using var admin = await SignedInAdminAsync();
        var token = (await admin.GetPageAsync($"/admin/tramites/{procedureId}/publicar")).AntiforgeryToken;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Stamp"] = draft.ConcurrencyStamp.ToString(),
            ["Reason"] = "Un motivo suficientemente largo.",
        });

        using var response = await admin.Client.PostAsync(new Uri($"/admin/tramites/{procedureId}/publicar", UriKind.Relative), content);

        var page = await response.ReadPageAsync();
        Assert.Contains(page.SummaryErrors, e => e.Message == "No se publicó: el borrador tiene problemas. Corríjalos y vuelva a intentarlo.");
        Assert.Contains(page.Document.QuerySelectorAll("#lista-de-problemas li"), li => li.TextContent.Trim().StartsWith(message, StringComparison.Ordinal));
        Assert.Equal(VersionStatus.Draft, await app.WithDbAsync(db => db.ProcedureVersions.Where(v => v.Id == draft.Id).Select(v => v.Status).SingleAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.ProcedureVersions.Where(v => v.ProcedureId == procedureId && v.Status == VersionStatus.Published).Select(v => v.Number).SingleAsync()));
    }

    [Theory]
    [InlineData("", "Explique en al menos 10 caracteres por qué cambia el trámite: se publica en su historial de cambios.")]
    [InlineData("Porque sí", "Explique en al menos 10 caracteres por qué cambia el trámite: se publica en su historial de cambios.")]
    public async Task Post_ReasonTooShort_ShowsTheErrorOnTheFieldKeepsItAndPublishesNothing(string reason, string message)
    {
        var (procedureId, _) = await PublishedProcedures.CreateAsync(app.Services);
        var draft = await PublishedProcedures.StartDraftAsync(app.Services, procedureId, v => v.FixedFee = 150m);
        using var admin = await SignedInAdminAsync();

        using var response = await admin.SubmitAsync($"/admin/tramites/{procedureId}/publicar", new Dictionary<string, string?> { ["Reason"] = reason }, PublishForm);

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Reason", message);
        Assert.Equal(reason, page.Document.QuerySelector("textarea[name=Reason]")!.TextContent.Trim());
        Assert.Equal(VersionStatus.Draft, await app.WithDbAsync(db => db.ProcedureVersions.Where(v => v.Id == draft.Id).Select(v => v.Status).SingleAsync()));
    }

    [Fact]
    public async Task Post_ReasonTooLong_ShowsTheErrorAndPublishesNothing()
    {
        var (procedureId, _) = await PublishedProcedures.CreateAsync(app.Services);
        var draft = await PublishedProcedures.StartDraftAsync(app.Services, procedureId, v => v.FixedFee = 150m);
        using var admin = await SignedInAdminAsync();
        var page = await admin.GetPageAsync($"/admin/tramites/{procedureId}/publicar");
        var token = page.AntiforgeryToken;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Stamp"] = page.InputValue("Stamp")!,
            ["Reason"] = new string('a', 1001),
        });

        using var response = await admin.Client.PostAsync(new Uri($"/admin/tramites/{procedureId}/publicar", UriKind.Relative), content);

        FormAssert.HasFieldError(await response.ReadPageAsync(), "Reason", "El motivo puede tener hasta 1000 caracteres.");
        Assert.Equal(VersionStatus.Draft, await app.WithDbAsync(db => db.ProcedureVersions.Where(v => v.Id == draft.Id).Select(v => v.Status).SingleAsync()));
    }

    [Fact]
    public async Task Get_InEnglish_ListsTheProblemsInEnglishWithTheirValues()
    {
        var (procedureId, _) = await PublishedProcedures.CreateAsync(app.Services);
        await PublishedProcedures.StartDraftAsync(app.Services, procedureId, v =>
        {
            DraftProblems.Break(v, "requirement-without-legal-basis");
            DraftProblems.Break(v, "empty-step");
        });
        using var admin = await SignedInAdminAsync();
        var spanish = await admin.GetPageAsync($"/admin/tramites/{procedureId}/publicar");
        using var switched = await admin.GetAsync(spanish.Document.QuerySelector("header a[href^='/idioma?']")!.GetAttribute("href")!);

        var page = await admin.FollowAsync(switched);

        Assert.Equal(
            ["The requirement \"Plano de distribución\" has no legal basis: Decreto 5-2021 does not allow asking for requirements without one.", "Step no. 2 is empty."],
            page.Document.QuerySelectorAll("#lista-de-problemas li").Select(li => li.ChildNodes[0].TextContent.Trim()));
    }

    [Fact]
    public async Task Get_ShowsWhatChangesForThePublic()
    {
        var (procedureId, _) = await PublishedProcedures.CreateAsync(app.Services);
        await PublishedProcedures.StartDraftAsync(app.Services, procedureId, v =>
        {
            v.FixedFee = 150m;
            v.Requirements.Add(new() { Code = "plano", Name = "Plano de distribución", Description = "Áreas del local.", LegalBasis = "Acuerdo Gubernativo 969-99, art. 10" });
        });
        using var admin = await SignedInAdminAsync();

        var page = await admin.GetPageAsync($"/admin/tramites/{procedureId}/publicar");

        Assert.Equal("Publicar el borrador 2", page.Title);
        Assert.Equal(
            ["Nuevo requisito: Plano de distribución.", "La tarifa cambia de Q100.00 a Q150.00."],
            page.Document.QuerySelectorAll(".version-changes li").Select(li => li.TextContent.Trim()));
        Assert.NotNull(page.Document.QuerySelector(PublishForm));
        Assert.Equal("Publicar la versión 2", page.Document.QuerySelector(PublishForm + " button")!.TextContent.Trim());
    }

    [Fact]
    public async Task Post_Valid_PublishesArchivesThePreviousVersionAndThePublicSeesIt()
    {
        var (procedureId, slug) = await PublishedProcedures.CreateAsync(app.Services);
        var draft = await PublishedProcedures.StartDraftAsync(app.Services, procedureId, v =>
        {
            v.FixedFee = 150m;
            v.Requirements.Add(new() { Code = "plano", Name = "Plano de distribución", Description = "Áreas del local.", LegalBasis = "Acuerdo Gubernativo 969-99, art. 10" });
        });
        using var admin = await SignedInAdminAsync();

        using var response = await admin.SubmitAsync($"/admin/tramites/{procedureId}/publicar", new Dictionary<string, string?> { ["Reason"] = "  Se pide el plano, como manda el reglamento.  " }, PublishForm);

        Assert.Equal($"/admin/tramites/{procedureId}", response.RedirectPath());
        var page = await admin.FollowAsync(response);
        Assert.Equal("Versión 2 publicada. La página pública y su historial de cambios ya la muestran; la versión anterior quedó archivada.", page.Notice);
        var versions = PublishingTables.Rows(page, "Versiones del trámite");
        Assert.Equal(["2", "En vigencia"], versions[0].Take(2));
        Assert.Equal(["1", "Archivada"], versions[1].Take(2));
        Assert.StartsWith("Publicó", PublishingTables.Rows(page, "Registro de cambios")[0][2], StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.ProcedureVersions.SingleAsync(v => v.Id == draft.Id));
        Assert.Equal(VersionStatus.Published, stored.Status);
        Assert.Equal("Se pide el plano, como manda el reglamento.", stored.ChangeReason);

        using var citizen = app.CreateSession();
        var details = await citizen.GetPageAsync($"/tramites/{slug}");
        Assert.Contains("Plano de distribución", details.Text, StringComparison.Ordinal);
        Assert.Contains("Q150.00", details.Text, StringComparison.Ordinal);
        var history = await citizen.GetPageAsync($"/tramites/{slug}/historial");
        Assert.Contains("Motivo: Se pide el plano, como manda el reglamento.", history.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_AfterAnotherPersonSavedTheDraft_IsAConflictAndShowsTheirVersion()
    {
        var (procedureId, _) = await PublishedProcedures.CreateAsync(app.Services);
        var draft = await PublishedProcedures.StartDraftAsync(app.Services, procedureId, v => v.FixedFee = 150m);
        using var admin = await SignedInAdminAsync();
        var page = await admin.GetPageAsync($"/admin/tramites/{procedureId}/publicar");
        await PublishedProcedures.EditDraftAsync(app.Services, draft, v => v.FixedFee = 200m);

        using var response = await admin.SubmitAsync(page, new Dictionary<string, string?> { ["Reason"] = "Se actualiza la tarifa del trámite." }, PublishForm);

        var after = await response.ReadPageAsync();
        Assert.Contains(after.SummaryErrors, e => e.Message.StartsWith("Otra persona guardó este borrador mientras usted lo editaba.", StringComparison.Ordinal));
        Assert.Contains("La tarifa cambia de Q100.00 a Q200.00.", after.Document.QuerySelectorAll(".version-changes li").Select(li => li.TextContent.Trim()));
        Assert.Equal("Se actualiza la tarifa del trámite.", after.Document.QuerySelector("textarea[name=Reason]")!.TextContent.Trim());
        Assert.Equal(VersionStatus.Draft, await app.WithDbAsync(db => db.ProcedureVersions.Where(v => v.Id == draft.Id).Select(v => v.Status).SingleAsync()));
    }

    [Fact]
    public async Task Post_AfterTheDraftWasPublishedElsewhere_SaysSoOnTheProcedurePage()
    {
        var (procedureId, _) = await PublishedProcedures.CreateAsync(app.Services);
        await PublishedProcedures.StartDraftAsync(app.Services, procedureId, v => v.FixedFee = 150m);
        using var admin = await SignedInAdminAsync();
        var page = await admin.GetPageAsync($"/admin/tramites/{procedureId}/publicar");
        using (var other = await SignedInAdminAsync())
        {
            using var first = await other.SubmitAsync($"/admin/tramites/{procedureId}/publicar", new Dictionary<string, string?> { ["Reason"] = "Publicado desde otra pestaña." }, PublishForm);
            Assert.Equal($"/admin/tramites/{procedureId}", first.RedirectPath());
        }

        using var response = await admin.SubmitAsync(page, new Dictionary<string, string?> { ["Reason"] = "Publicado por segunda vez." }, PublishForm);

        Assert.Equal($"/admin/tramites/{procedureId}", response.RedirectPath());
        Assert.StartsWith("Esta versión ya no es un borrador", (await admin.FollowAsync(response)).Notice, StringComparison.Ordinal);
        Assert.Equal("Publicado desde otra pestaña.", await app.WithDbAsync(db => db.ProcedureVersions.Where(v => v.ProcedureId == procedureId && v.Status == VersionStatus.Published).Select(v => v.ChangeReason).SingleAsync()));
    }

    [Fact]
    public async Task Post_AsAnalyst_IsDeniedAndPublishesNothing()
    {
        var (procedureId, _) = await PublishedProcedures.CreateAsync(app.Services);
        var draft = await PublishedProcedures.StartDraftAsync(app.Services, procedureId, v => v.FixedFee = 150m);
        using var analyst = await app.SignedInSessionAsync(await app.CreateAccountAsync(Roles.Analista));
        var page = await analyst.GetPageAsync($"/admin/tramites/{procedureId}/publicar");
        Assert.Null(page.Document.QuerySelector(PublishForm));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.AntiforgeryToken,
            ["Stamp"] = draft.ConcurrencyStamp.ToString(),
            ["Reason"] = "Un analista intenta publicar.",
        });

        using var response = await analyst.Client.PostAsync(new Uri($"/admin/tramites/{procedureId}/publicar", UriKind.Relative), content);

        PageAssert.IsDenied(response);
        Assert.Equal(VersionStatus.Draft, await app.WithDbAsync(db => db.ProcedureVersions.Where(v => v.Id == draft.Id).Select(v => v.Status).SingleAsync()));
    }

    private async Task<WebSession> SignedInAdminAsync() =>
        await app.SignedInSessionAsync(await app.CreateAccountAsync(Roles.AdministradorServicio));
}

/// One of each kind of problem that keeps a draft from being published, with the words the page uses.
internal static class DraftProblems
{
    public static TheoryData<string, string> All() => new()
    {
        { "requirement-without-legal-basis", "El requisito «Plano de distribución» no tiene base legal: el Decreto 5-2021 no permite pedir requisitos sin ella." },
        { "no-fee", "El trámite no tiene tarifa publicada: indique una tarifa fija o por categoría." },
        { "fee-to-be-confirmed", "La tarifa está marcada como «por confirmar»: publique la tarifa confirmada por el departamento." },
        { "empty-step", "El paso n.º 2 está vacío." },
        { "no-steps", "El trámite no tiene pasos: describa al menos uno." },
        { "no-legal-time", "Falta el plazo legal: un número de días mayor que cero." },
    };

    public static void Break(ProcedureVersion v, string problem)
    {
        switch (problem)
        {
            case "requirement-without-legal-basis":
                v.Requirements.Add(new() { Code = "plano", Name = "Plano de distribución", Description = "Áreas del local.", LegalBasis = "" });
                break;
            case "no-fee":
                v.FixedFee = null;
                break;
            case "fee-to-be-confirmed":
                v.FeeUncertain = true;
                v.FeeNote = "El departamento confirma la tarifa.";
                break;
            case "empty-step":
                v.Steps[1] = " ";
                break;
            case "no-steps":
                v.Steps = [];
                break;
            case "no-legal-time":
                v.LegalTimeDays = 0;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(problem));
        }
    }
}
