using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MspasTramite.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace MspasTramite.E2E.Account;

[Collection(RunningApp.Name)]
public sealed class AccountJourneys(AppServer app, Chromium chromium, ITestOutputHelper output) : Journey(app, chromium, output)
{
    private const string CuiChecksumError = "El CUI no es válido: revise que lo copió tal como aparece en su DPI.";

    [Fact]
    public Task Citizen_registers_confirms_email_and_signs_in() => RunAsync(async page =>
    {
        // Accents on purpose: the name travels through the form, the database and a quoted-printable email.
        const string name = "María José Pérez Ixcoy";
        const string password = "una frase larga para probar";
        var email = TestData.UniqueEmail("ciudadana");

        await page.GotoAsync("/");
        await PageCheck.CheckAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Crear cuenta", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Crear una cuenta");

        // A mistyped CUI first: the form says what is wrong and keeps what the person typed.
        await CitizenAccount.FillRegistrationAsync(page, name, email, TestData.Cuis.WrongCheckDigit, password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Crear cuenta", Exact = true }).ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert);
        await Expect(summary).ToContainTextAsync("Hay un problema");
        await Expect(summary).ToContainTextAsync(CuiChecksumError);
        var cui = page.GetByLabel("CUI (número de DPI)");
        await Expect(cui).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(cui).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(CuiChecksumError)));
        await Expect(page.GetByLabel("Nombre completo")).ToHaveValueAsync(name);
        await Expect(page.GetByLabel("Correo electrónico")).ToHaveValueAsync(email);
        await Expect(cui).ToHaveValueAsync(TestData.Cuis.WrongCheckDigit);
        // Passwords are never echoed back into a page.
        await Expect(page.GetByLabel("Contraseña", new() { Exact = true })).ToBeEmptyAsync();
        await PageCheck.CheckAsync(page, "errors");

        await CitizenAccount.FillRegistrationAsync(page, name, email, TestData.Cuis.ForRegistration, password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Crear cuenta", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Revise su correo", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(email);
        await PageCheck.CheckAsync(page);

        var message = await App.Mailbox.WaitForMessageToAsync(email);
        Assert.Equal("Confirme su correo electrónico", message.Subject);
        Assert.Contains($"Hola {name}:", message.TextBody, StringComparison.Ordinal);
        var link = Mailbox.LinkIn(message, "/cuenta/confirmar");
        Assert.Equal(App.BaseUrl.GetLeftPart(UriPartial.Authority), link.GetLeftPart(UriPartial.Authority));

        await page.GotoAsync(link.ToString());
        await PageCheck.ExpectPageAsync(page, "Correo confirmado");

        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Ingresar", Exact = true }).ClickAsync();
        await CitizenAccount.SubmitSignInAsync(page, email, password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mis solicitudes", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync($"Bienvenido(a), {name}.");
    });

    [Fact]
    public Task Registration_errors_are_announced_and_every_input_is_labelled() => RunAsync(async page =>
    {
        await page.GotoAsync("/cuenta/registro");
        await PageCheck.CheckAsync(page);
        await CitizenAccount.FillRegistrationAsync(page, "Pedro Ajú", TestData.UniqueEmail("pedro"), TestData.Cuis.WrongCheckDigit, "una frase larga para probar");
        await page.GetByRole(AriaRole.Button, new() { Name = "Crear cuenta", Exact = true }).ClickAsync();

        // The summary is an alert and takes the focus (wwwroot/js/site.js), so a screen reader reads it first.
        var summary = page.GetByRole(AriaRole.Alert);
        await Expect(summary).ToContainTextAsync("Hay un problema");
        await Expect(summary).ToBeFocusedAsync();
        await PageCheck.CheckAsync(page, "errors");
        // Each problem links to its field.
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = CuiChecksumError })).ToHaveAttributeAsync("href", "#Input_Cui");
        await Expect(page.Locator("#Input_Cui")).ToHaveAccessibleNameAsync("CUI (número de DPI)");

        var inputs = page.Locator("input:not([type=hidden])");
        Assert.True(await inputs.CountAsync() >= 6, "The registration form should show at least six inputs.");
        var unlabelled = await inputs.EvaluateAllAsync<string[]>("""
            els => els
                .filter(el => !([...el.labels].some(l => l.textContent.trim() !== '')
                                || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
                .map(el => el.id || el.name || el.outerHTML)
            """);
        Assert.Empty(unlabelled);
        var brokenDescriptions = await inputs.EvaluateAllAsync<string[]>("""
            els => els.flatMap(el => (el.getAttribute('aria-describedby') || '').split(' ')
                .filter(id => id && !document.getElementById(id))
                .map(id => `${el.id} -> #${id}`))
            """);
        Assert.Empty(brokenDescriptions);
    });
}
