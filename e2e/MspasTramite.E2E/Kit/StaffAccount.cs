using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MspasTramite.E2E.Kit;

public sealed record StaffMember(string Name, string Email, string Password);

/// Staff accounts as the service has them: an administrator creates the account, the person sets a
/// password from the invitation email and signs in. Nothing is written to the database directly.
public static partial class StaffAccount
{
    public const string Password = "una frase larga para el personal";

    /// A Finanzas account, signed in at the end: the page is on /finanzas. The administrator signs out
    /// before the invitation is opened, as it happens on two different computers.
    public static Task<StaffMember> CreateAndSignInFinanceOfficerAsync(IPage page, AppServer app, string name) =>
        CreateAndSignInAsync(page, app, name, "Finanzas", FinanceHome());

    /// An analyst, signed in at the end on the work queue (/backoffice).
    public static Task<StaffMember> CreateAndSignInAnalystAsync(IPage page, AppServer app, string name) =>
        CreateAndSignInAsync(page, app, name, "Analista", BackofficeHome());

    /// A head of section ("Jefe de sección"), signed in at the end on the work queue.
    public static Task<StaffMember> CreateAndSignInHeadAsync(IPage page, AppServer app, string name) =>
        CreateAndSignInAsync(page, app, name, "Jefe de sección", BackofficeHome());

    private static async Task<StaffMember> CreateAndSignInAsync(IPage page, AppServer app, string name, string role, Regex home)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(app);
        var officer = new StaffMember(name, TestData.UniqueEmail(role.Split(' ')[0].ToLowerInvariant()), Password);

        await page.GotoAsync("/");
        await PageCheck.CheckAsync(page);
        await SignIn.FromMenuAsync(page, app.Administrator.Email, app.Administrator.Password, AdminHome());
        await page.GetByRole(AriaRole.Link, new() { Name = "Cuentas del personal", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Cuentas del personal");
        await page.GetByRole(AriaRole.Link, new() { Name = "Crear cuenta de personal", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Crear cuenta de personal");
        await page.GetByLabel("Nombre completo").FillAsync(officer.Name);
        await page.GetByLabel("Correo electrónico institucional").FillAsync(officer.Email);
        await page.GetByRole(AriaRole.Radio, new() { Name = role, Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Crear cuenta", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Cuenta creada. Enviamos la invitación a {officer.Email}.");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = officer.Email })).ToContainTextAsync("Invitación pendiente");
        await PageCheck.CheckAsync(page, "account created");
        await SignIn.SignOutAsync(page);

        var invitation = await app.Mailbox.WaitForMessageToAsync(officer.Email);
        Assert.Equal("Su cuenta de personal MSPAS", invitation.Subject);
        await page.GotoAsync(Mailbox.LinkIn(invitation, "/cuenta/restablecer-contrasena").ToString());
        await PageCheck.CheckAsync(page);
        await page.GetByLabel("Nueva contraseña").FillAsync(officer.Password);
        await page.GetByLabel("Repita la contraseña").FillAsync(officer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar contraseña", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Su contraseña cambió. Ya puede ingresar.");

        await SignIn.SubmitAsync(page, officer.Email, officer.Password, home);
        return officer;
    }

    [GeneratedRegex("/admin$")]
    private static partial Regex AdminHome();

    [GeneratedRegex("/finanzas$")]
    private static partial Regex FinanceHome();

    [GeneratedRegex("/backoffice$")]
    private static partial Regex BackofficeHome();
}
