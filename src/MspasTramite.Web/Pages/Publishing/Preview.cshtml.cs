using Microsoft.AspNetCore.Mvc;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Publishing;

namespace MspasTramite.Web.Pages.Publishing;

/// /admin/tramites/{id}/vista-previa: the draft as citizens will see it — the public page through the
/// same partial, and the form's document step with the upload slots it will ask for, for a person or
/// for a company.
public sealed class PreviewModel(ProcedurePublishing publishing, DocumentStore store) : PublishingPageModel
{
    public long MaxFileMegabytes => store.MaxFileBytes / (1024 * 1024);

    public ProcedureVersion Draft { get; private set; } = null!;

    /// Whose document step is shown: the applicant kind asked for, or the first the procedure accepts.
    public ApplicantKind Kind { get; private set; }

    public IReadOnlyList<ApplicantKind> Kinds { get; private set; } = [];

    public IReadOnlyList<Requirement> Requirements { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid procedureId, string? solicitante)
    {
        var draft = await publishing.FindDraftAsync(procedureId);
        if (draft is null)
        {
            return NotFound();
        }

        Draft = draft;
        Kinds = [.. Enum.GetValues<ApplicantKind>().Where(draft.Accepts)];
        Kind = solicitante == "empresa" && Kinds.Contains(ApplicantKind.Company) ? ApplicantKind.Company
            : solicitante == "persona" && Kinds.Contains(ApplicantKind.Person) ? ApplicantKind.Person
            : Kinds.Count > 0 ? Kinds[0] : ApplicantKind.Person;
        Requirements = [.. draft.RequirementsFor(Kind)];
        return Page();
    }

    public static string KindSlug(ApplicantKind kind) => kind == ApplicantKind.Company ? "empresa" : "persona";
}
