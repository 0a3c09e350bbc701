using System.Net;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Account;

[Collection(SqliteApp.Name)]
public sealed class LoginTests_Sqlite(SqliteAppFactory app) : LoginTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class LoginTests_Postgres(PostgresAppFactory app) : LoginTests<PostgresAppFactory>(app);

/// /cuenta/ingresar: lockout after repeated failures, and no way to learn who has an account.
public abstract class LoginTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    private const string WrongCredentials = "El correo o la contraseña no son correctos.";
    private const string LockedOut = "Su cuenta quedó bloqueada por 15 minutos tras varios intentos fallidos. Espere o restablezca su contraseña.";

    [Fact]
    public async Task Post_AfterFiveWrongPasswords_RefusesEvenTheRightPassword()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = app.CreateSession();
        var messages = new List<string>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await browser.SignInAsync(account.Email, "no es la contraseña correcta");
            var page = await wrong.ReadPageAsync();
            messages.Add(Assert.Single(page.SummaryErrors).Message);
        }

        using var response = await browser.SignInAsync(account);

        var refused = await response.ReadPageAsync();
        FormAssert.HasSummaryError(refused, LockedOut);
        Assert.Equal(Enumerable.Repeat(WrongCredentials, 4), messages.Take(4));
        Assert.Equal(LockedOut, messages[4]); // the fifth failure is the one that locks
        using var citizenHome = await browser.GetAsync("/mis-solicitudes");
        Assert.Equal("/cuenta/ingresar", citizenHome.RedirectPath()); // not signed in
        var lockoutEnd = await app.WithDbAsync(db => db.Users.Where(u => u.Email == account.Email).Select(u => u.LockoutEnd).SingleAsync());
        Assert.NotNull(lockoutEnd);
        Assert.True(lockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14), $"locked until {lockoutEnd}");
    }

    [Fact]
    public async Task Post_WhenEmailUnknownOrPasswordWrong_ShowsTheSameMessage()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = app.CreateSession();

        using var unknown = await browser.SignInAsync(TestData.NewEmail("nadie"), "una contraseña cualquiera");
        using var wrong = await browser.SignInAsync(account.Email, "una contraseña cualquiera");

        var unknownPage = await unknown.ReadPageAsync();
        var wrongPage = await wrong.ReadPageAsync();
        Assert.Equal(WrongCredentials, Assert.Single(unknownPage.SummaryErrors).Message);
        Assert.Equal(unknownPage.SummaryErrors, wrongPage.SummaryErrors);
        Assert.Equal(unknownPage.Document.QuerySelector("main")!.TextContent.Trim(), wrongPage.Document.QuerySelector("main")!.TextContent.Trim());
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
