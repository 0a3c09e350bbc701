using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MspasTramite.Bench.Baseline.Pages;

/// TechEmpower's "fortunes": a query of 12 rows, one more added in memory, sorted and rendered.
public sealed class FortunesModel(BaselineDb db) : PageModel
{
    public IReadOnlyList<Fortune> Fortunes { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var fortunes = await db.Fortunes.AsNoTracking().ToListAsync(HttpContext.RequestAborted);
        fortunes.Add(new Fortune { Id = 0, Message = "Additional fortune added at request time." });
        Fortunes = [.. fortunes.OrderBy(f => f.Message, StringComparer.Ordinal)];
    }
}
