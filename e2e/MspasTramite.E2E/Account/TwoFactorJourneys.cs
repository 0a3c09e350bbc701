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
        var codes = page.GetByRole(AriaRole.List, new() { Name = "Códigos de recuperación" }).GetByRole(AriaRole.Listitem);
        await Expect(codes).ToHaveCountAsync(10);
        var recoveryCode = (await codes.First.InnerTextAsync()).Trim();
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

        // Where the account is open, then a new password: every session ends, this one too.
        await SignIn.Menu(page).GetByRole(AriaRole.Link, new() { Name = "Mi cuenta", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sesiones abiertas", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Sesiones abiertas");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Esta sesión");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cambiar la contraseña", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Cambiar la contraseña");
        const string newPassword = "otra frase larga para el personal";
        await page.GetByLabel("Contraseña actual").FillAsync("no es mi contraseña");
        await page.GetByLabel("Nueva contraseña").FillAsync(newPassword);
        await page.GetByLabel("Repita la contraseña").FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Cambiar la contraseña", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("La contraseña actual no es correcta.");
        await PageCheck.CheckAsync(page, "errors");
        await page.GetByLabel("Contraseña actual").FillAsync(analyst.Password);
        await page.GetByLabel("Nueva contraseña").FillAsync(newPassword);
        await page.GetByLabel("Repita la contraseña").FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Cambiar la contraseña", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Su contraseña cambió y se cerraron todas sus sesiones.");

        // A lost phone: the new password, then one of the recovery codes.
        await SignIn.SubmitAsync(page, analyst.Email, newPassword, SecondStep());
        await page.GetByRole(AriaRole.Link, new() { Name = "No tengo mi teléfono: usar un código de recuperación", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Código de recuperación");
        await page.GetByLabel("Código de recuperación").FillAsync(recoveryCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verificar", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(BackofficeHome());
        await SignIn.SignOutAsync(page);

        // The administrator reads the account's history on the staff page.
        await SignIn.FromMenuAsync(page, App.Administrator.Email, App.Administrator.Password, AdminHome());
        await page.GetByRole(AriaRole.Link, new() { Name = "Cuentas del personal", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = analyst.Name, Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, analyst.Name);
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Código de recuperación usado");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar roles", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Escriba el motivo.");
        await PageCheck.CheckAsync(page, "errors");
    });

    [GeneratedRegex("/cuenta/ingresar/segundo-paso")]
    private static partial Regex SecondStep();

    [GeneratedRegex("/backoffice$")]
    private static partial Regex BackofficeHome();

    [GeneratedRegex("/admin$")]
    private static partial Regex AdminHome();
}
