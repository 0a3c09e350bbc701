using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Citizen;

[Collection(SqliteApp.Name)]
public sealed class IndexTests_Sqlite(SqliteAppFactory app) : IndexTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class IndexTests_Postgres(PostgresAppFactory app) : IndexTests<PostgresAppFactory>(app);

/// /mis-solicitudes: the citizen's drafts (to continue) and submitted applications (with their file
/// number, status and fee), and nobody else's. Anonymous and staff: see AccessTests.
public abstract class IndexTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Fact]
    public async Task Get_ListsDraftsUnderBorradoresAndSubmittedWithFileNumber()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var draft = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = ProcedureSlugs.ProcessedFood, FilledThrough = null });
        var submitted = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
        using var browser = await app.SignedInSessionAsync(citizen);

        var page = await browser.GetPageAsync("/mis-solicitudes");

        Assert.Equal("Mis solicitudes", page.Title);
        Assert.Contains($"Bienvenido(a), {citizen.FullName}.", page.Text, StringComparison.Ordinal);
        var draftRow = Assert.Single(Rows(page, "Borradores"));
        Assert.Contains("Registro sanitario de alimento procesado (nuevo o renovación)", draftRow.TextContent, StringComparison.Ordinal);
        Assert.NotNull(draftRow.QuerySelector($"a[href='{draft.Url}']"));
        var submittedRow = Assert.Single(Rows(page, "Solicitudes enviadas"));
        Assert.Equal(submitted.FileNumber, submittedRow.QuerySelector($"a[href='{submitted.Url}']")?.TextContent);
        Assert.Contains("Licencia sanitaria de fábrica de alimentos", submittedRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("Pendiente de pago", submittedRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("Q500.00", submittedRow.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WhenNoApplications_SaysSo()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = await app.SignedInSessionAsync(citizen);

        var page = await browser.GetPageAsync("/mis-solicitudes");

        Assert.Contains("No tiene borradores.", page.Text, StringComparison.Ordinal);
        Assert.Contains("Aún no tiene solicitudes enviadas.", page.Text, StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("table tbody tr"));
    }

    [Fact]
    public async Task Get_NeverListsAnotherCitizensApplications()
    {
        var someoneElse = await app.CreateAccountAsync(Roles.Solicitante);
        var theirDraft = await TestData.CreateApplicationAsync(app, someoneElse, new() { FilledThrough = null });
        var theirs = await TestData.CreateApplicationAsync(app, someoneElse, new() { Submitted = true });
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var mine = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
        using var browser = await app.SignedInSessionAsync(citizen);

        var page = await browser.GetPageAsync("/mis-solicitudes");

        Assert.Single(Rows(page, "Solicitudes enviadas"));
        Assert.Contains(mine.FileNumber!, page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.FileNumber!, page.Text, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector($"a[href='{theirDraft.Url}']"));
        Assert.Null(page.Document.QuerySelector($"a[href='{theirs.Url}']"));
    }

    [Fact]
    public async Task Get_WhenSubmittedApplicationWithdrawn_ShowsItAsRetirada()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
        using var browser = await app.SignedInSessionAsync(citizen);
        using var withdrawn = await browser.SubmitAsync(application.Url + "/retirar", new Dictionary<string, string?>());
        Assert.Equal("/mis-solicitudes", withdrawn.RedirectPath());

        var page = await browser.FollowAsync(withdrawn);

        Assert.Equal("Solicitud retirada.", page.Notice);
        var row = Assert.Single(Rows(page, "Solicitudes enviadas"));
        Assert.Contains("Retirada", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Withdrawn, (await app.FindApplicationAsync(application.Id)).Status);
    }

    [Fact]
    public async Task Get_WhenDraftWithdrawn_ListsItUnderBorradoresRetirados()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var draft = await TestData.CreateApplicationAsync(app, citizen, new() { FilledThrough = null });
        using var browser = await app.SignedInSessionAsync(citizen);
        using var withdrawn = await browser.SubmitAsync(draft.Url + "/retirar", new Dictionary<string, string?>());

        var page = await browser.FollowAsync(withdrawn);

        Assert.Contains("No tiene borradores.", page.Text, StringComparison.Ordinal);
        var row = Assert.Single(Rows(page, "Borradores retirados"));
        Assert.NotNull(row.QuerySelector($"a[href='{draft.Url}']"));
    }

    private static List<AngleSharp.Dom.IElement> Rows(HtmlPage page, string heading)
    {
        var h2 = page.Document.QuerySelectorAll("main h2").Single(h => h.TextContent.Trim() == heading);
        var table = h2.NextElementSibling;
        // A table that can be wider than a phone sits in its scrolling region.
        if (table?.ClassList.Contains("table-scroll") == true)
        {
            table = table.FirstElementChild;
        }

        return table?.LocalName == "table" ? [.. table.QuerySelectorAll("tbody tr")] : [];
    }
}
