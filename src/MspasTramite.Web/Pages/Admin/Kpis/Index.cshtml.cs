using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Performance;
using MspasTramite.Web.Infrastructure;

namespace MspasTramite.Web.Pages.Admin.Kpis;

/// /admin/indicadores: how the service performs over a period the product manager picks, each figure
/// beside the period just before. Every table has a CSV download (`?tabla=…`) of the same figures.
public sealed class IndexModel(KpiDashboard dashboard, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// The service started taking applications in 2024; nothing before it can have figures.
    public static readonly DateOnly FirstDay = new(2024, 1, 1);

    // Named as the query string is, so the fields, their errors and the links agree.
    [BindProperty(SupportsGet = true)]
    public string? Desde { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Hasta { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tramite { get; set; }

    public IEnumerable<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> ProcedureOptions =>
        Procedures.Select(p => new Microsoft.AspNetCore.Mvc.Rendering.SelectListItem(p.Name, p.Slug));

    public IReadOnlyList<ProcedureChoice> Procedures { get; private set; } = [];

    public KpiReport? Report { get; private set; }

    public DateOnly Today { get; private set; }

    public IReadOnlyList<(string Name, KpiPeriod Period)> QuickPeriods { get; private set; } = [];

    public string? ProcedureName => Procedures.FirstOrDefault(p => p.Slug == Tramite)?.Name;

    public async Task<IActionResult> OnGetAsync(string? tabla, CancellationToken cancellationToken)
    {
        Today = GuatemalaTime.Today(clock.GetUtcNow());
        QuickPeriods = Quick(Today);
        Procedures = await dashboard.ProceduresAsync(cancellationToken);
        var period = ReadPeriod();
        Guid? procedureId = null;
        if (!string.IsNullOrEmpty(Tramite))
        {
            procedureId = Procedures.FirstOrDefault(p => p.Slug == Tramite)?.Id;
            if (procedureId is null)
            {
                ModelState.AddModelError(nameof(Tramite), l["Elija un trámite de la lista."]);
            }
        }

        if (!ModelState.IsValid || period is null)
        {
            return Page();
        }

        Report = await dashboard.LoadAsync(period, procedureId, cancellationToken);
        return tabla is null ? Page() : KpiCsv.For(Report, tabla, this) is { } csv ? csv : NotFound();
    }

    /// The period asked for, or this month so far when none is; null (with the error) when unusable.
    private KpiPeriod? ReadPeriod()
    {
        if (string.IsNullOrEmpty(Desde) && string.IsNullOrEmpty(Hasta))
        {
            var month = new DateOnly(Today.Year, Today.Month, 1);
            Desde = Iso(month);
            Hasta = Iso(Today);
            return new KpiPeriod(month, Today);
        }

        var from = ReadDay(Desde, nameof(Desde), l["la fecha de inicio"]);
        var to = ReadDay(Hasta, nameof(Hasta), l["la fecha final"]);
        if (from is null || to is null)
        {
            return null;
        }

        if (to < from)
        {
            ModelState.AddModelError(nameof(Hasta), l["La fecha final debe ser igual o posterior a la fecha de inicio."]);
            return null;
        }

        return new KpiPeriod(from.Value, to.Value);
    }

    private DateOnly? ReadDay(string? text, string field, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            ModelState.AddModelError(field, l["Escriba {0}.", what]);
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && !DateOnly.TryParseExact(text.Trim(), "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            ModelState.AddModelError(field, l["Escriba {0} como una fecha válida, por ejemplo 01/10/2026.", what]);
            return null;
        }

        if (day < FirstDay || day > Today)
        {
            ModelState.AddModelError(field, l["Elija {0} entre el {1} y hoy ({2}).", what, GuatemalaTime.FormatDate(FirstDay), GuatemalaTime.FormatDate(Today)]);
            return null;
        }

        return day;
    }

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string Link(KpiPeriod period, string? table = null)
    {
        ArgumentNullException.ThrowIfNull(period);
        var query = new List<string> { $"desde={Iso(period.From)}", $"hasta={Iso(period.To)}" };
        if (!string.IsNullOrEmpty(Tramite))
        {
            query.Add($"tramite={Uri.EscapeDataString(Tramite)}");
        }

        if (table is not null)
        {
            query.Add($"tabla={table}");
        }

        return "/admin/indicadores?" + string.Join("&", query);
    }

    private IReadOnlyList<(string, KpiPeriod)> Quick(DateOnly today)
    {
        var month = KpiPeriod.Month(today.Year, today.Month);
        var lastMonth = KpiPeriod.Month(month.From.AddMonths(-1).Year, month.From.AddMonths(-1).Month);
        var quarter = KpiPeriod.Quarter(today.Year, ((today.Month - 1) / 3) + 1);
        var lastQuarterStart = quarter.From.AddMonths(-3);
        var lastQuarter = KpiPeriod.Quarter(lastQuarterStart.Year, ((lastQuarterStart.Month - 1) / 3) + 1);
        return
        [
            (l["Este mes"], month with { To = today }),
            (l["Mes anterior"], lastMonth),
            (l["Este trimestre"], quarter with { To = today }),
            (l["Trimestre anterior"], lastQuarter),
            (l["Este año"], KpiPeriod.Year(today.Year) with { To = today }),
            (l["Año anterior"], KpiPeriod.Year(today.Year - 1)),
        ];
    }
}
