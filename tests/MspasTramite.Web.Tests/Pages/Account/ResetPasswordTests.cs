using System.Net;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Account;

[Collection(SqliteApp.Name)]
public sealed class ResetPasswordTests_Sqlite(SqliteAppFactory app) : ResetPasswordTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class ResetPasswordTests_Postgres(PostgresAppFactory app) : ResetPasswordTests<PostgresAppFactory>(app);

/// /cuenta/olvide-contrasena and /cuenta/restablecer-contrasena, end to end through real SMTP.
public abstract class ResetPasswordTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Fact]
    public async Task ForgotPassword_ThenLinkFromEmail_SetsNewPasswordAndOldOneStopsWorking()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = app.CreateSession();

        using var asked = await browser.SubmitAsync("/cuenta/olvide-contrasena", new Dictionary<string, string?> { ["Input.Email"] = account.Email });
        var sent = await asked.ReadPageAsync();
        Assert.Equal("Revise su correo", sent.Title);
        var email = await Mailbox.WaitForSubjectAsync(account.Email, AccountFlows.ResetPasswordSubject);
        var link = Mailbox.LinkTo(email, "/cuenta/restablecer-contrasena");
        var form = await browser.GetPageAsync(link.PathAndQuery);
        var newPassword = TestData.NewPassword();

        using var saved = await browser.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["Input.Password"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });

        Assert.Equal("/cuenta/ingresar", saved.RedirectPath());
        var loginPage = await browser.FollowAsync(saved);
        Assert.Contains("Su contraseña cambió. Ya puede ingresar.", loginPage.Document.QuerySelector(".notice")?.TextContent, StringComparison.Ordinal);
        using var withOld = await browser.SignInAsync(account);
        Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
        Assert.Equal("/mis-solicitudes", await browser.SignInSuccessfullyAsync(account.Email, newPassword));
    }

    [Fact]
    public async Task ResetPassword_FromAHeldAddress_LetsThePersonSignInFromThere()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = app.CreateSession().ConnectingFrom("203.0.113.51");
        var messages = await browser.FailSignInAsync(account.Email);
        Assert.Equal(AccountFlows.HeldFor15Minutes, messages[^1]);
        using var asked = await browser.SubmitAsync("/cuenta/olvide-contrasena", new Dictionary<string, string?> { ["Input.Email"] = account.Email });
        var link = Mailbox.LinkTo(await Mailbox.WaitForSubjectAsync(account.Email, AccountFlows.ResetPasswordSubject), "/cuenta/restablecer-contrasena");
        var newPassword = TestData.NewPassword();

        using var saved = await browser.SubmitAsync(link.PathAndQuery, new Dictionary<string, string?> { ["Input.Password"] = newPassword, ["Input.ConfirmPassword"] = newPassword });

        Assert.Equal("/cuenta/ingresar", saved.RedirectPath());
        Assert.Equal("/mis-solicitudes", await browser.SignInSuccessfullyAsync(account.Email, newPassword));
    }

    [Fact]
    public async Task Post_WhenLinkAlreadyUsed_ShowsErrorAndKeepsPassword()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = app.CreateSession();
        using var asked = await browser.SubmitAsync("/cuenta/olvide-contrasena", new Dictionary<string, string?> { ["Input.Email"] = account.Email });
        var link = Mailbox.LinkTo(await Mailbox.WaitForSubjectAsync(account.Email, AccountFlows.ResetPasswordSubject), "/cuenta/restablecer-contrasena");
        var first = TestData.NewPassword();
        using var used = await browser.SubmitAsync(link.PathAndQuery, new Dictionary<string, string?> { ["Input.Password"] = first, ["Input.ConfirmPassword"] = first });
        Assert.Equal("/cuenta/ingresar", used.RedirectPath());
        var second = TestData.NewPassword();

        using var response = await browser.SubmitAsync(link.PathAndQuery, new Dictionary<string, string?> { ["Input.Password"] = second, ["Input.ConfirmPassword"] = second });

        var page = await response.ReadPageAsync();
        FormAssert.HasSummaryError(page, "El enlace no es válido o ya venció. Solicite uno nuevo.");
        Assert.Equal("/mis-solicitudes", await browser.SignInSuccessfullyAsync(account.Email, first));
    }

    [Fact]
    public async Task Post_WhenNewPasswordTooShort_ShowsErrorNextToField()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = app.CreateSession();
        using var asked = await browser.SubmitAsync("/cuenta/olvide-contrasena", new Dictionary<string, string?> { ["Input.Email"] = account.Email });
        var link = Mailbox.LinkTo(await Mailbox.WaitForSubjectAsync(account.Email, AccountFlows.ResetPasswordSubject), "/cuenta/restablecer-contrasena");

        using var response = await browser.SubmitAsync(link.PathAndQuery, new Dictionary<string, string?> { ["Input.Password"] = "corta", ["Input.ConfirmPassword"] = "corta" });

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Password", "La contraseña debe tener entre 12 y 128 caracteres.");
        Assert.Equal("/mis-solicitudes", await browser.SignInSuccessfullyAsync(account.Email, account.Password));
    }

    [Fact]
    public async Task ForgotPassword_WhenEmailUnknown_GivesSameAnswerAndQueuesNoEmail()
    {
        using var browser = app.CreateSession();
        var nobody = TestData.NewEmail("nadie");

        using var response = await browser.SubmitAsync("/cuenta/olvide-contrasena", new Dictionary<string, string?> { ["Input.Email"] = nobody });

        var page = await response.ReadPageAsync();
        Assert.Equal("Revise su correo", page.Title);
        // The outbox row would have been written by this very request: none means no email, ever.
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.To == nobody)));
    }

    [Fact]
    public async Task Get_WithoutCode_Returns404()
    {
        using var browser = app.CreateSession();

        using var response = await browser.GetAsync("/cuenta/restablecer-contrasena");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
