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

    [Theory]
    [InlineData("/")]
    [InlineData("/tramites")]
    [InlineData("/tramites/" + ProcedureSlugs.FoodFactory)]
    [InlineData("/desempeno")]
    public async Task Get_PublicPage_WhenAnonymous_SetsNoAntiforgeryCookie(string path)
    {
        using var browser = app.CreateSession();

        using var response = await browser.GetAsync(path);

        var page = await response.ReadPageAsync();
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("mspas.af=", StringComparison.Ordinal)),
            "An anonymous view of a page without a form of its own set the antiforgery cookie.");
        Assert.Empty(page.Document.QuerySelectorAll("form[method=post]"));
    }

    [Fact]
    public async Task SignOut_WhenSignedIn_IsAPostThatNeedsTheToken()
    {
        var citizen = await app.CreateAccountAsync(Core.Identity.Roles.Solicitante);
        using var browser = await app.SignedInSessionAsync(citizen);
        var page = await browser.GetPageAsync("/tramites");
        var form = page.Document.QuerySelector("header form[action='/cuenta/salir']");
        Assert.NotNull(form);
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));

        using var forged = await browser.Client.PostAsync(new Uri("/cuenta/salir", UriKind.Relative), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await browser.GetPageAsync("/mis-solicitudes"); // still signed in
        using var signedOut = await browser.SubmitAsync(page, new Dictionary<string, string?>(), "header form[action='/cuenta/salir']");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        using var after = await browser.GetAsync("/mis-solicitudes");
        PageAssert.RedirectsToSignIn(after);
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
