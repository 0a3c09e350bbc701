using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Publishing;

namespace MspasTramite.Web.Pages.Publishing;

/// /admin/tramites/{id}: one procedure's versions, its draft (start one from the published version,
/// or discard it), and the record of every edit and publication: who, when, what.
public sealed class DetailsModel(
    ProcedurePublishing publishing,
    AppDbContext db,
    UserManager<ApplicationUser> users,
    IStringLocalizer<SharedResource> l) : PublishingPageModel
{
    public CatalogueEntry Procedure { get; private set; } = null!;

    /// The draft in full (its problems are listed), or null.
    public ProcedureVersion? Draft { get; private set; }

    public IReadOnlyList<PublishingError> DraftProblems { get; private set; } = [];

    public IReadOnlyList<ProcedureAuditEntry> Audit { get; private set; } = [];

    public IReadOnlyDictionary<string, string> People { get; private set; } = new Dictionary<string, string>();

    /// A draft may be discarded only once the procedure has been published (the first draft is the procedure).
    public bool CanDiscard => Draft is not null && Procedure.Versions.Any(v => v.Status != VersionStatus.Draft);

    public async Task<IActionResult> OnGetAsync(Guid procedureId) =>
        await LoadAsync(procedureId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostStartDraftAsync(Guid procedureId)
    {
        var result = await publishing.StartDraftAsync(procedureId, users.GetUserId(User)!);
        if (result.Outcome == PublishingOutcome.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData["Notice"] = l["Borrador iniciado: versión {0}, una copia de la versión vigente. Los cambios no son públicos hasta que lo publique.", result.Version!.Number].Value;
            return Redirect(PublishingLinks.Draft(procedureId));
        }

        return await ShowErrorsAsync(procedureId, result);
    }

    public async Task<IActionResult> OnPostDiscardAsync(Guid procedureId, Guid versionId, Guid stamp)
    {
        // The version must be this procedure's draft: a form posted from another procedure's page discards nothing.
        var draft = await publishing.FindDraftAsync(procedureId);
        var result = draft is null || draft.Id != versionId
            ? PublishingResult.NotADraft
            : await publishing.DiscardDraftAsync(versionId, stamp, users.GetUserId(User)!);
        if (result.Succeeded)
        {
            TempData["Notice"] = l["Borrador descartado. La versión vigente no cambió."].Value;
            return Redirect(PublishingLinks.Procedure(procedureId));
        }

        return await ShowErrorsAsync(procedureId, result);
    }

    private async Task<IActionResult> ShowErrorsAsync(Guid procedureId, PublishingResult result)
    {
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(string.Empty, l.Of(error));
        }

        return await LoadAsync(procedureId) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid procedureId)
    {
        var entry = await publishing.FindAsync(procedureId);
        if (entry is null)
        {
            return false;
        }

        Procedure = entry;
        Draft = await publishing.FindDraftAsync(procedureId);
        DraftProblems = Draft is null ? [] : ProcedurePublishing.Problems(Draft);
        Audit = await publishing.AuditAsync(procedureId);
        People = await PublishingPeople.NamesAsync(db, [.. Audit.Select(a => a.ActorId), .. entry.Versions.Select(v => v.PublishedById), Draft?.CreatedById]);
        return true;
    }

    public string PersonName(string? id) =>
        id is not null && People.TryGetValue(id, out var name) ? name : l["El sistema"].Value;

    /// What an audit entry's action is called on the page.
    public static string ActionName(ProcedureAuditAction action) => action switch
    {
        ProcedureAuditAction.ProcedureCreated => "Creó el trámite",
        ProcedureAuditAction.DraftStarted => "Inició un borrador",
        ProcedureAuditAction.DraftEdited => "Editó el borrador",
        ProcedureAuditAction.DraftDiscarded => "Descartó el borrador",
        ProcedureAuditAction.Published => "Publicó",
        _ => "Otro cambio.",
    };

    public static string StatusName(VersionStatus status) => status switch
    {
        VersionStatus.Draft => "Borrador",
        VersionStatus.Published => "En vigencia",
        _ => "Archivada",
    };
}
