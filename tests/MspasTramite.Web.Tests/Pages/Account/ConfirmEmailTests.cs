using System.Net;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Account;

[Collection(SqliteApp.Name)]
public sealed class ConfirmEmailTests_Sqlite(SqliteAppFactory app) : ConfirmEmailTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class ConfirmEmailTests_Postgres(PostgresAppFactory app) : ConfirmEmailTests<PostgresAppFactory>(app);

/// The confirmation email goes through the outbox and the real SMTP server; its link activates the account.
public abstract class ConfirmEmailTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Fact]
    public async Task SignIn_BeforeEmailConfirmed_IsRefusedWithConfirmMessage()
    {
        using var browser = app.CreateSession();
        var registration = TestData.NewRegistration();
        await browser.RegisterSuccessfullyAsync(registration);

        using var response = await browser.SignInAsync(registration.Email, registration.Password);

        var page = await response.ReadPageAsync();
        FormAssert.HasSummaryError(page, "Antes de ingresar, confirme su correo con el enlace que le enviamos.");
        Assert.NotNull(page.Document.QuerySelector("a[href='/cuenta/reenviar-confirmacion']"));
        using var citizenHome = await browser.GetAsync("/mis-solicitudes");
        Assert.Equal("/cuenta/ingresar", citizenHome.RedirectPath()); // still not signed in
    }

    [Fact]
    public async Task Get_LinkFromConfirmationEmail_ActivatesAccountAndSignInSucceeds()
    {
        using var browser = app.CreateSession();
        var registration = TestData.NewRegistration();
        await browser.RegisterSuccessfullyAsync(registration);
        var email = await Mailbox.WaitForSubjectAsync(registration.Email, AccountFlows.ConfirmEmailSubject);
        var link = Mailbox.LinkTo(email, "/cuenta/confirmar");

        var confirmed = await browser.GetPageAsync(link.PathAndQuery);

        Assert.Equal("Correo confirmado", confirmed.Title);
        Assert.Contains(registration.FullName, email.TextBody, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Email == registration.Email).Select(u => u.EmailConfirmed).SingleAsync()));
        var home = await browser.SignInSuccessfullyAsync(registration.Email, registration.Password);
        Assert.Equal("/mis-solicitudes", home);
        var citizenHome = await browser.GetPageAsync(home);
        Assert.Equal("Mis solicitudes", citizenHome.Title);
        Assert.Contains(registration.FullName, citizenHome.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WhenCodeTampered_ShowsFailureAndLeavesAccountUnconfirmed()
    {
        using var browser = app.CreateSession();
        var registration = TestData.NewRegistration();
        await browser.RegisterSuccessfullyAsync(registration);
        var email = await Mailbox.WaitForSubjectAsync(registration.Email, AccountFlows.ConfirmEmailSubject);
        var link = Mailbox.LinkTo(email, "/cuenta/confirmar");
        var userId = System.Web.HttpUtility.ParseQueryString(link.Query)["userId"];

        using var response = await browser.GetAsync($"/cuenta/confirmar?userId={userId}&code=AAAA{Guid.NewGuid():N}");

        var page = await response.ReadPageAsync(HttpStatusCode.BadRequest);
        Assert.Equal("No se pudo confirmar el correo", page.Title);
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Email == registration.Email).Select(u => u.EmailConfirmed).SingleAsync()));
    }

    [Fact]
    public async Task Post_ResendConfirmation_SendsNewLinkThatWorks()
    {
        using var browser = app.CreateSession();
        var registration = TestData.NewRegistration();
        await browser.RegisterSuccessfullyAsync(registration);
        await Mailbox.WaitForSubjectAsync(registration.Email, AccountFlows.ConfirmEmailSubject);

        using var response = await browser.SubmitAsync("/cuenta/reenviar-confirmacion", new Dictionary<string, string?> { ["Input.Email"] = registration.Email });

        Assert.Equal("/cuenta/registro/revise-su-correo", response.RedirectPath());
        var emails = await Mailbox.WaitForMessagesAsync(registration.Email, 2, m => m.Subject == AccountFlows.ConfirmEmailSubject);
        var links = emails.Select(m => Mailbox.LinkTo(m, "/cuenta/confirmar")).ToList();
        Assert.Equal(2, links.Distinct().Count());
        var confirmed = await browser.GetPageAsync(links[^1].PathAndQuery);
        Assert.Equal("Correo confirmado", confirmed.Title);
    }
}
