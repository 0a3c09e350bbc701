using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Account;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Account;

[Collection(SqliteApp.Name)]
public sealed class LoginTests_Sqlite(SqliteAppFactory app) : LoginTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class LoginTests_Postgres(PostgresAppFactory app) : LoginTests<PostgresAppFactory>(app);

/// /cuenta/ingresar: no way to learn who has an account, and wrong passwords hold only the guesser's
/// address for that account (SignInThrottles), never the owner elsewhere.
public abstract class LoginTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    private const string WrongCredentials = AccountFlows.WrongCredentials;
    private const string Held = AccountFlows.HeldFor15Minutes;

    [Fact]
    public async Task SignIn_UnknownAndKnownAccounts_GetTheSameMessage()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        var unconfirmed = await CreateUnconfirmedAccountAsync();
        var disabled = await app.CreateAccountAsync(Roles.Solicitante);
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == disabled.Email)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DisabledAt, DateTimeOffset.UtcNow)));
        using var browser = app.CreateSession();

        using var unknown = await browser.SignInAsync(TestData.NewEmail("nadie"), "una contraseña cualquiera");
        using var wrong = await browser.SignInAsync(account.Email, "una contraseña cualquiera");
        using var wrongUnconfirmed = await browser.SignInAsync(unconfirmed.Email, "una contraseña cualquiera");
        using var rightButDisabled = await browser.SignInAsync(disabled);

        var unknownPage = await unknown.ReadPageAsync();
        Assert.Equal(WrongCredentials, Assert.Single(unknownPage.SummaryErrors).Message);
        foreach (var response in new[] { wrong, wrongUnconfirmed, rightButDisabled })
        {
            var page = await response.ReadPageAsync();
            Assert.Equal(unknownPage.SummaryErrors, page.SummaryErrors);
            Assert.Equal(MainText(unknownPage), MainText(page));
        }

        using var disabledHome = await browser.GetAsync("/mis-solicitudes");
        Assert.Equal("/cuenta/ingresar", disabledHome.RedirectPath()); // the disabled account did not get in
    }

    [Fact]
    public async Task SignIn_UnconfirmedWithTheRightPassword_AsksToConfirmTheEmail()
    {
        var unconfirmed = await CreateUnconfirmedAccountAsync();
        using var browser = app.CreateSession();

        using var response = await browser.SignInAsync(unconfirmed);

        var page = await response.ReadPageAsync();
        FormAssert.HasSummaryError(page, "Antes de ingresar, confirme su correo con el enlace que le enviamos.");
    }

    [Fact]
    public async Task SignIn_AfterFiveFailuresFromOneAddress_HoldsThatAddressOnly()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var stranger = app.CreateSession().ConnectingFrom("203.0.113.21");
        var messages = await stranger.FailSignInAsync(account.Email);

        using var strangerWithTheRightPassword = await stranger.SignInAsync(account);
        using var owner = app.CreateSession().ConnectingFrom("198.51.100.21");
        var ownerHome = await owner.SignInSuccessfullyAsync(account.Email, account.Password);

        Assert.Equal(Enumerable.Repeat(WrongCredentials, 4), messages.Take(4));
        Assert.Equal(Held, messages[4]); // the fifth failure is the one that holds
        FormAssert.HasSummaryError(await strangerWithTheRightPassword.ReadPageAsync(), Held);
        Assert.Equal("/mis-solicitudes", ownerHome); // the owner, from elsewhere, is not locked out
        var lockoutEnd = await app.WithDbAsync(db => db.Users.Where(u => u.Email == account.Email).Select(u => u.LockoutEnd).SingleAsync());
        Assert.Null(lockoutEnd); // nothing is locked on the account itself
    }

    [Fact]
    public async Task SignIn_Held_SaysTheSameForUnknownAccounts()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var guesser = app.CreateSession().ConnectingFrom("203.0.113.22");

        var known = await guesser.FailSignInAsync(account.Email);
        var unknown = await guesser.FailSignInAsync(TestData.NewEmail("nadie"));

        Assert.Equal(known, unknown);
        Assert.Equal(Held, unknown[4]);
    }

    [Fact]
    public async Task SignIn_Succeeding_StartsTheCountAgain()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = app.CreateSession().ConnectingFrom("203.0.113.23");
        await browser.FailSignInAsync(account.Email, times: 4);

        await browser.SignInSuccessfullyAsync(account.Email, account.Password);
        using var later = app.CreateSession().ConnectingFrom("203.0.113.23");
        var messages = await later.FailSignInAsync(account.Email, times: 4);

        Assert.Equal(Enumerable.Repeat(WrongCredentials, 4), messages); // four more, and still not held
        await later.SignInSuccessfullyAsync(account.Email, account.Password);
    }

    [Fact]
    public async Task SignIn_WithTwoFactorOn_GoesToTheSecondStepKeepingTheReturnAddress()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == account.Email)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TwoFactorEnabled, true)));
        using var browser = app.CreateSession();
        var page = await browser.GetPageAsync("/cuenta/ingresar?ReturnUrl=%2Fmis-solicitudes%3Fpagina%3D2");

        using var response = await browser.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.Email"] = account.Email,
            ["Input.Password"] = account.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/cuenta/ingresar/segundo-paso?ReturnUrl=%2Fmis-solicitudes%3Fpagina%3D2", response.Headers.Location!.OriginalString);
        using var citizenHome = await browser.GetAsync("/mis-solicitudes");
        Assert.Equal("/cuenta/ingresar", citizenHome.RedirectPath()); // not signed in by the password alone
    }

    private static string MainText(HtmlPage page) => page.Document.QuerySelector("main")!.TextContent.Trim();

    private async Task<TestAccount> CreateUnconfirmedAccountAsync()
    {
        var account = TestData.NewAccount(Roles.Solicitante);
        await using var scope = app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<AccountSeeder>()
            .CreateAsync(account.Email, account.FullName, Roles.Solicitante, account.Password, emailConfirmed: false, cui: TestData.NewCui());
        Assert.True(created.Succeeded, string.Join("; ", created.Errors));
        return account;
    }

    [Fact]
    public async Task Post_WhenPasswordWrong_KeepsEmailButNotPassword()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = app.CreateSession();

        using var response = await browser.SignInAsync(account.Email, "una contraseña equivocada");

        var page = await response.ReadPageAsync();
        Assert.Equal(account.Email, page.InputValue("Input.Email"));
        Assert.Null(page.InputValue("Input.Password"));
    }

    [Fact]
    public async Task Post_WhenFieldsEmpty_ShowsSpanishErrors()
    {
        using var browser = app.CreateSession();

        using var response = await browser.SignInAsync("", "");

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Email", "Escriba su correo electrónico.");
        FormAssert.HasFieldError(page, "Input_Password", "Escriba su contraseña.");
    }

    [Fact]
    public async Task Post_WhenReturnUrlPointsElsewhere_StaysOnThisSite()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = app.CreateSession();
        var page = await browser.GetPageAsync("/cuenta/ingresar?ReturnUrl=https%3A%2F%2Fevil.example%2Fphish");

        using var response = await browser.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.Email"] = account.Email,
            ["Input.Password"] = account.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(response.Headers.Location!.IsAbsoluteUri, $"redirected to {response.Headers.Location}");
        Assert.Equal("/mis-solicitudes", response.RedirectPath());
    }

    [Fact]
    public async Task Post_WhenReturnUrlLocal_GoesBackThere()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = app.CreateSession();
        using var challenge = await browser.GetAsync("/mis-solicitudes");
        var loginPage = await browser.GetPageAsync(challenge.Headers.Location!.PathAndQueryOf());

        using var response = await browser.SubmitAsync(loginPage, new Dictionary<string, string?>
        {
            ["Input.Email"] = account.Email,
            ["Input.Password"] = account.Password,
        });

        Assert.Equal("/mis-solicitudes", response.RedirectPath());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/mis-solicitudes")).StatusCode);
    }
}
