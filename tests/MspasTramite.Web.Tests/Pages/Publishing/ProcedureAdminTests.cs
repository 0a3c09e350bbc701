using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Web.Tests.Publishing;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Publishing;

[Collection(SqliteApp.Name)]
public sealed class ProcedureAdminTests_Sqlite(SqliteAppFactory app) : ProcedureAdminTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class ProcedureAdminTests_Postgres(PostgresAppFactory app) : ProcedureAdminTests<PostgresAppFactory>(app);

/// /admin/tramites/{id}: a procedure's versions, its draft and the record of every change; starting
/// and discarding a draft; and the draft's preview.
public abstract class ProcedureAdminTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Fact]
    public async Task Get_ListsVersionsAndTheRecordOfChanges()
    {
        var (procedureId, slug) = await PublishedProcedures.CreateAsync(app.Services);
        using var admin = await SignedInAsync(Roles.AdministradorServicio);

        var page = await admin.GetPageAsync($"/admin/tramites/{procedureId}");

        Assert.Equal("Licencia de prueba " + slug, page.Title);
        Assert.NotNull(page.Document.QuerySelector($"main a[href='/tramites/{slug}']"));
        var versions = PublishingTables.Rows(page, "Versiones del trámite");
        Assert.Single(versions);
        Assert.Equal("1", versions[0][0]);
        Assert.Equal("En vigencia", versions[0][1]);
        Assert.Equal("Primera publicación en línea.", versions[0][3]);
        var record = PublishingTables.Rows(page, "Registro de cambios").Select(r => r[2]).ToList();
        Assert.Equal(3, record.Count);
        Assert.StartsWith("Publicó", record[0], StringComparison.Ordinal);
        Assert.StartsWith("Editó el borrador", record[1], StringComparison.Ordinal);
        Assert.StartsWith("Creó el trámite", record[2], StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("main form button"));
        Assert.Equal("Iniciar un borrador", page.Document.QuerySelector("main form button")!.TextContent.Trim());
    }

    [Fact]
    public async Task Catalogue_LinksEachProcedureToItsPage()
    {
        var (procedureId, slug) = await PublishedProcedures.CreateAsync(app.Services);
        using var admin = await SignedInAsync(Roles.AdministradorServicio);

        var page = await admin.GetPageAsync("/admin/tramites");

        var link = page.Document.QuerySelector($"main a[href='/admin/tramites/{procedureId}']");
        Assert.Equal("Licencia de prueba " + slug, link?.TextContent.Trim());
    }

    [Fact]
    public async Task PostStartDraft_CopiesThePublishedVersionAndOpensTheEditor()
    {
        var (procedureId, _) = await PublishedProcedures.CreateAsync(app.Services);
        using var admin = await SignedInAsync(Roles.AdministradorServicio);

        using var response = await admin.SubmitAsync($"/admin/tramites/{procedureId}", new Dictionary<string, string?>(), "main form[action*='StartDraft']");

        Assert.Equal($"/admin/tramites/{procedureId}/borrador", response.RedirectPath());
        var draft = await app.WithDbAsync(db => db.ProcedureVersions.SingleAsync(v => v.ProcedureId == procedureId && v.Status == VersionStatus.Draft));
        Assert.Equal(2, draft.Number);
        Assert.Equal(100m, draft.FixedFee);
        var page = await admin.GetPageAsync($"/admin/tramites/{procedureId}");
        Assert.StartsWith("Inició un borrador", PublishingTables.Rows(page, "Registro de cambios")[0][2], StringComparison.Ordinal);
        Assert.Contains("Copia de la versión 1", PublishingTables.Rows(page, "Registro de cambios")[0][3], StringComparison.Ordinal);
        Assert.Contains(page.Document.QuerySelectorAll("main a"), a => a.GetAttribute("href") == $"/admin/tramites/{procedureId}/vista-previa");
    }

    [Fact]
    public async Task PostStartDraft_WhenADraftExists_SaysSoAndStartsNoOther()
    {
        var (procedureId, _) = await PublishedProcedures.CreateAsync(app.Services);
        using var admin = await SignedInAsync(Roles.AdministradorServicio);
        var page = await admin.GetPageAsync($"/admin/tramites/{procedureId}");
        await PublishedProcedures.StartDraftAsync(app.Services, procedureId); // someone else, meanwhile

        using var response = await admin.SubmitAsync(page, new Dictionary<string, string?>(), "main form[action*='StartDraft']");

        var after = await response.ReadPageAsync();
        Assert.Single(after.SummaryErrors);
        Assert.Contains("borrador", after.SummaryErrors[0].Message, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.ProcedureVersions.CountAsync(v => v.ProcedureId == procedureId && v.Status == VersionStatus.Draft)));
    }

    [Fact]
    public async Task PostDiscard_RemovesTheDraftAndKeepsThePublishedVersion()
    {
        var (procedureId, _) = await PublishedProcedures.CreateAsync(app.Services);
        await PublishedProcedures.StartDraftAsync(app.Services, procedureId, v => v.FixedFee = 999m);
        using var admin = await SignedInAsync(Roles.AdministradorServicio);

        using var response = await admin.SubmitAsync($"/admin/tramites/{procedureId}", new Dictionary<string, string?>(), "main form[action*='Discard']");

        Assert.Equal($"/admin/tramites/{procedureId}", response.RedirectPath());
        var page = await admin.FollowAsync(response);
        Assert.Equal("Borrador descartado. La versión vigente no cambió.", page.Notice);
        Assert.StartsWith("Descartó el borrador", PublishingTables.Rows(page, "Registro de cambios")[0][2], StringComparison.Ordinal);
        var versions = await app.WithDbAsync(db => db.ProcedureVersions.Where(v => v.ProcedureId == procedureId).ToListAsync());
        var only = Assert.Single(versions);
        Assert.Equal(VersionStatus.Published, only.Status);
        Assert.Equal(100m, only.FixedFee);
    }

    [Fact]
    public async Task PostDiscard_AfterAnotherPersonSavedTheDraft_IsAConflictAndKeepsTheirWork()
    {
        var (procedureId, _) = await PublishedProcedures.CreateAsync(app.Services);
        var draft = await PublishedProcedures.StartDraftAsync(app.Services, procedureId);
        using var admin = await SignedInAsync(Roles.AdministradorServicio);
        var page = await admin.GetPageAsync($"/admin/tramites/{procedureId}");
        await PublishedProcedures.EditDraftAsync(app.Services, draft, v => v.FixedFee = 120m);

        using var response = await admin.SubmitAsync(page, new Dictionary<string, string?>(), "main form[action*='Discard']");

        var after = await response.ReadPageAsync();
        Assert.Contains(after.SummaryErrors, e => e.Message.StartsWith("Otra persona guardó este borrador", StringComparison.Ordinal));
        Assert.Equal(120m, await app.WithDbAsync(db => db.ProcedureVersions.Where(v => v.Id == draft.Id).Select(v => v.FixedFee).SingleAsync()));
    }

    [Fact]
    public async Task PostDiscard_WithAnotherProceduresDraft_DiscardsNothing()
    {
        var (procedureId, _) = await PublishedProcedures.CreateAsync(app.Services);
        var (otherId, _) = await PublishedProcedures.CreateAsync(app.Services);
        await PublishedProcedures.StartDraftAsync(app.Services, procedureId);
        var other = await PublishedProcedures.StartDraftAsync(app.Services, otherId);
        using var admin = await SignedInAsync(Roles.AdministradorServicio);

        using var response = await admin.SubmitAsync($"/admin/tramites/{procedureId}", new Dictionary<string, string?>
        {
            ["versionId"] = other.Id.ToString(),
            ["stamp"] = other.ConcurrencyStamp.ToString(),
        }, "main form[action*='Discard']");

        var after = await response.ReadPageAsync();
        Assert.Contains(after.SummaryErrors, e => e.Message.StartsWith("Esta versión ya no es un borrador", StringComparison.Ordinal));
        Assert.True(await app.WithDbAsync(db => db.ProcedureVersions.AnyAsync(v => v.Id == other.Id)));
    }

    [Theory]
    [InlineData(Roles.Analista)]
    [InlineData(Roles.Jefe)]
    public async Task Get_AsAnalystOrHead_ReadsWithoutAnyForm(string role)
    {
        var (procedureId, _) = await PublishedProcedures.CreateAsync(app.Services);
        await PublishedProcedures.StartDraftAsync(app.Services, procedureId);
        using var reader = await SignedInAsync(role);

        var page = await reader.GetPageAsync($"/admin/tramites/{procedureId}");

        Assert.Empty(page.Document.QuerySelectorAll("main form"));
        Assert.Contains(page.Document.QuerySelectorAll("main a"), a => a.TextContent.Trim() == "Leer el borrador");
        Assert.DoesNotContain(page.Document.QuerySelectorAll("main a"), a => a.TextContent.Trim() == "Revisar y publicar");
    }

    [Fact]
    public async Task PostStartDraft_AsAnalyst_IsDeniedAndStartsNothing()
    {
        var (procedureId, _) = await PublishedProcedures.CreateAsync(app.Services);
        using var analyst = await SignedInAsync(Roles.Analista);
        var token = (await analyst.GetPageAsync($"/admin/tramites/{procedureId}")).AntiforgeryToken;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });

        using var response = await analyst.Client.PostAsync(new Uri($"/admin/tramites/{procedureId}?handler=StartDraft", UriKind.Relative), content);

        PageAssert.IsDenied(response);
        Assert.False(await app.WithDbAsync(db => db.ProcedureVersions.AnyAsync(v => v.ProcedureId == procedureId && v.Status == VersionStatus.Draft)));
    }

    [Theory]
    [InlineData("/admin/tramites/00000000-0000-0000-0000-000000000001")]
    [InlineData("/admin/tramites/00000000-0000-0000-0000-000000000001/vista-previa")]
    [InlineData("/admin/tramites/00000000-0000-0000-0000-000000000001/publicar")]
    [InlineData("/admin/tramites/no-es-un-id")]
    public async Task Get_UnknownProcedure_IsNotFound(string path)
    {
        using var admin = await SignedInAsync(Roles.AdministradorServicio);

        using var response = await admin.GetAsync(path);

        await PageAssert.IsNotFoundAsync(response);
    }

    [Fact]
    public async Task Preview_ShowsTheDraftAsThePublicWillSeeItAndItsDocumentStep()
    {
        var (procedureId, slug) = await PublishedProcedures.CreateAsync(app.Services);
        await PublishedProcedures.StartDraftAsync(app.Services, procedureId, v =>
        {
            v.FixedFee = 175m;
            v.Requirements.Add(new() { Code = "plano", Name = "Plano de distribución", Description = "Áreas del local.", LegalBasis = "Acuerdo Gubernativo 969-99, art. 10" });
            v.Requirements.Add(new() { Code = "patente", Name = "Patente de comercio de sociedad", Description = "Vigente.", LegalBasis = "Código de Comercio", Condition = RequirementCondition.CompaniesOnly });
        });
        using var admin = await SignedInAsync(Roles.AdministradorServicio);

        var page = await admin.GetPageAsync($"/admin/tramites/{procedureId}/vista-previa");

        Assert.Contains("2, borrador sin publicar", page.Text, StringComparison.Ordinal);
        Assert.Contains("Q175.00", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(page.Document.QuerySelectorAll("a"), a => a.GetAttribute("href")?.StartsWith("/mis-solicitudes/nueva", StringComparison.Ordinal) == true);
        var slots = page.Document.QuerySelectorAll("#documentos ~ .preview-frame .requirement__title").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Formulario de solicitud", "Plano de distribución"], slots);
        Assert.All(page.Document.QuerySelectorAll("#documentos ~ .preview-frame input[type=file]"), i => Assert.True(i.HasAttribute("disabled")));

        var company = await admin.GetPageAsync($"/admin/tramites/{procedureId}/vista-previa?solicitante=empresa");
        Assert.Contains("Patente de comercio de sociedad", company.Document.QuerySelectorAll("#documentos ~ .preview-frame .requirement__title").Select(h => h.TextContent.Trim()));

        var published = await admin.GetPageAsync($"/tramites/{slug}");
        Assert.DoesNotContain("Plano de distribución", published.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_WithoutADraft_IsNotFound()
    {
        var (procedureId, _) = await PublishedProcedures.CreateAsync(app.Services);
        using var admin = await SignedInAsync(Roles.AdministradorServicio);

        using var response = await admin.GetAsync($"/admin/tramites/{procedureId}/vista-previa");

        await PageAssert.IsNotFoundAsync(response);
    }

    private async Task<WebSession> SignedInAsync(string role) =>
        await app.SignedInSessionAsync(await app.CreateAccountAsync(role));
}

internal static class PublishingTables
{
    /// The rows of the table with that caption, each as its cells' text.
    public static List<List<string>> Rows(HtmlPage page, string caption) =>
        [.. page.Document.QuerySelectorAll("main table")
            .Single(t => t.QuerySelector("caption")?.TextContent.Trim() == caption)
            .QuerySelectorAll("tbody tr")
            .Select(tr => tr.Children.Select(c => string.Join(' ', c.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList())];
}
