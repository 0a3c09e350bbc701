using System.Net;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages;

/// Spanish (es-GT) first; the person can switch to English with the header's link (GET /idioma),
/// and the choice is kept in a cookie. SQLite only.
[Collection(SqliteApp.Name)]
public sealed class CultureTests(SqliteAppFactory app)
{
    private const string LanguageLink = "header a[href^='/idioma?']";

    [Fact]
    public async Task Get_Home_IsInSpanish()
    {
        using var browser = app.CreateSession();

        var page = await browser.GetPageAsync("/");

        Assert.Equal("es-GT", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Trámites del Ministerio de Salud, en línea", page.Title);
        Assert.Equal("English", page.Document.QuerySelector(LanguageLink)?.TextContent.Trim());
        Assert.Equal("en", page.Document.QuerySelector(LanguageLink)?.GetAttribute("lang"));
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
    public async Task Get_Idioma_SwitchesToEnglishAndBack()
    {
        using var browser = app.CreateSession();
        var spanish = await browser.GetPageAsync("/tramites?q=farmacia");

        using var switched = await browser.GetAsync(Link(spanish));

        Assert.Equal("/tramites?q=farmacia", switched.Headers.Location?.OriginalString); // back to the page the person was on
        Assert.Contains(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        var english = await browser.FollowAsync(switched);
        Assert.Equal("en", english.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Español", english.Document.QuerySelector(LanguageLink)?.TextContent.Trim());
        Assert.Equal("en", (await browser.GetPageAsync("/")).Document.DocumentElement.GetAttribute("lang"));

        using var back = await browser.GetAsync(Link(english));
        var again = await browser.FollowAsync(back);
        Assert.Equal("es-GT", again.Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Get_Idioma_WhenCultureUnsupported_StaysInSpanish()
    {
        using var browser = app.CreateSession();

        using var response = await browser.GetAsync("/idioma?culture=fr&returnUrl=%2Ftramites");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/tramites", response.Headers.Location?.OriginalString);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal)));
        Assert.Equal("es-GT", (await browser.GetPageAsync("/")).Document.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("")]
    public async Task Get_Idioma_WhenReturnUrlIsNotLocal_GoesHome(string returnUrl)
    {
        using var browser = app.CreateSession();

        using var response = await browser.GetAsync("/idioma?culture=en&returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Post_Idioma_FromTheEarlierFormWithItsToken_StillSwitches()
    {
        using var browser = app.CreateSession();
        var token = (await browser.GetPageAsync("/cuenta/ingresar")).AntiforgeryToken;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["culture"] = "en",
            ["returnUrl"] = "/cuenta/ingresar",
        });

        using var response = await browser.Client.PostAsync(new Uri("/idioma", UriKind.Relative), content);

        Assert.Equal("/cuenta/ingresar", response.Headers.Location?.OriginalString);
        Assert.Equal("en", (await browser.GetPageAsync("/")).Document.DocumentElement.GetAttribute("lang"));
    }

    private static string Link(HtmlPage page) =>
        page.Document.QuerySelector(LanguageLink)?.GetAttribute("href") ?? throw new InvalidOperationException($"No language link on {page.Url}.");
}
