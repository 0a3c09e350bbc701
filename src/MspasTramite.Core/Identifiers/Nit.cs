namespace MspasTramite.Core.Identifiers;

/// Guatemala's NIT: body digits and one check character (0–9 or K), written "1234567-8".
/// Weights 2, 3, 4… from the rightmost body digit; c = (−s) mod 11; 10 is written K.
public static class Nit
{
    public static bool TryNormalize(string? input, out string normalized)
    {
        normalized = "";
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var compact = new string(input.Where(c => c is not (' ' or '-')).ToArray()).ToUpperInvariant();
        if (compact.Length < 2 || compact.Length > 13)
        {
            return false;
        }

        var body = compact[..^1];
        var check = compact[^1];
        if (!body.All(char.IsAsciiDigit) || !(char.IsAsciiDigit(check) || check == 'K'))
        {
            return false;
        }

        if (ComputeCheck(body) != check)
        {
            return false;
        }

        normalized = $"{body}-{check}";
        return true;
    }

    public static bool IsValid(string? input) => TryNormalize(input, out _);

    public static char ComputeCheck(string body)
    {
        var sum = 0;
        var weight = 2;
        for (var i = body.Length - 1; i >= 0; i--)
        {
            sum += (body[i] - '0') * weight++;
        }

        var c = ((-sum % 11) + 11) % 11;
        return c == 10 ? 'K' : (char)('0' + c);
    }
}
