using System.Net;

namespace MspasTramite.Web.Tests.TestKit;

/// What a person does with their account, through the pages, as the tests' building blocks.
public static class AccountFlows
{
    public const string ConfirmEmailSubject = "Confirme su correo electrónico";
    public const string ResetPasswordSubject = "Restablezca su contraseña";
    public const string WrongCredentials = "El correo o la contraseña no son correctos.";
    public const string HeldFor15Minutes = "Demasiados intentos para esta cuenta desde su conexión. Espere 15 minutos o restablezca su contraseña.";

    /// Wrong passwords for the email from the browser's address; the message each one got.
    public static async Task<List<string>> FailSignInAsync(this WebSession browser, string email, int times = 5)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var messages = new List<string>();
        for (var attempt = 1; attempt <= times; attempt++)
        {
            using var wrong = await browser.SignInAsync(email, "no es la contraseña correcta");
            var page = await wrong.ReadPageAsync();
            messages.Add(Assert.Single(page.SummaryErrors).Message);
        }

        return messages;
    }

    public static Task<HttpResponseMessage> RegisterAsync(this WebSession session, Registration registration)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(registration);
        return session.SubmitAsync("/cuenta/registro", registration.ToForm());
    }

    public static Task<HttpResponseMessage> SignInAsync(this WebSession session, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.SubmitAsync("/cuenta/ingresar", new Dictionary<string, string?>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    /// Signs in and checks it worked: a redirect to the person's home, not the form again.
    public static async Task<string> SignInSuccessfullyAsync(this WebSession session, string email, string password)
    {
        using var response = await session.SignInAsync(email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = await response.ReadPageAsync(response.StatusCode);
            Assert.Fail($"Sign-in of {email} was refused: {string.Join(" | ", page.SummaryErrors.Select(e => e.Message))}");
        }

        return response.RedirectPath();
    }

    public static Task<HttpResponseMessage> SignInAsync(this WebSession session, TestAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return session.SignInAsync(account.Email, account.Password);
    }

    /// Registers through the form and checks the "revise su correo" redirect.
    public static async Task RegisterSuccessfullyAsync(this WebSession session, Registration registration)
    {
        using var response = await session.RegisterAsync(registration);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = await response.ReadPageAsync(response.StatusCode);
            Assert.Fail($"Registration of {registration.Email} was refused: {string.Join(" | ", page.SummaryErrors.Select(e => e.Message))}");
        }

        Assert.Equal("/cuenta/registro/revise-su-correo", response.RedirectPath());
    }

    /// Reads the confirmation email the SMTP server received and opens its link.
    public static async Task<HtmlPage> ConfirmEmailFromMailAsync(this WebSession session, string email)
    {
        ArgumentNullException.ThrowIfNull(session);
        var message = await Mailbox.WaitForSubjectAsync(email, ConfirmEmailSubject);
        var link = Mailbox.LinkTo(message, "/cuenta/confirmar");
        return await session.GetPageAsync(link.PathAndQuery);
    }

    /// A citizen registered through the form, from a browser of their own (not confirmed).
    public static async Task<Registration> RegisterSomeoneAsync(this MspasAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var browser = app.CreateSession();
        var registration = TestData.NewRegistration();
        await browser.RegisterSuccessfullyAsync(registration);
        return registration;
    }

    /// A citizen who registered and confirmed their email, all through the pages and real SMTP.
    public static async Task<Registration> RegisterAndConfirmAsync(this WebSession session)
    {
        var registration = TestData.NewRegistration();
        await session.RegisterSuccessfullyAsync(registration);
        var confirmed = await session.ConfirmEmailFromMailAsync(registration.Email);
        Assert.Equal("Correo confirmado", confirmed.Title);
        return registration;
    }
}
