using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Performance;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Publishing;

namespace MspasTramite.Web.Pages.Citizen.Applications;

/// What every page of one application shares: loading it for its owner only (anyone else gets 404),
/// the steps of its procedure, and the rule that only a draft can be edited.
public abstract class ApplicationPageModel(ApplicationService applications, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l) : PageModel
{
    protected ApplicationService Applications { get; } = applications;
    protected UserManager<ApplicationUser> Users { get; } = users;
    protected IStringLocalizer<SharedResource> L { get; } = l;

    public Application Application { get; private set; } = null!;
    public ProcedureVersion Version => Application.ProcedureVersion;
    public IReadOnlyList<ApplicationStep> Steps => ApplicationChecklist.StepsFor(Version);

    /// The draft moved to a newer version of its procedure and the citizen has not yet said
    /// "Entendido": the banner on every step lists what changed for them.
    public VersionMove? PendingMove { get; private set; }

    /// The draft moved in this very request: a submission posted from a page of the old version must
    /// not go through before the citizen has seen what changed.
    protected bool MovedNow { get; private set; }

    public string ChangesUrl => $"/mis-solicitudes/{Application.Id}/cambios";

    public static string Slug(ApplicationStep step) => step switch
    {
        ApplicationStep.Applicant => "solicitante",
        ApplicationStep.Establishment => "establecimiento",
        ApplicationStep.Professional => "profesional",
        ApplicationStep.Fee => "arancel",
        ApplicationStep.Documents => "documentos",
        _ => "revision",
    };

    public static string StepName(ApplicationStep step) => step switch
    {
        ApplicationStep.Applicant => "Solicitante",
        ApplicationStep.Establishment => "Establecimiento",
        ApplicationStep.Professional => "Profesional responsable",
        ApplicationStep.Fee => "Categoría y arancel",
        ApplicationStep.Documents => "Documentos",
        _ => "Revisar y enviar",
    };

    public string StepUrl(ApplicationStep step) => $"/mis-solicitudes/{Application.Id}/{Slug(step)}";

    public string DetailUrl => $"/mis-solicitudes/{Application.Id}";

    /// For a page that loads the applicant's application its own way (with more beside it).
    protected void Show(Application application) => Application = application;

    /// Loads the signed-in applicant's application; null (→ 404) for anyone else's.
    protected async Task<IActionResult?> LoadAsync(Guid id, bool requireDraft)
    {
        var userId = Users.GetUserId(User);
        var application = userId is null ? null : await Applications.FindForApplicantAsync(id, userId);
        if (application is null)
        {
            return NotFound();
        }

        Application = application;
        if (requireDraft && !application.IsDraft)
        {
            // A withdrawn draft was never sent: say what did happen to it.
            TempData["Notice"] = (application.Status == ApplicationStatus.Withdrawn && application.FileNumber is null
                ? L["Esta solicitud fue retirada y ya no se puede modificar."]
                : L["Esta solicitud ya fue enviada y no se puede modificar."]).Value;
            return Redirect(DetailUrl);
        }

        if (requireDraft)
        {
            // Every step of a draft, shown or saved, runs under the published version (issue 11): a
            // draft started under an older one moves here, before the step reads its requirements or fee.
            (Application, MovedNow) = await Applications.MoveToPublishedAsync(application, userId!, HttpContext.RequestAborted);
            PendingMove = await Applications.PendingMoveAsync(Application, HttpContext.RequestAborted);
        }

        return null;
    }

    protected ApplicationStep NextAfter(ApplicationStep step)
    {
        var steps = Steps;
        var i = steps.ToList().IndexOf(step);
        return i >= 0 && i + 1 < steps.Count ? steps[i + 1] : ApplicationStep.Review;
    }

    /// After a step is saved: the next step, or the application's page when the person chose to stop.
    protected IActionResult AfterSave(ApplicationStep step, string? action)
    {
        if (action == "salir")
        {
            TempData["Notice"] = L["Guardamos su avance. Puede continuar cuando quiera desde «Mis solicitudes»."].Value;
            return Redirect(DetailUrl);
        }

        return Redirect(StepUrl(NextAfter(step)));
    }

    protected async Task<IActionResult> SaveStepAsync(ApplicationStep step, string? action)
    {
        try
        {
            await Applications.SaveAsync(Application);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, L["La solicitud cambió en otra ventana mientras usted escribía. Revise los datos y guarde de nuevo."]);
            return Page();
        }

        await RecordSavedAsync(step);
        return AfterSave(step, action);
    }

    // The funnel is asked for here rather than in every step's constructor: it is a measurement
    // beside the page's work, not part of it.
    private FormFunnel Funnel => HttpContext.RequestServices.GetRequiredService<FormFunnel>();

    /// A draft's step shown: the form funnel counts how far people get.
    protected Task RecordReachedAsync(ApplicationStep step) => Funnel.ReachedAsync(Application, step, HttpContext.RequestAborted);

    protected Task RecordSavedAsync(ApplicationStep step) => Funnel.SavedAsync(Application, step, HttpContext.RequestAborted);
}
