using System.Net;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Account;

[Collection(SqliteApp.Name)]
public sealed class SessionTests_Sqlite(SqliteAppFactory app) : SessionTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class SessionTests_Postgres(PostgresAppFactory app) : SessionTests<PostgresAppFactory>(app);

/// Sessions live on the server: a copy of the sign-in cookie is worth nothing once the session ended,
/// whichever way it ended.
public abstract class SessionTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    private static readonly Uri Site = new("https://localhost");

    [Theory]
    [InlineData(Roles.Solicitante, "/mis-solicitudes")]
    [InlineData(Roles.Analista, "/backoffice")]
    [InlineData(Roles.Finanzas, "/finanzas")]
    [InlineData(Roles.AdministradorServicio, "/admin")]
    public async Task CopiedCookie_AfterSignOut_GoesToTheSignInPage(string role, string home)
    {
        var account = await app.CreateAccountAsync(role);
        var cookies = new CookieContainer();
        using var browser = app.CreateSession(cookies);
        await browser.SignInSuccessfullyAsync(account.Email, account.Password);
        using var thief = app.CreateSession(Copy(cookies));
        using (var before = await thief.GetAsync(home))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode); // the copy works while the session lives
        }

        using var signOut = await browser.SubmitAsync("/cuenta/salir", new Dictionary<string, string?>());
        Assert.Equal("/", signOut.RedirectPath());

        using var after = await thief.GetAsync(home);
        Assert.Equal("/cuenta/ingresar", after.RedirectPath());
        Assert.Equal(0, await SessionCountAsync(account.Email));
    }

    [Fact]
    public async Task SignOutEverywhere_EndsTheSessionsOfOtherBrowsers()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var laptop = app.CreateSession();
        using var phone = app.CreateSession();
        await laptop.SignInSuccessfullyAsync(account.Email, account.Password);
        await phone.SignInSuccessfullyAsync(account.Email, account.Password);
        Assert.Equal(2, await SessionCountAsync(account.Email));

        var page = await laptop.GetPageAsync("/cuenta/salir");
        using var everywhere = await laptop.SubmitAsync(page, new Dictionary<string, string?>(), "main form[action*='Everywhere']");

        Assert.Equal("/", everywhere.RedirectPath());
        using var onPhone = await phone.GetAsync("/mis-solicitudes");
        Assert.Equal("/cuenta/ingresar", onPhone.RedirectPath());
        using var onLaptop = await laptop.GetAsync("/mis-solicitudes");
        Assert.Equal("/cuenta/ingresar", onLaptop.RedirectPath());
        Assert.Equal(0, await SessionCountAsync(account.Email));
    }

    [Fact]
    public async Task CopiedCookie_AfterPasswordChange_GoesToTheSignInPage_AndTheNewPasswordWorks()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        var cookies = new CookieContainer();
        using var browser = app.CreateSession(cookies);
        await browser.SignInSuccessfullyAsync(account.Email, account.Password);
        using var thief = app.CreateSession(Copy(cookies));
        const string newPassword = "una frase nueva y larga para la cuenta";

        using var changed = await browser.SubmitAsync("/cuenta/contrasena", new Dictionary<string, string?>
        {
            ["Input.CurrentPassword"] = account.Password,
            ["Input.Password"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });

        Assert.Equal("/cuenta/ingresar", changed.RedirectPath());
        using var stolen = await thief.GetAsync("/mis-solicitudes");
        Assert.Equal("/cuenta/ingresar", stolen.RedirectPath());
        using var own = await browser.GetAsync("/mis-solicitudes");
        Assert.Equal("/cuenta/ingresar", own.RedirectPath());
        var signIn = await browser.FollowAsync(changed);
        Assert.Equal("Su contraseña cambió y se cerraron todas sus sesiones. Ingrese con la nueva contraseña.", signIn.Notice);
        Assert.Equal("/mis-solicitudes", await browser.SignInSuccessfullyAsync(account.Email, newPassword));
        var notice = await Mailbox.WaitForSubjectAsync(account.Email, "Su contraseña cambió");
        Assert.Contains("https://localhost/cuenta/olvide-contrasena", notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordChange_WithAWrongCurrentPassword_SaysSoAndKeepsTheSession()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = app.CreateSession();
        await browser.SignInSuccessfullyAsync(account.Email, account.Password);

        using var refused = await browser.SubmitAsync("/cuenta/contrasena", new Dictionary<string, string?>
        {
            ["Input.CurrentPassword"] = "no es la contraseña actual",
            ["Input.Password"] = "una frase nueva y larga para la cuenta",
            ["Input.ConfirmPassword"] = "una frase nueva y larga para la cuenta",
        });

        var page = await refused.ReadPageAsync();
        Assert.Equal("La contraseña actual no es correcta.", page.FieldError("Input_CurrentPassword"));
        Assert.Null(page.InputValue("Input.CurrentPassword"));
        using var home = await browser.GetAsync("/mis-solicitudes");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task CopiedCookie_AfterPasswordReset_GoesToTheSignInPage()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        var cookies = new CookieContainer();
        using var browser = app.CreateSession(cookies);
        await browser.SignInSuccessfullyAsync(account.Email, account.Password);
        using var thief = app.CreateSession(Copy(cookies));
        using var owner = app.CreateSession();

        using var asked = await owner.SubmitAsync("/cuenta/olvide-contrasena", new Dictionary<string, string?> { ["Input.Email"] = account.Email });
        var mail = await Mailbox.WaitForSubjectAsync(account.Email, AccountFlows.ResetPasswordSubject);
        var form = await owner.GetPageAsync(Mailbox.LinkTo(mail, "/cuenta/restablecer-contrasena").PathAndQuery);
        using var reset = await owner.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["Input.Password"] = "otra frase larga que nadie adivina",
            ["Input.ConfirmPassword"] = "otra frase larga que nadie adivina",
        });

        Assert.Equal("/cuenta/ingresar", reset.RedirectPath());
        using var stolen = await thief.GetAsync("/mis-solicitudes");
        Assert.Equal("/cuenta/ingresar", stolen.RedirectPath());
    }

    [Fact]
    public async Task SessionsPage_ListsTheBrowsers_AndEndsTheOthers()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var laptop = app.CreateSession();
        using var phone = app.CreateSession();
        await laptop.SignInSuccessfullyAsync(account.Email, account.Password);
        await phone.SignInSuccessfullyAsync(account.Email, account.Password);

        var page = await laptop.GetPageAsync("/cuenta/sesiones");
        Assert.Equal(2, page.Document.QuerySelectorAll("main tbody tr").Length);
        Assert.Single(page.Document.QuerySelectorAll("main tbody .tag"));
        using var ended = await laptop.SubmitAsync(page, new Dictionary<string, string?>());

        var after = await laptop.FollowAsync(ended);
        Assert.Equal("Se cerraron 1 sesiones en otros dispositivos.", after.Notice);
        Assert.Single(after.Document.QuerySelectorAll("main tbody tr"));
        using var onPhone = await phone.GetAsync("/mis-solicitudes");
        Assert.Equal("/cuenta/ingresar", onPhone.RedirectPath());
        using var onLaptop = await laptop.GetAsync("/mis-solicitudes");
        Assert.Equal(HttpStatusCode.OK, onLaptop.StatusCode);
    }

    [Fact]
    public async Task SessionRow_HoldsTheHashOfTheKey_NotTheCookie()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        var cookies = new CookieContainer();
        using var browser = app.CreateSession(cookies);
        await browser.SignInSuccessfullyAsync(account.Email, account.Password);

        var cookie = Assert.Single(cookies.GetCookies(Site), c => c.Name == "mspas.auth");
        var hashes = await app.WithDbAsync(db => db.UserSessions.Where(s => db.Users.Any(u => u.Id == s.UserId && u.Email == account.Email)).Select(s => s.KeyHash).ToListAsync());
        var hash = Assert.Single(hashes);
        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain(hash, cookie.Value, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_OverAnotherAccountsSession_DoesNotKeepThatSessionsKey()
    {
        // A session planted in the browser (a cookie set by someone else) must not become the victim's.
        var attacker = await app.CreateAccountAsync(Roles.Solicitante);
        var victim = await app.CreateAccountAsync(Roles.Solicitante);
        var cookies = new CookieContainer();
        using var attackerBrowser = app.CreateSession(cookies);
        await attackerBrowser.SignInSuccessfullyAsync(attacker.Email, attacker.Password);
        var planted = Copy(cookies);
        using var victimBrowser = app.CreateSession(planted);

        await victimBrowser.SignInSuccessfullyAsync(victim.Email, victim.Password);

        using var attackerView = await attackerBrowser.GetAsync("/mis-solicitudes");
        Assert.Equal("/cuenta/ingresar", attackerView.RedirectPath());
        Assert.Equal(0, await SessionCountAsync(victim.Email));
        // The victim signs in again on a clean slate, under a key nobody else has.
        await victimBrowser.SignInSuccessfullyAsync(victim.Email, victim.Password);
        var victimHome = await victimBrowser.GetPageAsync("/mis-solicitudes");
        Assert.Contains(victim.FullName, victimHome.Text, StringComparison.Ordinal);
        using var stillAttacker = await attackerBrowser.GetAsync("/mis-solicitudes");
        Assert.Equal("/cuenta/ingresar", stillAttacker.RedirectPath());
    }

    [Fact]
    public async Task SignIn_AgainOverTheSameAccountsSession_KeepsThePersonSignedIn()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = app.CreateSession();
        await browser.SignInSuccessfullyAsync(account.Email, account.Password);

        await browser.SignInSuccessfullyAsync(account.Email, account.Password);

        using var home = await browser.GetAsync("/mis-solicitudes");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(1, await SessionCountAsync(account.Email));
    }

    [Fact]
    public async Task Cookies_OverHttps_AreSecureHttpOnlyAndSameSite()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = app.CreateSession();
        using var form = await browser.GetAsync("/cuenta/ingresar");
        var antiforgery = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mspas.af=", StringComparison.Ordinal));
        using var signedIn = await browser.SignInAsync(account);
        var auth = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mspas.auth=", StringComparison.Ordinal));

        foreach (var cookie in (string[])[antiforgery, auth])
        {
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; samesite=", cookie, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task SignedInPages_AreNotCached()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = app.CreateSession();
        await browser.SignInSuccessfullyAsync(account.Email, account.Password);

        using var home = await browser.GetAsync("/mis-solicitudes");

        Assert.True(home.Headers.CacheControl?.NoStore, home.Headers.CacheControl?.ToString());
    }

    private static CookieContainer Copy(CookieContainer from)
    {
        var copy = new CookieContainer();
        copy.Add(from.GetCookies(Site));
        return copy;
    }

    private Task<int> SessionCountAsync(string email) =>
        app.WithDbAsync(db => db.UserSessions.CountAsync(s => db.Users.Any(u => u.Id == s.UserId && u.Email == email)));
}
