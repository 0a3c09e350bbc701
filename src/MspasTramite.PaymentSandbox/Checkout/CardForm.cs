using System.Globalization;
using MspasTramite.PaymentSandbox.Storage;

namespace MspasTramite.PaymentSandbox.Checkout;

/// The hosted page's form: what was typed and, once checked, the card or the errors by field.
internal sealed class CardForm
{
    public const string NumberField = "card-number";
    public const string ExpiryField = "expiry";
    public const string CvcField = "cvc";

    public string Number { get; init; } = "";
    public string Expiry { get; init; } = "";
    public string Cvc { get; init; } = "";

    /// Field id → message, in the order the fields appear on the page.
    public List<KeyValuePair<string, string>> Errors { get; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Key == field).Value;

    public static CardForm From(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new CardForm
        {
            Number = form["cardNumber"].ToString().Trim(),
            Expiry = form["expiry"].ToString().Trim(),
            Cvc = form["cvc"].ToString().Trim(),
        };
    }

    /// Checks the three fields as a card form does before contacting the bank; today's date decides
    /// whether the card has expired.
    public (CardRecord Card, string Digits)? Validate(DateTimeOffset today)
    {
        var digits = new string([.. Number.Where(c => c is not (' ' or '-'))]);
        string? brand = null;
        if (Number.Length == 0)
        {
            Errors.Add(new(NumberField, "Escriba el número de tarjeta."));
        }
        else if (!digits.All(char.IsAsciiDigit) || digits.Length is < 12 or > 19 || !PassesLuhn(digits))
        {
            Errors.Add(new(NumberField, "El número de tarjeta no es válido. Revise los dígitos."));
        }
        else
        {
            brand = TestCards.Brand(digits);
        }

        var expiry = ParseExpiry(Expiry);
        if (Expiry.Length == 0)
        {
            Errors.Add(new(ExpiryField, "Escriba la fecha de vencimiento."));
        }
        else if (expiry is null)
        {
            Errors.Add(new(ExpiryField, "La fecha de vencimiento debe tener el formato MM/AA, por ejemplo 12/30."));
        }
        else if (expiry.Value.Year < today.Year || (expiry.Value.Year == today.Year && expiry.Value.Month < today.Month))
        {
            Errors.Add(new(ExpiryField, "La fecha de vencimiento ya pasó."));
        }

        var cvcLength = brand == "amex" ? 4 : 3;
        if (Cvc.Length == 0)
        {
            Errors.Add(new(CvcField, "Escriba el CVC."));
        }
        else if (!Cvc.All(char.IsAsciiDigit) || Cvc.Length != cvcLength)
        {
            Errors.Add(new(CvcField, cvcLength == 4
                ? "El CVC debe tener 4 dígitos (al frente de la tarjeta)."
                : "El CVC debe tener 3 dígitos (al reverso de la tarjeta)."));
        }

        if (Errors.Count > 0 || brand is null || expiry is null)
        {
            return null;
        }

        var funding = TestCards.Find(digits).Funding;
        return (new CardRecord(brand, digits[^4..], expiry.Value.Month, expiry.Value.Year, funding), digits);
    }

    public static bool PassesLuhn(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// "MM/AA", "MM / AA", "MMAA" or "MM/AAAA".
    public static (int Month, int Year)? ParseExpiry(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var compact = new string([.. text.Where(c => !char.IsWhiteSpace(c))]);
        string month, year;
        var slash = compact.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            month = compact[..slash];
            year = compact[(slash + 1)..];
        }
        else if (compact.Length == 4)
        {
            month = compact[..2];
            year = compact[2..];
        }
        else
        {
            return null;
        }

        if (month.Length is < 1 or > 2 || year.Length is not (2 or 4)
            || !int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || m is < 1 or > 12)
        {
            return null;
        }

        return (m, year.Length == 2 ? 2000 + y : y);
    }
}
