using System.Net;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages;

/// Errors are pages a person can read, in Spanish, never a blank response or a stack trace. SQLite only.
[Collection(SqliteApp.Name)]
public sealed class StatusCodeTests(SqliteAppFactory app)
{
    [Fact]
    public async Task Get_UnknownUrl_ShowsFriendly404Page()
    {
        using var browser = app.CreateSession();

        using var response = await browser.GetAsync("/tramites/no-existe-esta-pagina");

        var page = await response.ReadPageAsync(HttpStatusCode.NotFound);
        Assert.Equal("Página no encontrada", page.Title);
        Assert.Contains("Revise la dirección.", page.Text, StringComparison.Ordinal);
        Assert.Equal("es-GT", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(page.Document.QuerySelector("a[href='/']"));
    }

    [Fact]
    public async Task Get_UnknownUrlWhenSignedIn_ShowsFriendly404Page()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = app.CreateSession();
        await browser.SignInSuccessfullyAsync(account.Email, account.Password);

        using var response = await browser.GetAsync("/mis-solicitudes/no-existe");

        var page = await response.ReadPageAsync(HttpStatusCode.NotFound);
        Assert.Equal("Página no encontrada", page.Title);
    }
}
