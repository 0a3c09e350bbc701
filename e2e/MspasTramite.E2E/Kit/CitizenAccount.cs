using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MspasTramite.E2E.Kit;

public sealed record Citizen(string Name, string Email, string Cui, string Password);

/// The account steps every citizen journey starts with, done as a person does them: through the
/// forms and the confirmation email, never by writing to the database.
public static partial class CitizenAccount
{
    public const string Password = "una frase larga para probar";

    public static async Task FillRegistrationAsync(IPage page, string name, string email, string cui, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GetByLabel("Nombre completo").FillAsync(name);
        await page.GetByLabel("Correo electrónico").FillAsync(email);
        await page.GetByLabel("CUI (número de DPI)").FillAsync(cui);
        await page.GetByLabel("NIT (opcional, para empresas)").FillAsync("");
        await page.GetByLabel("Contraseña", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Repita la contraseña").FillAsync(password);
    }

    /// A new account with its email confirmed, not yet signed in. A CUI has at most one account and
    /// the database lives for the whole run, so each journey passes its own (TestData.Cuis).
    public static async Task<Citizen> RegisterAndConfirmAsync(IPage page, Mailbox mailbox, string name, string cui)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(mailbox);
        var citizen = new Citizen(name, TestData.UniqueEmail("ciudadano"), cui, Password);

        await page.GotoAsync("/cuenta/registro");
        await PageCheck.CheckAsync(page);
        await FillRegistrationAsync(page, citizen.Name, citizen.Email, citizen.Cui, citizen.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Crear cuenta", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Revise su correo", Level = 1 })).ToBeVisibleAsync();
        await PageCheck.CheckAsync(page);

        var message = await mailbox.WaitForMessageToAsync(citizen.Email);
        await page.GotoAsync(Mailbox.LinkIn(message, "/cuenta/confirmar").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Correo confirmado", Level = 1 })).ToBeVisibleAsync();
        await PageCheck.CheckAsync(page);
        return citizen;
    }

    /// From any page, through the "Ingresar" link of the menu; a citizen lands on "Mis solicitudes".
    public static Task SignInAsync(IPage page, Citizen citizen)
    {
        ArgumentNullException.ThrowIfNull(citizen);
        return SignIn.FromMenuAsync(page, citizen.Email, citizen.Password, MyApplicationsUrl());
    }

    /// Fills and sends the sign-in form the page shows.
    public static Task SubmitSignInAsync(IPage page, string email, string password) =>
        SignIn.SubmitAsync(page, email, password, MyApplicationsUrl());

    public static Task SignOutAsync(IPage page) => SignIn.SignOutAsync(page);

    [GeneratedRegex("/mis-solicitudes$")]
    private static partial Regex MyApplicationsUrl();
}
