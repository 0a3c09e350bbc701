using System.Net;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Account;

/// Account posts are limited per client address (here 3 per minute), to slow password guessing.
/// Its own app, so the low limit touches no other test. SQLite only.
public sealed class AccountRateLimitTests(SqliteLowRateLimitAppFactory app) : IClassFixture<SqliteLowRateLimitAppFactory>
{
    [Fact]
    public async Task Post_WhenSignInFlooded_Returns429WithRetryAfter()
    {
        using var browser = app.CreateSession();
        var loginPage = await browser.GetPageAsync("/cuenta/ingresar");
        var guess = new Dictionary<string, string?> { ["Input.Email"] = TestData.NewEmail("victima"), ["Input.Password"] = "adivinanza-0000" };
        for (var i = 0; i < SqliteLowRateLimitAppFactory.Permits; i++)
        {
            using var allowed = await browser.SubmitAsync(loginPage, guess);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var response = await browser.SubmitAsync(loginPage, guess);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Contains("Demasiados intentos", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Reading pages is not limited: the person can still see the form.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/cuenta/ingresar")).StatusCode);
    }
}
