using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Performance;
using MspasTramite.Core.Review;

namespace MspasTramite.Web.Pages.Admin.Holidays;

/// /admin/feriados: the public holidays legal times skip. Working calendars are read from this table
/// each time a deadline is computed, so an edit counts from the next computation on; a past day edited
/// also reopens the KPI rollup from that day (its working-day figures change).
public sealed class IndexModel(
    AppDbContext db,
    PerformanceRollup rollup,
    TimeProvider clock,
    UserManager<ApplicationUser> users,
    IStringLocalizer<SharedResource> l,
    ILogger<IndexModel> logger) : PageModel
{
    // Far enough for any legal time and any plan; a typo such as 0226 is refused, not stored.
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public int Year { get; private set; }

    public IReadOnlyList<int> Years { get; private set; } = [];

    public IReadOnlyList<Holiday> Holidays { get; private set; } = [];

    [BindProperty]
    public HolidayInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string? anio) =>
        await LoadAsync(anio) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(string? anio)
    {
        DateOnly date = default;
        if (!string.IsNullOrWhiteSpace(Input.Date))
        {
            if (!TryParseDate(Input.Date, out date))
            {
                ModelState.AddModelError("Input.Date", l["Escriba una fecha válida, por ejemplo 15/09/2027."]);
            }
            else if (date.Year is < FirstYear or > LastYear)
            {
                ModelState.AddModelError("Input.Date", l["Escriba una fecha entre los años {0} y {1}.", FirstYear, LastYear]);
            }
        }

        if (ModelState.IsValid && await db.Holidays.AsNoTracking().FirstOrDefaultAsync(h => h.Date == date) is { } existing)
        {
            AddDuplicateError(existing);
        }

        if (ModelState.IsValid)
        {
            var holiday = new Holiday { Date = date, Name = Input.Name!.Trim() };
            db.Holidays.Add(holiday);
            try
            {
                await db.SaveChangesAsync();
                logger.LogInformation("Holiday {Date} added by {AdminId}", date, users.GetUserId(User));
                await rollup.ReopenFromAsync(date);
                TempData["Notice"] = l["Feriado agregado: {0}, {1}.", GuatemalaTime.FormatDate(date), holiday.Name].Value;
                return Redirect(YearUrl(date.Year));
            }
            catch (DbUpdateException)
            {
                // Another administrator added the same day between the check and the save.
                db.ChangeTracker.Clear();
                if (await db.Holidays.AsNoTracking().FirstOrDefaultAsync(h => h.Date == date) is not { } added)
                {
                    throw;
                }

                AddDuplicateError(added);
            }
        }

        return await LoadAsync(anio) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? fecha)
    {
        if (!DateOnly.TryParseExact(fecha, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || await db.Holidays.FirstOrDefaultAsync(h => h.Date == date) is not { } holiday)
        {
            return NotFound();
        }

        db.Holidays.Remove(holiday);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            // Already removed by another administrator: the outcome the person asked for.
        }

        logger.LogInformation("Holiday {Date} removed by {AdminId}", date, users.GetUserId(User));
        await rollup.ReopenFromAsync(date);
        TempData["Notice"] = l["Feriado quitado: {0}, {1}.", GuatemalaTime.FormatDate(date), holiday.Name].Value;
        return Redirect(YearUrl(date.Year));
    }

    public static string YearUrl(int year) => "/admin/feriados?anio=" + year.ToString(CultureInfo.InvariantCulture);

    /// The value a date input sends (2027-09-15), or the day as people write it (15/09/2027).
    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private void AddDuplicateError(Holiday existing) =>
        ModelState.AddModelError("Input.Date", l["Ya hay un feriado el {0}: {1}. Quítelo primero si quiere cambiarlo.", GuatemalaTime.FormatDate(existing.Date), existing.Name]);

    private async Task<bool> LoadAsync(string? anio)
    {
        var today = GuatemalaTime.Today(clock.GetUtcNow());
        if (string.IsNullOrEmpty(anio))
        {
            Year = today.Year;
        }
        else if (int.TryParse(anio, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= FirstYear and <= LastYear)
        {
            Year = year;
        }
        else
        {
            return false;
        }

        var first = new DateOnly(Year, 1, 1);
        var last = new DateOnly(Year, 12, 31);
        Holidays = await db.Holidays.AsNoTracking().Where(h => h.Date >= first && h.Date <= last).OrderBy(h => h.Date).ToListAsync();
        // The table holds a few dozen rows: reading every date is cheaper than a provider-specific GROUP BY year.
        var stored = await db.Holidays.AsNoTracking().Select(h => h.Date).ToListAsync();
        Years = [.. stored.Select(d => d.Year).Append(today.Year).Append(today.Year + 1).Append(Year).Distinct().Order()];
        return true;
    }

    public sealed class HolidayInput
    {
        // A string, parsed by the page: the framework's DateOnly binding depends on the request culture.
        [Required(ErrorMessage = "Escriba la fecha del feriado.")]
        public string? Date { get; set; }

        [Required(ErrorMessage = "Escriba el nombre del feriado.")]
        [StringLength(120, ErrorMessage = "El nombre puede tener como máximo {1} caracteres.")]
        public string? Name { get; set; }
    }
}
