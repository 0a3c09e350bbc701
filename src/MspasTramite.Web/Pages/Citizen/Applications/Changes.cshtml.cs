using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Publishing;

namespace MspasTramite.Web.Pages.Citizen.Applications;

/// /mis-solicitudes/{id}/cambios: everything that changed since the version the citizen last read
/// about, the documents the new version no longer asks for, and "Entendido", which clears the banner
/// on the steps (Application.MovedFromVersionId back to null; the move itself stays in the history).
public sealed class ChangesModel(ApplicationService applications, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l)
    : ApplicationPageModel(applications, users, l)
{
    /// The step the citizen came from, as its address segment; anything else is ignored.
    public string? ReturnStep { get; private set; }

    public IReadOnlyList<VersionChange> OtherChanges { get; private set; } = [];

    public IReadOnlyList<ApplicationDocument> NoLongerAsked { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, string? paso)
    {
        if (await LoadAsync(id, requireDraft: true) is { } result)
        {
            return result;
        }

        ReturnStep = KnownStep(paso);
        if (PendingMove is { } move)
        {
            OtherChanges = [.. move.Changes.Where(c => !VersionChanges.AffectsApplicant(c))];
        }

        NoLongerAsked = DraftMove.NoLongerAsked(Application);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? paso)
    {
        if (await LoadAsync(id, requireDraft: true) is { } result)
        {
            return result;
        }

        await Applications.AcknowledgeMoveAsync(Application, HttpContext.RequestAborted);
        return Redirect(KnownStep(paso) is { } step ? $"/mis-solicitudes/{id}/{step}" : DetailUrl);
    }

    private string? KnownStep(string? paso) => Steps.Select(Slug).FirstOrDefault(s => s == paso);
}
