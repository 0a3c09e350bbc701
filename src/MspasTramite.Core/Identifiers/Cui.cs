namespace MspasTramite.Core.Identifiers;

public enum CuiProblem
{
    None,
    Empty,
    Format,
    Checksum,
    Department,
}

public sealed record CuiCheck(CuiProblem Problem, string? Normalized, bool UnknownMunicipality)
{
    public bool IsValid => Problem == CuiProblem.None;
}

/// The CUI printed on the DPI: 8-digit number, check digit, department (01–22), municipality.
/// The rules are in shared/DOMAIN.md with their test vectors.
public static class Cui
{
    public static CuiCheck Check(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return new CuiCheck(CuiProblem.Empty, null, false);
        }

        // People write the DPI number with spaces or dashes ("1580 35224 0101"); only digits count.
        var digits = new string(input.Where(c => c is not (' ' or '-')).ToArray());
        if (digits.Length != 13 || !digits.All(char.IsAsciiDigit))
        {
            return new CuiCheck(CuiProblem.Format, null, false);
        }

        // The department is checked before the check digit, as the public validators do: "department 00"
        // (DOMAIN.md's vector 2415751810000) is the more useful thing to tell the person.
        var department = int.Parse(digits.AsSpan(9, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        var municipality = int.Parse(digits.AsSpan(11, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        var dept = GuatemalaGeography.FindDepartment(department);
        if (dept is null)
        {
            return new CuiCheck(CuiProblem.Department, null, false);
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (digits[i] - '0') * (i + 2);
        }

        // A remainder of 10 can never match a single check digit, so such numbers are never valid.
        if (sum % 11 != digits[8] - '0')
        {
            return new CuiCheck(CuiProblem.Checksum, null, false);
        }

        // An unknown municipality is only a warning (DOMAIN.md): the registry may know more than our list.
        var unknownMunicipality = municipality < 1 || municipality > dept.MunicipalityCount;
        return new CuiCheck(CuiProblem.None, digits, unknownMunicipality);
    }

    public static bool IsValid(string? input) => Check(input).IsValid;
}
