using System.Net;

namespace MspasTramite.Web.Tests.TestKit;

/// Two-factor sign-in through the pages: set-up with the app, the second step, recovery codes.
public static class TwoFactorFlows
{
    public const string SetupPath = "/cuenta/seguridad/doble-factor";
    public const string SecondStepPath = "/cuenta/ingresar/segundo-paso";
    public const string RecoveryCodePath = "/cuenta/ingresar/codigo-de-recuperacion";

    public sealed record TwoFactorSetup(Authenticator App, IReadOnlyList<string> RecoveryCodes);

    /// Posts the set-up's first form (the password again) and returns the page with the QR code.
    public static async Task<HtmlPage> StartSetupAsync(this WebSession session, string password)
    {
        ArgumentNullException.ThrowIfNull(session);
        using var response = await session.SubmitAsync(SetupPath, new Dictionary<string, string?> { ["Input.CurrentPassword"] = password });
        return await response.ReadPageAsync();
    }

    /// The whole set-up, as the person does it: password, the key from the page into the app (its
    /// clock the app's), the app's current code; checks the recovery codes page.
    public static async Task<TwoFactorSetup> SetUpTwoFactorAsync(this WebSession session, TestAccount account, TestClock clock)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(clock);
        var qrPage = await session.StartSetupAsync(account.Password);
        var key = qrPage.Document.GetElementById("manual-key")?.TextContent
            ?? throw new InvalidOperationException($"No key on the set-up page.\n{qrPage.Html}");
        var app = new Authenticator(key, clock);
        using var confirmed = await session.SubmitAsync(qrPage, new Dictionary<string, string?> { ["Input.Code"] = app.CurrentCode });
        var done = await confirmed.ReadPageAsync();
        var codes = done.Document.QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent.Trim()).ToList();
        Assert.True(codes.Count == 10, $"Expected 10 recovery codes.\n{done.Html}");
        return new TwoFactorSetup(app, codes);
    }

    /// The password, then the second step with <paramref name="code"/>: the second step's answer.
    public static async Task<HttpResponseMessage> SignInWithCodeAsync(this WebSession session, TestAccount account, string code, string secondStep = SecondStepPath)
    {
        ArgumentNullException.ThrowIfNull(session);
        using (var password = await session.SignInAsync(account))
        {
            Assert.Equal(SecondStepPath, password.RedirectPath());
        }

        return await session.SubmitAsync(secondStep, new Dictionary<string, string?> { ["Input.Code"] = code });
    }

    /// A staff account with two-factor set up, and a browser signed in with it.
    public static async Task<(TestAccount Account, TwoFactorSetup Setup, WebSession Browser)> StaffWithTwoFactorAsync(this MspasAppFactory app, string role, TestClock clock)
    {
        ArgumentNullException.ThrowIfNull(app);
        var account = await app.CreateAccountAsync(role);
        var browser = app.CreateSession();
        await browser.SignInSuccessfullyAsync(account.Email, account.Password);
        var setup = await browser.SetUpTwoFactorAsync(account, clock);
        return (account, setup, browser);
    }

    /// The next 30-second period: the app shows a new code, which the service has not seen.
    public static void NextPeriod(this TestClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        clock.Advance(TimeSpan.FromSeconds(30));
    }

    public static void AssertSignedInAt(this HttpResponseMessage response, string home)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect to {home}, got {(int)response.StatusCode}.");
        Assert.Equal(home, response.RedirectPath());
    }
}
