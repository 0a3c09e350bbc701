using System.Net;
using MimeKit;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Infrastructure;

[Collection(SqliteForgedHostApp.Name)]
public sealed class PublicAddressTests_Sqlite(SqliteForgedHostAppFactory app) : PublicAddressTests<SqliteForgedHostAppFactory>(app);

[Collection(PostgresForgedHostApp.Name)]
public sealed class PublicAddressTests_Postgres(PostgresForgedHostAppFactory app) : PublicAddressTests<PostgresForgedHostAppFactory>(app);

/// A stranger who asks for a citizen's password reset with "Host: evil.example" must not make the
/// ministry email that citizen a genuine link to evil.example. Every link the app makes (emails, the
/// PDFs' QR codes, the gateway's return addresses) is the configured public address, whatever the
/// Host header of the request that caused it; and the token in it is the real one.
public abstract class PublicAddressTests<TFactory>(TFactory app) where TFactory : MspasAppFactory, IPaymentsApp, IForgedHostApp
{
    [Fact]
    public async Task ForgotPassword_WithForgedHost_EmailsTheConfiguredAddressWithTheRealToken()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var stranger = ForgedHostSession(app.CreateSession());

        using var asked = await stranger.SubmitAsync("/cuenta/olvide-contrasena", new Dictionary<string, string?> { ["Input.Email"] = account.Email });

        Assert.Equal("Revise su correo", (await asked.ReadPageAsync()).Title);
        var email = await Mailbox.WaitForSubjectAsync(account.Email, AccountFlows.ResetPasswordSubject);
        var link = ConfiguredLink(email, "/cuenta/restablecer-contrasena");
        // The citizen who opens it chooses a new password with it.
        using var citizen = app.CreateSession();
        await SetPasswordThroughAsync(citizen, link, account.Email);
    }

    [Fact]
    public async Task Register_WithForgedHost_ConfirmationLinkIsTheConfiguredAddressWithTheRealToken()
    {
        var registration = TestData.NewRegistration();
        using var browser = ForgedHostSession(app.CreateSession());

        await browser.RegisterSuccessfullyAsync(registration);

        var email = await Mailbox.WaitForSubjectAsync(registration.Email, AccountFlows.ConfirmEmailSubject);
        var link = ConfiguredLink(email, "/cuenta/confirmar");
        using var owner = app.CreateSession();
        Assert.Equal("Correo confirmado", (await owner.GetPageAsync(link.PathAndQuery)).Title);
    }

    [Fact]
    public async Task Register_WithForgedHostForAnEmailThatHasAnAccount_TellsItsOwnerAtTheConfiguredAddress()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var stranger = ForgedHostSession(app.CreateSession());

        await stranger.RegisterSuccessfullyAsync(TestData.NewRegistration() with { Email = account.Email });

        var email = await Mailbox.WaitForSubjectAsync(account.Email, "Ya tiene una cuenta");
        ConfiguredLink(email, "/cuenta/ingresar");
        ConfiguredLink(email, "/cuenta/olvide-contrasena");
    }

    [Fact]
    public async Task ResendConfirmation_WithForgedHost_EmailsTheConfiguredAddressWithTheRealToken()
    {
        var registration = TestData.NewRegistration();
        using (var browser = app.CreateSession())
        {
            await browser.RegisterSuccessfullyAsync(registration);
        }

        await Mailbox.WaitForSubjectAsync(registration.Email, AccountFlows.ConfirmEmailSubject);
        using var stranger = ForgedHostSession(app.CreateSession());

        using var resent = await stranger.SubmitAsync("/cuenta/reenviar-confirmacion", new Dictionary<string, string?> { ["Input.Email"] = registration.Email });

        Assert.Equal("/cuenta/registro/revise-su-correo", resent.RedirectPath());
        var emails = await Mailbox.WaitForMessagesAsync(registration.Email, 2, m => m.Subject == AccountFlows.ConfirmEmailSubject);
        var links = emails.Select(e => ConfiguredLink(e, "/cuenta/confirmar")).ToList();
        using var owner = app.CreateSession();
        Assert.Equal("Correo confirmado", (await owner.GetPageAsync(links[^1].PathAndQuery)).Title);
    }

    [Fact]
    public async Task StaffInvitation_WithForgedHost_EmailsTheConfiguredAddressWithTheRealToken()
    {
        var administrator = await app.CreateAccountAsync(Roles.AdministradorServicio);
        using var admin = ForgedHostSession(await app.SignedInSessionAsync(administrator));
        var staffEmail = TestData.NewEmail("analista");

        using var created = await admin.SubmitAsync("/admin/personal/nueva", new Dictionary<string, string?>
        {
            ["Input.FullName"] = "Luis Analista Invitado",
            ["Input.Email"] = staffEmail,
            ["Input.Role"] = Roles.Analista,
        });

        Assert.Equal("/admin/personal", created.RedirectPath());
        var invitation = await Mailbox.WaitForSubjectAsync(staffEmail, "Su cuenta de personal MSPAS");
        var link = ConfiguredLink(invitation, "/cuenta/restablecer-contrasena");
        using var staff = app.CreateSession();
        await SetPasswordThroughAsync(staff, link, staffEmail);
    }

    [Fact]
    public async Task ResolutionPdf_DownloadedWithForgedHost_QrCodeOpensTheConfiguredAddress()
    {
        var (application, licence) = await app.ApplicationWithResolutionAsync();
        var analyst = await app.CreateAccountAsync(Roles.Analista);
        using var owner = ForgedHostSession(await app.SignedInSessionAsync(application.Owner));
        using var staff = ForgedHostSession(await app.SignedInSessionAsync(analyst));
        var expected = $"{IForgedHostApp.PublicBaseUrl}/verificar/{licence.VerificationCode}";

        Assert.Equal(expected, await QrCodeOfPdfAsync(owner, $"{application.Url}/resolucion"));
        Assert.Equal(expected, await QrCodeOfPdfAsync(staff, $"/backoffice/expedientes/{application.Id}/resolucion"));
    }

    [Fact]
    public async Task Pay_WithForgedHost_GatewayReturnAddressesAndReceiptAreTheConfiguredAddress()
    {
        using var payer = await Payer.CreateAsync(app);
        ForgedHostSession(payer.Browser);
        var back = $"{IForgedHostApp.PublicBaseUrl}/mis-solicitudes/{payer.ApplicationId}/pago";

        var checkout = await payer.StartCheckoutAsync();
        var hosted = await payer.CheckoutPageAsync(checkout);
        using var paid = await payer.PayAtGatewayAsync(checkout, Payer.GoodCard);

        Assert.Equal(back + "/cancelado", hosted.Document.QuerySelector("p.cancel a")?.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
        Assert.StartsWith(back + "/exito?session_id=cs_", paid.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("Pago recibido", (await payer.Browser.GetPageAsync(paid.Headers.Location.PathAndQuery)).Title);
        var receipt = (await payer.StateAsync()).AssertPaidOnce();
        var verify = $"{IForgedHostApp.PublicBaseUrl}/verificar/{receipt.VerificationCode}";
        var email = await Mailbox.WaitForSubjectAsync(payer.Citizen.Email, $"Pago recibido — comprobante {receipt.Number}");
        Assert.Equal(verify, ConfiguredLink(email, $"/verificar/{receipt.VerificationCode}").AbsoluteUri);
        Assert.Equal(verify, await QrCodeOfPdfAsync(payer.Browser, $"{payer.DetailUrl}/comprobante"));
    }

    [Fact]
    public async Task Webhook_WithForgedHost_SettlesAndTheReceiptEmailLinksTheConfiguredAddress()
    {
        using var payer = await Payer.CreateAsync(app);
        var checkout = await payer.StartCheckoutAsync();
        using (app.Webhooks.Break(LineFault.Refused))
        {
            // The sandbox cannot deliver meanwhile: the forged request is the one that settles.
            await payer.PayWithGoodCardAsync(checkout);
            var sessionId = (await payer.StateAsync()).Attempt.SessionId!;
            var completed = await StripeWebhooks.SandboxEventAsync(app, "checkout.session.completed", sessionId);
            using var client = StripeWebhooks.Client(app);
            client.DefaultRequestHeaders.Host = IForgedHostApp.ForgedHost;

            using var response = await StripeWebhooks.PostAsync(client, completed, StripeWebhooks.Sign(completed));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var receipt = (await payer.StateAsync()).AssertPaidOnce();
        var email = await Mailbox.WaitForSubjectAsync(payer.Citizen.Email, $"Pago recibido — comprobante {receipt.Number}");
        Assert.Equal($"{IForgedHostApp.PublicBaseUrl}/verificar/{receipt.VerificationCode}", ConfiguredLink(email, $"/verificar/{receipt.VerificationCode}").AbsoluteUri);
    }

    /// Every request of this browser says "Host: evil.example" (the test server passes the header on
    /// to the app as the request's host, as Kestrel does).
    private static WebSession ForgedHostSession(WebSession session)
    {
        session.Client.DefaultRequestHeaders.Host = IForgedHostApp.ForgedHost;
        return session;
    }

    /// The link to <paramref name="path"/> in the email, which must be at the configured address; the
    /// forged name appears nowhere in the message.
    private static Uri ConfiguredLink(MimeMessage email, string path)
    {
        Assert.DoesNotContain(IForgedHostApp.ForgedHost, email.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(IForgedHostApp.ForgedHost, email.HtmlBody, StringComparison.OrdinalIgnoreCase);
        var link = Mailbox.LinkTo(email, path);
        Assert.Equal(IForgedHostApp.PublicBaseUrl, link.GetLeftPart(UriPartial.Authority));
        return link;
    }

    /// Opens a password link the way its recipient does and proves its token works: a new password
    /// is accepted and signs in.
    private static async Task SetPasswordThroughAsync(WebSession browser, Uri link, string email)
    {
        var password = TestData.NewPassword();
        using var saved = await browser.SubmitAsync(link.PathAndQuery, new Dictionary<string, string?>
        {
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        Assert.Equal("/cuenta/ingresar", saved.RedirectPath());
        await browser.SignInSuccessfullyAsync(email, password);
    }

    private static async Task<string> QrCodeOfPdfAsync(WebSession browser, string url)
    {
        using var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await QrCodes.ReadFromPdfAsync(await response.Content.ReadAsByteArrayAsync());
    }
}
