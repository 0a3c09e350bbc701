using Microsoft.AspNetCore.Mvc;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Publishing;

namespace MspasTramite.Web.Pages.Publishing.Draft;

/// /admin/tramites/{id}/borrador: the draft's sections, each with a line saying what it holds, and
/// what still keeps the draft from being published, each problem linking to the section that fixes it.
public sealed class IndexModel(ProcedurePublishing publishing) : PublishingPageModel
{
    public Guid ProcedureId { get; private set; }

    public ProcedureVersion Draft { get; private set; } = null!;

    public IReadOnlyList<PublishingError> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid procedureId)
    {
        ProcedureId = procedureId;
        if (await publishing.FindDraftAsync(procedureId) is not { } draft)
        {
            return NotFound();
        }

        Draft = draft;
        Problems = ProcedurePublishing.Problems(draft);
        return Page();
    }
}
