using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MspasTramite.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace MspasTramite.E2E.Account;

[Collection(RunningApp.Name)]
public sealed partial class TwoFactorJourneys(AppServer app, Chromium chromium, ITestOutputHelper output) : Journey(app, chromium, output)
{
    [Fact]
    public Task Analyst_sets_up_an_authenticator_from_the_QR_code_and_signs_in_with_it() => RunAsync(async page =>
    {
        var analyst = await StaffAccount.CreateAndSignInAnalystAsync(page, App, "Rosa Analista Xuc");

        await SignIn.Menu(page).GetByRole(AriaRole.Link, new() { Name = "Mi cuenta", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Mi cuenta");
        await page.GetByRole(AriaRole.Link, new() { Name = "Verificación en dos pasos", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Verificación en dos pasos");

        // A wrong password first: the key is not shown.
        await page.GetByLabel("Su contraseña actual").FillAsync("no es mi contraseña");
        await page.GetByRole(AriaRole.Button, new() { Name = "Configurar la verificación en dos pasos", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("La contraseña no es correcta.");
        await PageCheck.CheckAsync(page, "errors");

        await page.GetByLabel("Su contraseña actual").FillAsync(analyst.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Configurar la verificación en dos pasos", Exact = true }).ClickAsync();
        var qr = page.GetByRole(AriaRole.Img, new() { Name = "Código QR para la aplicación de autenticación" });
        await Expect(qr).ToBeVisibleAsync();
        await PageCheck.CheckAsync(page, "QR code");
        var authenticator = await AuthenticatorApp.ScanAsync(qr);
        Assert.Equal("MSPAS Trámites", authenticator.Issuer);
        // The key to type by hand is the same secret, in groups of four.
        var manualKey = await page.Locator("#manual-key").InnerTextAsync();
        Assert.Equal(authenticator.Secret, manualKey.Replace(" ", "", StringComparison.Ordinal), ignoreCase: true);

        await page.GetByLabel("Código de la aplicación").FillAsync(authenticator.NextCode());
        await page.GetByRole(AriaRole.Button, new() { Name = "Activar", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sus códigos de recuperación" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Códigos de recuperación" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(10);
        await PageCheck.CheckAsync(page, "recovery codes");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ya guardé mis códigos, continuar", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Mi cuenta");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("activada");
        await SignIn.SignOutAsync(page);

        // Signing in again: the password, then the app's code.
        await SignIn.Menu(page).GetByRole(AriaRole.Link, new() { Name = "Ingresar", Exact = true }).ClickAsync();
        await SignIn.SubmitAsync(page, analyst.Email, analyst.Password, SecondStep());
        await PageCheck.ExpectPageAsync(page, "Verificación en dos pasos");
        await page.GetByLabel("Código de la aplicación").FillAsync("123 45");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verificar", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("El código tiene 6 números.");
        await PageCheck.CheckAsync(page, "errors");
        await page.GetByLabel("Código de la aplicación").FillAsync(authenticator.NextCode());
        await page.GetByRole(AriaRole.Button, new() { Name = "Verificar", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(BackofficeHome());
        await PageCheck.CheckAsync(page);
    });

    [GeneratedRegex("/cuenta/ingresar/segundo-paso")]
    private static partial Regex SecondStep();

    [GeneratedRegex("/backoffice$")]
    private static partial Regex BackofficeHome();
}
