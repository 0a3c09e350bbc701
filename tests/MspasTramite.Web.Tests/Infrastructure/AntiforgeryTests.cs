using System.Net;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Infrastructure;

/// Every form post needs the antiforgery token of the person's own session. SQLite only.
[Collection(SqliteApp.Name)]
public sealed class AntiforgeryTests(SqliteAppFactory app)
{
    [Theory]
    [InlineData("/cuenta/ingresar")]
    [InlineData("/cuenta/registro")]
    [InlineData("/cuenta/olvide-contrasena")]
    [InlineData("/idioma")]
    public async Task Post_WithoutAntiforgeryToken_Returns400(string path)
    {
        using var browser = app.CreateSession();
        _ = await browser.GetPageAsync("/cuenta/ingresar"); // the browser now has the antiforgery cookie, not the token

        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = TestData.NewEmail(),
            ["Input.Password"] = TestData.NewPassword(),
            ["culture"] = "en",
        });
        using var response = await browser.Client.PostAsync(new Uri(path, UriKind.Relative), content);

        var page = await response.ReadPageAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Solicitud no válida", page.Title);
    }

    [Fact]
    public async Task Post_WithTokenFromAnotherSession_Returns400()
    {
        using var someoneElse = app.CreateSession();
        var theirPage = await someoneElse.GetPageAsync("/cuenta/ingresar");
        using var browser = app.CreateSession();
        _ = await browser.GetPageAsync("/cuenta/ingresar");

        // Their token, posted with this browser's cookies.
        using var response = await browser.SubmitAsync(theirPage, new Dictionary<string, string?>
        {
            ["Input.Email"] = TestData.NewEmail(),
            ["Input.Password"] = TestData.NewPassword(),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
