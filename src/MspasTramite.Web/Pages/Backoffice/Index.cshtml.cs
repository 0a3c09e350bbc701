using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Review;

namespace MspasTramite.Web.Pages.Backoffice;

/// The work queue: open files by state, procedure, SLA light and assignment, in due-date order.
public sealed class IndexModel(AppDbContext db, UserManager<ApplicationUser> users, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "estado")]
    public string? Estado { get; set; }

    [BindProperty(SupportsGet = true, Name = "tramite")]
    public Guid? Tramite { get; set; }

    [BindProperty(SupportsGet = true, Name = "semaforo")]
    public string? Semaforo { get; set; }

    /// "mios" (my work), "sin-asignar", or empty for everything.
    [BindProperty(SupportsGet = true, Name = "vista")]
    public string? Vista { get; set; }

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int Pagina { get; set; } = 1;

    public WorkQueuePage Queue { get; private set; } = new([], 0, 1, 25);

    public IReadOnlyList<(Guid Id, string Name)> Procedures { get; private set; } = [];

    public static IReadOnlyList<SlaLight> Lights { get; } = [SlaLight.Red, SlaLight.Amber, SlaLight.Green, SlaLight.Paused];

    public async Task OnGetAsync()
    {
        var light = Enum.TryParse<SlaLight>(Semaforo, ignoreCase: true, out var l) && Lights.Contains(l) ? l : (SlaLight?)null;
        var filter = new WorkQueueFilter
        {
            Status = ApplicationStatus.Open.Contains(Estado ?? "") ? Estado : null,
            ProcedureId = Tramite,
            Light = light,
            Assignment = Vista switch
            {
                "mios" => QueueAssignment.Mine,
                "sin-asignar" => QueueAssignment.Unassigned,
                _ => QueueAssignment.All,
            },
            Page = Pagina,
        };
        Queue = await WorkQueues.QueryAsync(db, filter, users.GetUserId(User), GuatemalaTime.Today(clock.GetUtcNow()), HttpContext.RequestAborted);
        Procedures = [.. (await db.Procedures.AsNoTracking()
            .Select(p => new { p.Id, Name = p.Versions.OrderByDescending(v => v.Number).Select(v => v.Name).FirstOrDefault() })
            .ToListAsync(HttpContext.RequestAborted))
            .Select(p => (p.Id, p.Name ?? "")).OrderBy(p => p.Item2, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("es-GT"), true))];
    }

    public string PageUrl(int page)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("vista", Vista);
        Add("estado", Estado);
        Add("tramite", Tramite?.ToString());
        Add("semaforo", Semaforo);
        Add("pagina", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/backoffice?" + string.Join("&", query);
    }

    public static string LightName(SlaLight light) => light switch
    {
        SlaLight.Green => "En plazo",
        SlaLight.Amber => "80% del plazo usado",
        SlaLight.Red => "Plazo vencido",
        SlaLight.Paused => "En pausa (subsanación)",
        _ => "—",
    };
}
