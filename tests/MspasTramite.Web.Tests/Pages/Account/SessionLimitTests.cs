using System.Net;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Account;

[Collection(SqliteReviewApp.Name)]
public sealed class SessionLimitTests_Sqlite(SqliteReviewAppFactory app) : SessionLimitTests<SqliteReviewAppFactory>(app);

[Collection(PostgresReviewApp.Name)]
public sealed class SessionLimitTests_Postgres(PostgresReviewAppFactory app) : SessionLimitTests<PostgresReviewAppFactory>(app);

/// A session ends by itself: after 2 hours unused, and 12 hours after sign-in however busy.
public abstract class SessionLimitTests<TFactory>(TFactory app) where TFactory : MspasAppFactory, IReviewApp
{
    [Fact]
    public async Task Session_UnusedForTwoHours_GoesToTheSignInPage()
    {
        var account = await app.CreateAccountAsync(Roles.Analista);
        using var browser = app.CreateSession();
        await browser.SignInSuccessfullyAsync(account.Email, account.Password);

        app.Clock.Advance(TimeSpan.FromMinutes(119));
        using (var stillOpen = await browser.GetAsync("/backoffice"))
        {
            Assert.Equal(HttpStatusCode.OK, stillOpen.StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(119)); // used 119 minutes ago: still open
        using (var stillOpen = await browser.GetAsync("/backoffice"))
        {
            Assert.Equal(HttpStatusCode.OK, stillOpen.StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(121));
        using var ended = await browser.GetAsync("/backoffice");
        Assert.Equal("/cuenta/ingresar", ended.RedirectPath());
    }

    [Fact]
    public async Task Session_InUseAllDay_EndsTwelveHoursAfterSignIn()
    {
        var account = await app.CreateAccountAsync(Roles.Analista);
        using var browser = app.CreateSession();
        await browser.SignInSuccessfullyAsync(account.Email, account.Password);

        for (var hour = 1; hour < 12; hour++)
        {
            app.Clock.Advance(TimeSpan.FromHours(1));
            using var open = await browser.GetAsync("/backoffice");
            Assert.True(open.StatusCode == HttpStatusCode.OK, $"closed after {hour} h");
        }

        app.Clock.Advance(TimeSpan.FromMinutes(61));
        using var ended = await browser.GetAsync("/backoffice");
        Assert.Equal("/cuenta/ingresar", ended.RedirectPath());
    }
}
