using System.Globalization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Performance;
using MspasTramite.Core.Procedures;
using MspasTramite.Web.Pages.Citizen.Applications;

namespace MspasTramite.Web.Pages.Admin.Kpis;

/// How the dashboard writes its figures: the same text on the page and in its CSV files' names.
public static class KpiFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// "66.7 %", or "—" when the rate has no denominator.
    public static string Percent(decimal? rate) => rate is { } r ? (r * 100).ToString("0.#", Invariant) + " %" : "—";

    public static string Money(decimal? amount) => amount is { } a ? Fees.Format(a) : "—";

    public static string Number(decimal? value) => value is { } v ? v.ToString("#,##0.#", Invariant) : "—";

    public static string Days(int? days) => days?.ToString(Invariant) ?? "—";

    /// The change from the previous period: points for a rate, the difference otherwise.
    public static string ChangePoints(decimal? now, decimal? before) =>
        now is { } n && before is { } b ? Signed((n - b) * 100, "0.#") + " pp" : "—";

    public static string Change(decimal? now, decimal? before) =>
        now is { } n && before is { } b ? Signed(n - b, "#,##0.##") : "—";

    private static string Signed(decimal value, string format) =>
        value switch
        {
            > 0 => "+" + value.ToString(format, Invariant),
            < 0 => "−" + (-value).ToString(format, Invariant),
            _ => "0",
        };

    /// Invariant decimals for CSV: a spreadsheet reads them whatever its language.
    public static string? Csv(decimal? value) => value?.ToString("0.####", Invariant);

    /// The form step's name as the citizen sees it in the form.
    public static string StepName(string code) =>
        Enum.GetValues<ApplicationStep>().Where(s => FormFunnel.StepCode(s) == code).Select(ApplicationPageModel.StepName).FirstOrDefault() ?? code;

    public static string Day(DateOnly day) => GuatemalaTime.FormatDate(day);
}
