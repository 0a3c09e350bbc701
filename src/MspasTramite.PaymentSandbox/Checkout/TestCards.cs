namespace MspasTramite.PaymentSandbox.Checkout;

internal enum CardOutcome
{
    Succeeds,
    Declined,
    RequiresAuthentication,
}

internal sealed record TestCard(string Number, CardOutcome Outcome, string Funding, string? DeclineMessage, string Description);

/// Stripe's test card numbers and what they do. Any other valid number is declined, as Stripe's test
/// mode declines real cards.
internal static class TestCards
{
    public const string Declined = "Su tarjeta fue rechazada.";
    public const string UnknownCard = "Su tarjeta fue rechazada. En esta pasarela de pruebas use una de las tarjetas de prueba.";

    public static IReadOnlyList<TestCard> All { get; } =
    [
        new("4242424242424242", CardOutcome.Succeeds, "credit", null, "Pago aprobado"),
        new("4000056655665556", CardOutcome.Succeeds, "debit", null, "Pago aprobado (débito)"),
        new("5555555555554444", CardOutcome.Succeeds, "credit", null, "Pago aprobado (Mastercard)"),
        new("4000002760003184", CardOutcome.RequiresAuthentication, "credit", null, "Pide autorizar el pago (3-D Secure)"),
        new("4000000000000002", CardOutcome.Declined, "credit", Declined, "Tarjeta rechazada"),
        new("4000000000009995", CardOutcome.Declined, "credit", "Fondos insuficientes.", "Fondos insuficientes"),
        new("4000000000000069", CardOutcome.Declined, "credit", "Su tarjeta está vencida.", "Tarjeta vencida"),
        new("4000000000000127", CardOutcome.Declined, "credit", "El código de seguridad (CVC) de su tarjeta es incorrecto.", "CVC incorrecto"),
    ];

    public static TestCard Find(string digits) =>
        All.FirstOrDefault(c => c.Number == digits)
        ?? new TestCard(digits, CardOutcome.Declined, "credit", UnknownCard, "");

    public static string Brand(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        return digits switch
        {
            ['4', ..] => "visa",
            ['3', '4' or '7', ..] => "amex",
            ['5', '1' or '2' or '3' or '4' or '5', ..] => "mastercard",
            ['2', '2' or '3' or '4' or '5' or '6' or '7', ..] => "mastercard",
            ['6', '0', '1', '1', ..] or ['6', '5', ..] => "discover",
            _ => "unknown",
        };
    }

    public static string BrandName(string brand) => brand switch
    {
        "visa" => "Visa",
        "mastercard" => "Mastercard",
        "amex" => "American Express",
        "discover" => "Discover",
        _ => brand,
    };

    /// "4242 4242 4242 4242" grouped for reading.
    public static string Grouped(string digits) =>
        string.Join(' ', Enumerable.Range(0, (digits.Length + 3) / 4).Select(i => digits.Substring(i * 4, Math.Min(4, digits.Length - (i * 4)))));
}
