using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Data;
using MspasTramite.Core.Procedures;
using MspasTramite.Web.Infrastructure;

namespace MspasTramite.Web.Pages.Procedures;

[OutputCache(PolicyName = PublicPageCache.PolicyName)]
[AllowAnonymous]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "departamento")]
    public string? DepartmentFilter { get; set; }

    public IReadOnlyList<ProcedureVersion> Results { get; private set; } = [];

    public async Task OnGetAsync()
    {
        // Only the latest published version of each procedure is listed. The catalogue is small
        // (MSPAS lists 284 procedures), so the accent-insensitive match runs in memory.
        var published = await db.ProcedureVersions.AsNoTracking().Include(v => v.Procedure)
            .Where(v => v.Status == VersionStatus.Published)
            .ToListAsync();
        var latest = published.GroupBy(v => v.ProcedureId).Select(g => g.MaxBy(v => v.Number)!);
        if (Enum.TryParse<Department>(DepartmentFilter, ignoreCase: true, out var department))
        {
            latest = latest.Where(v => v.Procedure.Department == department);
        }

        var terms = Fold(Query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (terms.Length > 0)
        {
            latest = latest.Where(v =>
            {
                var text = Fold($"{v.Name} {v.Summary} {v.Procedure.Department}");
                return terms.All(t => text.Contains(t, StringComparison.Ordinal));
            });
        }

        Results = [.. latest.OrderBy(v => v.Name, StringComparer.Create(CultureInfo.GetCultureInfo("es-GT"), ignoreCase: true))];
    }

    /// "Fábrica" and "fabrica" are the same word to a person typing on a phone.
    private static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }
}
