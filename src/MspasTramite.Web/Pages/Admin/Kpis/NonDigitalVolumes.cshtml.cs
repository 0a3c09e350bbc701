using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Performance;

namespace MspasTramite.Web.Pages.Admin.Kpis;

/// /admin/indicadores/volumenes: applications made at the windows or on paper, per procedure and
/// month, which digital take-up divides by. PerformanceInputs checks and stores them.
public sealed class NonDigitalVolumesModel(
    PerformanceInputs inputs,
    UserManager<ApplicationUser> users,
    IStringLocalizer<SharedResource> l,
    ILogger<NonDigitalVolumesModel> logger) : PageModel
{
    public const string Path = "/admin/indicadores/volumenes";

    public IReadOnlyList<SelectListItem> Procedures { get; private set; } = [];

    public IReadOnlyList<NonDigitalVolumeRow> Rows { get; private set; } = [];

    [BindProperty]
    public VolumeInput Input { get; set; } = new();

    public static string EditUrl(Guid procedureId, DateOnly month) =>
        $"{Path}?tramite={procedureId}&mes={PerformanceInputs.FormatMonth(month)}";

    /// With tramite and mes (the list's "Cambiar" link), the form comes filled with that month's figure.
    public async Task<IActionResult> OnGetAsync(string? tramite, string? mes)
    {
        if (tramite is not null || mes is not null)
        {
            if (!Guid.TryParse(tramite, out var procedureId) || !PerformanceInputs.TryParseMonth(mes, out var month)
                || await inputs.FindNonDigitalVolumeAsync(procedureId, month, HttpContext.RequestAborted) is not { } stored)
            {
                return NotFound();
            }

            Input = new VolumeInput
            {
                Procedure = procedureId.ToString(),
                Month = PerformanceInputs.FormatMonth(month),
                Count = stored.Count.ToString(CultureInfo.InvariantCulture),
            };
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await inputs.SaveNonDigitalVolumeAsync(Input.Procedure, Input.Month, Input.Count, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (!result.Saved)
        {
            InputMessages.AddTo(ModelState, result, l, inputs.CurrentMonth());
            await LoadAsync();
            return Page();
        }

        var procedureId = Guid.Parse(Input.Procedure!);
        var name = (await inputs.ProceduresAsync(HttpContext.RequestAborted)).Single(p => p.Id == procedureId).Name;
        var count = (int)result.Value;
        logger.LogInformation("Non-digital volume {Month} of procedure {ProcedureId} set to {Count} ({Outcome}) by {AdminId}", result.Month, procedureId, count, result.Outcome, users.GetUserId(User));
        TempData["Notice"] = (result.Outcome == PerformanceInputOutcome.Replaced
            ? l["Cantidad reemplazada: {0}, {1}: {2} solicitudes.", name, InputMessages.MonthName(l, result.Month), count]
            : l["Cantidad guardada: {0}, {1}: {2} solicitudes.", name, InputMessages.MonthName(l, result.Month), count]).Value;
        return Redirect(Path);
    }

    private async Task LoadAsync()
    {
        Procedures = [.. (await inputs.ProceduresAsync(HttpContext.RequestAborted)).Select(p => new SelectListItem(p.Name, p.Id.ToString()))];
        Rows = await inputs.NonDigitalVolumesAsync(HttpContext.RequestAborted);
    }

    /// Text as typed: PerformanceInputs reads it, so a refused value is shown back exactly.
    public sealed class VolumeInput
    {
        public string? Procedure { get; set; }
        public string? Month { get; set; }
        public string? Count { get; set; }
    }
}
