using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Infrastructure;

/// The headers SecurityHeadersMiddleware puts on every response, pages and errors alike. HTTP-level
/// behaviour, the same on both engines: SQLite only.
[Collection(SqliteApp.Name)]
public sealed class SecurityHeadersTests(SqliteAppFactory app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/cuenta/ingresar")]
    [InlineData("/pagina-que-no-existe")] // the friendly 404 page
    [InlineData("/health/live")]
    public async Task Get_AnyResponse_CarriesSecurityHeaders(string path)
    {
        using var browser = app.CreateSession();

        using var response = await browser.GetAsync(path);

        var csp = Directives(Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        // Scripts fall back to default-src when script-src is absent: both must forbid inline script.
        var scriptSources = csp.GetValueOrDefault("script-src") ?? csp["default-src"];
        Assert.Contains("'self'", scriptSources);
        Assert.DoesNotContain("'unsafe-inline'", scriptSources);
        Assert.DoesNotContain("'unsafe-eval'", scriptSources);
        Assert.DoesNotContain("'unsafe-inline'", csp["default-src"]);
        Assert.Equal(["'none'"], csp["frame-ancestors"]);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains(Assert.Single(response.Headers.GetValues("Referrer-Policy")),
            (string[])["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"]);
    }

    [Fact]
    public async Task Get_Home_HasNoInlineScriptThePolicyWouldBlock()
    {
        using var browser = app.CreateSession();

        var page = await browser.GetPageAsync("/");

        var scripts = page.Document.QuerySelectorAll("script");
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), $"inline script: {s.OuterHtml}"));
        Assert.Empty(page.Document.QuerySelectorAll("[onclick], [onload], [onsubmit]"));
    }

    private static Dictionary<string, string[]> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(parts => parts[0], parts => parts[1..], StringComparer.OrdinalIgnoreCase);
}
