using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Data;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Publishing;
using MspasTramite.Web.Infrastructure;

namespace MspasTramite.Web.Pages.Procedures;

/// "Historial de cambios": every version the public has seen, newest first, each with its date, the
/// reason the product manager gave and what changed from the one before, computed from the two.
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
[AllowAnonymous]
public sealed class HistoryModel(AppDbContext db, ProcedurePublishing publishing) : PageModel
{
    public sealed record Entry(ProcedureVersion Version, IReadOnlyList<VersionChange> Changes, bool IsFirst, bool IsCurrent);

    public string Slug { get; private set; } = "";

    public string Name { get; private set; } = "";

    public IReadOnlyList<Entry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var procedureId = await db.Procedures.AsNoTracking().Where(p => p.Slug == slug).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
        if (procedureId is null)
        {
            return NotFound();
        }

        var versions = await publishing.PublishedHistoryAsync(procedureId.Value, cancellationToken);
        var current = versions.LastOrDefault(v => v.Status == VersionStatus.Published);
        if (current is null)
        {
            // Never published: not public yet, whatever its drafts say.
            return NotFound();
        }

        Slug = slug;
        Name = current.Name;
        Entries = [.. versions
            .Select((v, i) => new Entry(v, i == 0 ? [] : VersionChanges.Between(versions[i - 1], v), i == 0, v.Id == current.Id))
            .Reverse()];
        return Page();
    }
}
