using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Publishing;

namespace MspasTramite.Web.Pages.Publishing;

/// /admin/tramites/{id}/publicar: what keeps the draft from being published (each problem links to
/// the section that fixes it), what changes for the public against the version in force, and the
/// reason, which the public changelog shows. Publishing archives the previous version.
public sealed class PublishModel(
    ProcedurePublishing publishing,
    UserManager<ApplicationUser> users,
    IStringLocalizer<SharedResource> l) : PublishingPageModel
{
    public ProcedureVersion Draft { get; private set; } = null!;

    public ProcedureVersion? Published { get; private set; }

    public IReadOnlyList<PublishingError> Problems { get; private set; } = [];

    public IReadOnlyList<VersionChange> Changes { get; private set; } = [];

    [BindProperty]
    [DataType(DataType.MultilineText)]
    public string? Reason { get; set; }

    [BindProperty]
    public Guid Stamp { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid procedureId)
    {
        if (!await LoadAsync(procedureId))
        {
            return NotFound();
        }

        Stamp = Draft.ConcurrencyStamp;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid procedureId)
    {
        var draft = await publishing.FindDraftAsync(procedureId);
        if (draft is null)
        {
            // Published or discarded meanwhile (another tab, another person): say so on the procedure's page.
            TempData["Notice"] = l.Of(PublishingResult.NotADraft.Errors[0]).Value;
            return Redirect(PublishingLinks.Procedure(procedureId));
        }

        var result = await publishing.PublishAsync(draft.Id, Stamp, Reason, users.GetUserId(User)!);
        if (result.Succeeded)
        {
            TempData["Notice"] = l["Versión {0} publicada. La página pública y su historial de cambios ya la muestran; la versión anterior quedó archivada.", result.Version!.Number].Value;
            return Redirect(PublishingLinks.Procedure(procedureId));
        }

        foreach (var error in result.Errors)
        {
            // The reason's own errors sit on its field; the draft's problems are listed on the page already.
            if (error.Field == "Reason")
            {
                ModelState.AddModelError(nameof(Reason), l.Of(error));
            }
            else if (result.Outcome != PublishingOutcome.Refused)
            {
                ModelState.AddModelError(string.Empty, l.Of(error));
            }
        }

        if (result.Outcome == PublishingOutcome.Refused && result.Errors.Any(e => e.Field != "Reason"))
        {
            ModelState.AddModelError(string.Empty, l["No se publicó: el borrador tiene problemas. Corríjalos y vuelva a intentarlo."]);
        }

        if (!await LoadAsync(procedureId))
        {
            return NotFound();
        }

        // The page now shows the draft as it is (after a conflict, with the other person's changes):
        // publishing again publishes what the person has just seen.
        Stamp = Draft.ConcurrencyStamp;

        return Page();
    }

    private async Task<bool> LoadAsync(Guid procedureId)
    {
        var draft = await publishing.FindDraftAsync(procedureId);
        if (draft is null)
        {
            return false;
        }

        Draft = draft;
        var entry = await publishing.FindAsync(procedureId);
        Published = entry?.Published is { } p ? await publishing.FindVersionAsync(procedureId, p.Number) : null;
        Problems = ProcedurePublishing.Problems(draft);
        Changes = Published is null ? [] : VersionChanges.Between(Published, draft);
        return true;
    }
}
