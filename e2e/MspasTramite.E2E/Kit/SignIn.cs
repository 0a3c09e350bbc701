using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MspasTramite.E2E.Kit;

/// The sign-in form, for citizens and staff alike: each lands on the home of their role.
public static class SignIn
{
    /// From any page, through the "Ingresar" link of the menu.
    public static async Task FromMenuAsync(IPage page, string email, string password, Regex home)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Ingresar", Exact = true }).ClickAsync();
        await SubmitAsync(page, email, password, home);
    }

    /// Fills and sends the sign-in form the page shows. Both the form and the home it leads to are checked.
    public static async Task SubmitAsync(IPage page, string email, string password, Regex home)
    {
        ArgumentNullException.ThrowIfNull(page);
        var submit = page.GetByRole(AriaRole.Button, new() { Name = "Ingresar", Exact = true });
        await Expect(submit).ToBeVisibleAsync();
        await PageCheck.CheckAsync(page);
        await page.GetByLabel("Correo electrónico").FillAsync(email);
        await page.GetByLabel("Contraseña", new() { Exact = true }).FillAsync(password);
        await submit.ClickAsync();
        await Expect(page).ToHaveURLAsync(home);
        await PageCheck.CheckAsync(page);
    }

    public static async Task SignOutAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Menu(page).GetByRole(AriaRole.Button, new() { Name = "Salir", Exact = true }).ClickAsync();
        await Expect(Menu(page).GetByRole(AriaRole.Link, new() { Name = "Ingresar", Exact = true })).ToBeVisibleAsync();
        await PageCheck.CheckAsync(page);
    }

    public static ILocator Menu(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" });
    }
}
