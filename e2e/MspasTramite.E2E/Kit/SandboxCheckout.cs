using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MspasTramite.E2E.Kit;

/// The payment sandbox's hosted page (/sandbox-pagos/checkout/{id}), where a person types a card as on
/// Stripe's own page. Its test cards are Stripe's.
public static partial class SandboxCheckout
{
    public const string ApprovedCard = "4242 4242 4242 4242";
    public const string DeclinedCard = "4000 0000 0000 0002";

    /// From the application's details: "Pagar Q500.00 en línea" leads to the sandbox's page.
    public static async Task StartFromApplicationAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Pagar Q500.00 en línea", Exact = true }).ClickAsync();
        await ExpectOnPageAsync(page);
    }

    public static async Task ExpectOnPageAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Expect(page).ToHaveURLAsync(CheckoutUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pagar", Exact = true, Level = 1 })).ToBeVisibleAsync();
        await PageCheck.CheckAsync(page);
    }

    /// Types the card (expiry 12/30, CVC 123) and presses "Pagar Q500.00".
    public static async Task PayAsync(IPage page, string cardNumber)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GetByLabel("Número de tarjeta").FillAsync(cardNumber);
        await page.GetByLabel("Vencimiento (MM/AA)").FillAsync("12/30");
        await page.GetByLabel("CVC", new() { Exact = true }).FillAsync("123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pagar Q500.00", Exact = true }).ClickAsync();
    }

    /// A submitted application paid with the approved card, from its details to "Pago recibido".
    public static async Task PayApplicationAsync(IPage page)
    {
        await StartFromApplicationAsync(page);
        await PayAsync(page, ApprovedCard);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pago recibido", Level = 1 })).ToBeVisibleAsync();
        await PageCheck.CheckAsync(page);
    }

    [GeneratedRegex("/sandbox-pagos/checkout/[^/]+$")]
    private static partial Regex CheckoutUrl();
}
