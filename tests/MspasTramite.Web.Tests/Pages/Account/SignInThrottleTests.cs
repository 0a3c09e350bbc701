using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Account;

public sealed class SignInThrottleTests_Sqlite(SqliteSignInAppFactory app)
    : SignInThrottleTests<SqliteSignInAppFactory>(app), IClassFixture<SqliteSignInAppFactory>;

public sealed class SignInThrottleTests_Postgres(PostgresSignInAppFactory app)
    : SignInThrottleTests<PostgresSignInAppFactory>(app), IClassFixture<PostgresSignInAppFactory>;

/// What sign-in and registration cost and how long a hold lasts, on an app of their own whose clock
/// the tests move and whose password hasher records what it was given.
public abstract class SignInThrottleTests<TFactory>(TFactory app)
    where TFactory : MspasAppFactory, ISignInApp
{
    [Fact]
    public async Task SignIn_UnknownAccount_RunsAPasswordHash()
    {
        using var browser = app.CreateSession();
        var typed = TestData.NewPassword();

        using var response = await browser.SignInAsync(TestData.NewEmail("nadie"), typed);

        FormAssert.HasSummaryError(await response.ReadPageAsync(), AccountFlows.WrongCredentials);
        Assert.Equal(1, app.Hashes.ChecksOf(typed)); // as for a known account: the decoy hash is checked
    }

    [Fact]
    public async Task SignIn_KnownAccountWrongPassword_RunsOnePasswordHash()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = app.CreateSession();
        var typed = TestData.NewPassword();

        using var response = await browser.SignInAsync(account.Email, typed);

        FormAssert.HasSummaryError(await response.ReadPageAsync(), AccountFlows.WrongCredentials);
        Assert.Equal(1, app.Hashes.ChecksOf(typed));
    }

    [Fact]
    public async Task SignIn_WhenTheHoldIsOver_AllowsAgain()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = app.CreateSession().ConnectingFrom("203.0.113.31");
        var messages = await browser.FailSignInAsync(account.Email);
        Assert.Equal(AccountFlows.HeldFor15Minutes, messages[4]);

        app.Clock.Advance(TimeSpan.FromMinutes(14));
        using var stillHeld = await browser.SignInAsync(account);
        FormAssert.HasSummaryError(await stillHeld.ReadPageAsync(),
            "Demasiados intentos para esta cuenta desde su conexión. Espere 1 minutos o restablezca su contraseña.");

        app.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal("/mis-solicitudes", await browser.SignInSuccessfullyAsync(account.Email, account.Password));
    }

    [Fact]
    public async Task SignIn_FailuresOlderThanTheWindow_DoNotCount()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = app.CreateSession().ConnectingFrom("203.0.113.32");
        await browser.FailSignInAsync(account.Email, times: 4);

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        var messages = await browser.FailSignInAsync(account.Email);

        Assert.Equal(Enumerable.Repeat(AccountFlows.WrongCredentials, 4), messages.Take(4));
        Assert.Equal(AccountFlows.HeldFor15Minutes, messages[4]);
    }

    [Fact]
    public async Task Registration_WithATakenCui_RunsAPasswordHashAsANewOneDoes()
    {
        var first = await app.RegisterSomeoneAsync();
        using var someoneElse = app.CreateSession();
        var second = TestData.NewRegistration() with { Cui = first.Cui };

        await someoneElse.RegisterSuccessfullyAsync(second);

        Assert.Equal(1, app.Hashes.HashesOf(first.Password)); // the new account's own hash
        Assert.Equal(1, app.Hashes.HashesOf(second.Password)); // the same work, for no account
    }
}
