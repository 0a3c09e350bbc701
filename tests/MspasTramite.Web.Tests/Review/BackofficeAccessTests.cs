using System.Net;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Review;

[Collection(SqliteReviewApp.Name)]
public sealed class BackofficeAccessTests_Sqlite(SqliteReviewAppFactory app) : BackofficeAccessTests<SqliteReviewAppFactory>(app);

[Collection(PostgresReviewApp.Name)]
public sealed class BackofficeAccessTests_Postgres(PostgresReviewAppFactory app) : BackofficeAccessTests<PostgresReviewAppFactory>(app);

/// Who may open each back-office page: the queue, a file, and a document of a file. Analysts and
/// heads of section see them; anyone else is sent to sign in or told "acceso denegado"; a file that
/// does not exist, or is still a draft, does not exist for the back office.
public abstract class BackofficeAccessTests<TFactory>(TFactory app) where TFactory : MspasAppFactory, IReviewApp
{
    [Theory]
    [MemberData(nameof(BackofficePaths.Pages), MemberType = typeof(BackofficePaths))]
    public async Task Get_WhenAnonymous_RedirectsToSignInAndBack(string page)
    {
        var file = await app.ReceivedAsync();
        var path = Resolve(page, file);
        using var browser = app.CreateSession();

        using var response = await browser.GetAsync(path);

        Assert.Equal("/cuenta/ingresar", response.RedirectPath());
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(BackofficePaths.OtherRolesAndPages), MemberType = typeof(BackofficePaths))]
    public async Task Get_WhenNeitherAnalystNorJefe_IsDeniedWith403(string role, string page)
    {
        var file = await app.ReceivedAsync();
        // The citizen is the file's own applicant: owning it gives no access to the back office.
        var person = role == Roles.Solicitante ? file.Citizen : await app.CreatePersonAsync(role);
        using var browser = await app.SignedInSessionAsync(person.Account);

        using var response = await browser.GetAsync(Resolve(page, file));

        Assert.Equal("/cuenta/acceso-denegado", response.RedirectPath());
        using var denied = await browser.GetAsync(response.Headers.Location!.PathAndQueryOf());
        var deniedPage = await denied.ReadPageAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Acceso denegado", deniedPage.Title);
    }

    [Theory]
    [MemberData(nameof(BackofficePaths.StaffAndPages), MemberType = typeof(BackofficePaths))]
    public async Task Get_WhenAnalystOrJefe_Answers200(string role, string page)
    {
        var file = await app.ReceivedAsync();
        var staff = await app.CreatePersonAsync(role);
        using var browser = await app.SignedInSessionAsync(staff.Account);

        using var response = await browser.GetAsync(Resolve(page, file));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        switch (page)
        {
            case BackofficePaths.Queue:
                Assert.Equal("Bandeja de trabajo", (await response.ReadPageAsync()).Title);
                break;
            case BackofficePaths.File:
                Assert.Equal($"Expediente {file.FileNumber}", (await response.ReadPageAsync()).Title);
                break;
            default:
                var document = file.Documents[0];
                Assert.Equal(document.ContentType, response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(document.Size, (await response.Content.ReadAsByteArrayAsync()).Length);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(BackofficePaths.PagesOfOneFile), MemberType = typeof(BackofficePaths))]
    public async Task Get_WhenIdUnknown_Returns404(string page)
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        using var browser = await app.SignedInSessionAsync(analyst.Account);

        using var response = await browser.GetAsync(page.Replace("{file}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{document}", Guid.NewGuid().ToString(), StringComparison.Ordinal));

        await PageAssert.IsNotFoundAsync(response);
    }

    [Theory]
    [MemberData(nameof(BackofficePaths.PagesOfOneFile), MemberType = typeof(BackofficePaths))]
    public async Task Get_WhenApplicationIsADraft_Returns404(string page)
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var draft = await TestData.CreateApplicationAsync(app, citizen);
        var head = await app.CreatePersonAsync(Roles.Jefe);
        using var browser = await app.SignedInSessionAsync(head.Account);

        using var response = await browser.GetAsync(page.Replace("{file}", draft.Id.ToString(), StringComparison.Ordinal)
            .Replace("{document}", draft.Documents[0].Id.ToString(), StringComparison.Ordinal));

        await PageAssert.IsNotFoundAsync(response);
    }

    [Fact]
    public async Task GetDocument_WithVer_ShowsItInlineUnderAContentSecurityPolicy()
    {
        var file = await app.ReceivedAsync();
        var document = file.Documents[0];
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        using var browser = await app.SignedInSessionAsync(analyst.Account);

        using var response = await browser.GetAsync($"/backoffice/documentos/{document.Id}?ver=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    private static string Resolve(string page, ReviewFile file) =>
        page.Replace("{file}", file.Id.ToString(), StringComparison.Ordinal)
            .Replace("{document}", file.Documents[0].Id.ToString(), StringComparison.Ordinal);
}

/// The back office's pages; {file} stands for a file's id, {document} for one of its documents.
public static class BackofficePaths
{
    public const string Queue = "/backoffice";
    public const string File = "/backoffice/expedientes/{file}";
    public const string Document = "/backoffice/documentos/{document}";

    public static TheoryData<string> Pages() => [Queue, File, Document];

    public static TheoryData<string> PagesOfOneFile() => [File, Document];

    public static TheoryData<string, string> StaffAndPages()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in (string[])[Roles.Analista, Roles.Jefe])
        {
            foreach (var page in (string[])[Queue, File, Document])
            {
                data.Add(role, page);
            }
        }

        return data;
    }

    public static TheoryData<string, string> OtherRolesAndPages()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in (string[])[Roles.Solicitante, Roles.Finanzas, Roles.AdministradorServicio])
        {
            foreach (var page in (string[])[Queue, File, Document])
            {
                data.Add(role, page);
            }
        }

        return data;
    }
}
