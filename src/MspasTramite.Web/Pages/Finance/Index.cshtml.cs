using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;

namespace MspasTramite.Web.Pages.Finance;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public const int Limit = 1000;

    [BindProperty(SupportsGet = true)]
    public PaymentFilter Filter { get; set; } = new();

    public IReadOnlyList<PaymentRow> Rows { get; private set; } = [];

    public IReadOnlyList<(string Slug, string Name)> Procedures { get; private set; } = [];

    public IEnumerable<(DateOnly Day, int Count, decimal Total)> ByDay =>
        Rows.GroupBy(r => DateOnly.FromDateTime(GuatemalaTime.ToLocal(r.PaidAt).DateTime))
            .Select(g => (g.Key, g.Count(), g.Sum(r => r.Amount - r.Refunded)))
            .OrderByDescending(g => g.Key);

    public IEnumerable<(string Procedure, int Count, decimal Total)> ByProcedure =>
        Rows.GroupBy(r => r.Procedure).Select(g => (g.Key, g.Count(), g.Sum(r => r.Amount - r.Refunded))).OrderBy(g => g.Key, StringComparer.Ordinal);

    public async Task OnGetAsync()
    {
        Rows = await Filter.RunAsync(db, Limit);
        Procedures = [.. (await db.Procedures.AsNoTracking().Select(p => new { p.Slug, Name = p.Versions.OrderByDescending(v => v.Number).First().Name }).ToListAsync())
            .Select(p => (p.Slug, p.Name)).OrderBy(p => p.Name, StringComparer.Ordinal)];
    }
}
