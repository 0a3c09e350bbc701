using System.Globalization;

namespace MspasTramite.Core.Procedures;

public static class Fees
{
    private static readonly CultureInfo Quetzal = CreateQuetzalCulture();

    /// The fee an application owes: the category's (or the fixed) fee plus the extras chosen.
    /// Null when the procedure has no published fee or the category is missing.
    public static decimal? Compute(ProcedureVersion version, string? categoryCode, IEnumerable<string> extraFeeCodes)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(extraFeeCodes);
        if (!version.FeeIsPublished)
        {
            return null;
        }

        decimal? baseFee = version.HasCategories
            ? version.Categories.FirstOrDefault(c => c.Code == categoryCode)?.Amount
            : version.FixedFee;
        if (baseFee is null)
        {
            return null;
        }

        var chosen = extraFeeCodes.ToHashSet(StringComparer.Ordinal);
        return baseFee.Value + version.ExtraFees.Where(e => chosen.Contains(e.Code)).Sum(e => e.Amount);
    }

    /// Q1,234.56 — how Guatemala writes quetzales, whatever the page's language.
    public static string Format(decimal amount) => "Q" + amount.ToString("#,##0.00", Quetzal);

    /// Stripe and other gateways take the smallest unit: Q250.00 is 25000 centavos.
    public static long ToCentavos(decimal amount) => (long)decimal.Round(amount * 100m, 0, MidpointRounding.AwayFromZero);

    /// What a gateway reports in centavos, back in quetzales: exact, as decimal.
    public static decimal FromCentavos(long centavos) => centavos / 100m;

    private static CultureInfo CreateQuetzalCulture()
    {
        var c = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        c.NumberFormat.NumberGroupSeparator = ",";
        c.NumberFormat.NumberDecimalSeparator = ".";
        return CultureInfo.ReadOnly(c);
    }
}
