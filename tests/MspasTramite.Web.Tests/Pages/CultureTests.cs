using System.Net;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages;

/// Spanish (es-GT) first; the person can switch to English with the header's button (POST /idioma),
/// and the choice is kept in a cookie. SQLite only.
[Collection(SqliteApp.Name)]
public sealed class CultureTests(SqliteAppFactory app)
{
    private const string LanguageForm = "header form[action='/idioma']";

    [Fact]
    public async Task Get_Home_IsInSpanish()
    {
        using var browser = app.CreateSession();

        var page = await browser.GetPageAsync("/");

        Assert.Equal("es-GT", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Trámites del Ministerio de Salud, en línea", page.Title);
        Assert.Equal("English", page.Document.QuerySelector($"{LanguageForm} button")?.TextContent.Trim());
    }

    [Fact]
    public async Task Get_Home_IgnoresBrowserLanguage()
    {
        using var browser = app.CreateSession();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9");

        using var response = await browser.Client.SendAsync(request);

        var page = await response.ReadPageAsync();
        Assert.Equal("es-GT", page.Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Post_Idioma_SwitchesToEnglishAndBack()
    {
        using var browser = app.CreateSession();
        var spanish = await browser.GetPageAsync("/cuenta/ingresar");

        using var switched = await browser.SubmitAsync(spanish, new Dictionary<string, string?>(), LanguageForm);

        Assert.Equal("/cuenta/ingresar", switched.RedirectPath()); // back to the page the person was on
        Assert.Contains(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        var english = await browser.FollowAsync(switched);
        Assert.Equal("en", english.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Español", english.Document.QuerySelector($"{LanguageForm} button")?.TextContent.Trim());
        Assert.Equal("en", (await browser.GetPageAsync("/")).Document.DocumentElement.GetAttribute("lang"));

        using var back = await browser.SubmitAsync(english, new Dictionary<string, string?>(), LanguageForm);
        var again = await browser.FollowAsync(back);
        Assert.Equal("es-GT", again.Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Post_Idioma_WhenCultureUnsupported_StaysInSpanish()
    {
        using var browser = app.CreateSession();
        var page = await browser.GetPageAsync("/");

        using var response = await browser.SubmitAsync(page, new Dictionary<string, string?> { ["culture"] = "fr" }, LanguageForm);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal)));
        Assert.Equal("es-GT", (await browser.GetPageAsync("/")).Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Post_Idioma_WhenReturnUrlIsAnotherSite_GoesHome()
    {
        using var browser = app.CreateSession();
        var page = await browser.GetPageAsync("/");

        using var response = await browser.SubmitAsync(page, new Dictionary<string, string?> { ["returnUrl"] = "https://evil.example/" }, LanguageForm);

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }
}
