using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Performance;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Web.Pages.Admin.Kpis;

/// /admin/indicadores/costos: the service's operating cost per month, in quetzales, which cost per
/// transaction divides among the month's completed transactions. PerformanceInputs checks and stores it.
public sealed class OperatingCostsModel(
    PerformanceInputs inputs,
    UserManager<ApplicationUser> users,
    IStringLocalizer<SharedResource> l,
    ILogger<OperatingCostsModel> logger) : PageModel
{
    public const string Path = "/admin/indicadores/costos";

    public IReadOnlyList<OperatingCostRow> Rows { get; private set; } = [];

    [BindProperty]
    public CostInput Input { get; set; } = new();

    public static string EditUrl(DateOnly month) => $"{Path}?mes={PerformanceInputs.FormatMonth(month)}";

    /// With mes (the list's "Cambiar" link), the form comes filled with that month's cost.
    public async Task<IActionResult> OnGetAsync(string? mes)
    {
        if (mes is not null)
        {
            if (!PerformanceInputs.TryParseMonth(mes, out var month)
                || await inputs.FindOperatingCostAsync(month, HttpContext.RequestAborted) is not { } stored)
            {
                return NotFound();
            }

            Input = new CostInput
            {
                Month = PerformanceInputs.FormatMonth(month),
                Amount = stored.Amount.ToString("0.00", CultureInfo.InvariantCulture),
            };
        }

        Rows = await inputs.OperatingCostsAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await inputs.SaveOperatingCostAsync(Input.Month, Input.Amount, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (!result.Saved)
        {
            InputMessages.AddTo(ModelState, result, l, inputs.CurrentMonth());
            Rows = await inputs.OperatingCostsAsync(HttpContext.RequestAborted);
            return Page();
        }

        logger.LogInformation("Operating cost of {Month} set ({Outcome}) by {AdminId}", result.Month, result.Outcome, users.GetUserId(User));
        TempData["Notice"] = (result.Outcome == PerformanceInputOutcome.Replaced
            ? l["Costo reemplazado: {0}, {1}.", InputMessages.MonthName(l, result.Month), Fees.Format(result.Value)]
            : l["Costo guardado: {0}, {1}.", InputMessages.MonthName(l, result.Month), Fees.Format(result.Value)]).Value;
        return Redirect(Path);
    }

    /// Text as typed: PerformanceInputs reads it, so a refused value is shown back exactly.
    public sealed class CostInput
    {
        public string? Month { get; set; }
        public string? Amount { get; set; }
    }
}
