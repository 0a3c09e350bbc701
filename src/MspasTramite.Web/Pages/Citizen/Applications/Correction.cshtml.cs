using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Review;
using MspasTramite.Web.Infrastructure;

namespace MspasTramite.Web.Pages.Citizen.Applications;

/// Answering the one correction request: only the items it lists can get a new document, and the
/// answer is sent once every item has one. Files already uploaded stay if the person stops half way.
[AcceptsUpload]
public sealed class CorrectionModel(
    ApplicationService applications,
    ReviewService review,
    UserManager<ApplicationUser> users,
    DocumentStore store,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l)
    : ApplicationPageModel(applications, users, l)
{
    public CorrectionRequest Notice { get; private set; } = null!;

    public bool DeadlinePassed => clock.GetUtcNow() > Notice.DueAt;

    public long MaxFileMegabytes => store.MaxFileBytes / (1024 * 1024);

    [BindProperty]
    [DataType(DataType.MultilineText)]
    public string? Answer { get; set; }

    public static string InputId(CorrectionItem item) => "Item-" + item.RequirementCode;

    public bool IsAnswered(CorrectionItem item) => ReviewService.IsAnswered(Application, Notice, item);

    public IEnumerable<ApplicationDocument> NewDocuments(CorrectionItem item) =>
        Application.CurrentDocuments.Where(d => d.RequirementCode == item.RequirementCode && d.UploadedAt >= Notice.RequestedAt && d.Id != item.DocumentId);

    public async Task<IActionResult> OnGetAsync(Guid id, string? problema, string? requisito)
    {
        if (await PrepareAsync(id) is { } result)
        {
            return result;
        }

        if (problema is not null && Notice.Items.FirstOrDefault(i => i.RequirementCode == requisito) is { } item)
        {
            ModelState.AddModelError(InputId(item), Problem(problema, item));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(Guid id, string? requisito)
    {
        if (await PrepareAsync(id) is { } result)
        {
            return result;
        }

        var item = Notice.Items.FirstOrDefault(i => i.RequirementCode == requisito);
        if (item is null)
        {
            return NotFound();
        }

        var file = HttpContext.Request.Form.Files.GetFile("archivo");
        string? problem = null;
        if (file is null || file.Length == 0)
        {
            problem = file is null ? "ninguno" : "vacio";
        }
        else
        {
            await using var stream = file.OpenReadStream();
            var (stored, upload) = await store.SaveAsync(stream, HttpContext.RequestAborted);
            if (stored is null)
            {
                problem = upload switch
                {
                    UploadProblem.Empty => "vacio",
                    UploadProblem.TooLarge => "tamano",
                    UploadProblem.StorageUnavailable => "almacenamiento",
                    _ => "tipo",
                };
            }
            else
            {
                var (outcome, _) = await review.AddCorrectionDocumentAsync(Application, Users.GetUserId(User)!, item.RequirementCode, stored, file.FileName, HttpContext.RequestAborted);
                if (!outcome.Succeeded)
                {
                    foreach (var error in outcome.Errors)
                    {
                        ModelState.AddModelError(InputId(item), L[error.Message]);
                    }

                    await PrepareAsync(id);
                    return Page();
                }
            }
        }

        if (problem is not null)
        {
            ModelState.AddModelError(InputId(item), Problem(problem, item));
            return Page();
        }

        TempData["Notice"] = L["Documento corregido agregado: {0}.", item.RequirementName].Value;
        return Redirect($"/mis-solicitudes/{id}/subsanar#item-{item.RequirementCode}");
    }

    public async Task<IActionResult> OnPostAnswerAsync(Guid id)
    {
        if (await PrepareAsync(id) is { } result)
        {
            return result;
        }

        var actor = new WorkflowActor(Users.GetUserId(User), new HashSet<string> { Roles.Solicitante });
        var outcome = await review.AnswerCorrectionAsync(id, actor, Application.ConcurrencyStamp, Answer, HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            TempData["Notice"] = L["Enviamos su subsanación. El expediente vuelve a revisión y el plazo legal sigue corriendo."].Value;
            return Redirect(DetailUrl);
        }

        foreach (var error in outcome.Errors)
        {
            ModelState.AddModelError(error.Field ?? string.Empty, L[error.Message]);
        }

        await PrepareAsync(id);
        return Page();
    }

    private async Task<IActionResult?> PrepareAsync(Guid id)
    {
        ModelState.Remove(nameof(Answer));
        if (await LoadAsync(id, requireDraft: false) is { } result)
        {
            return result;
        }

        if (Application.CorrectionRequest is not { } request)
        {
            return NotFound();
        }

        Notice = request;
        if (Application.Status != ApplicationStatus.AwaitingCorrection)
        {
            TempData["Notice"] = (Application.Status == ApplicationStatus.Abandoned
                ? L["El plazo para subsanar venció y el expediente se archivó."]
                : L["Esta subsanación ya fue respondida."]).Value;
            return Redirect(DetailUrl);
        }

        return null;
    }

    private string Problem(string code, CorrectionItem item) => code switch
    {
        "tamano" => L["El archivo para «{0}» supera el límite de {1} MB. Redúzcalo o escanéelo con menor resolución.", item.RequirementName, MaxFileMegabytes],
        "tipo" => L["El archivo para «{0}» no es un PDF, JPG ni PNG. Guárdelo en uno de esos formatos y súbalo de nuevo.", item.RequirementName],
        // Nothing the person did: the draft and what it holds stay as they were.
        "almacenamiento" => L["No pudimos guardar su documento; intente de nuevo en unos minutos."],
        "vacio" => L["El archivo para «{0}» está vacío.", item.RequirementName],
        _ => L["Elija un archivo para «{0}».", item.RequirementName],
    };
}
