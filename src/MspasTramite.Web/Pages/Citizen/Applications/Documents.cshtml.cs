using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Web.Infrastructure;

namespace MspasTramite.Web.Pages.Citizen.Applications;

[AcceptsUpload]
public sealed class DocumentsModel(ApplicationService applications, UserManager<ApplicationUser> users, DocumentStore store, IStringLocalizer<SharedResource> l)
    : ApplicationPageModel(applications, users, l)
{
    public ApplicationUser Applicant { get; private set; } = null!;

    public IReadOnlyList<Requirement> Requirements { get; private set; } = [];

    public Dictionary<string, IReadOnlyList<(ApplicationDocument Document, string? FileNumber)>> Reusable { get; } = [];

    public long MaxFileMegabytes => store.MaxFileBytes / (1024 * 1024);

    public static string InputId(Requirement requirement) => "archivo-" + requirement.Code;

    public async Task<IActionResult> OnGetAsync(Guid id, string? problema, string? requisito)
    {
        if (await PrepareAsync(id) is { } result)
        {
            return result;
        }

        await RecordReachedAsync(ApplicationStep.Documents);

        if (problema is not null && Requirements.FirstOrDefault(r => r.Code == requisito) is { } requirement)
        {
            // Problems of an upload come back here through a redirect (the upload itself was refused).
            ModelState.AddModelError(InputId(requirement), Problem(problema, requirement));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(Guid id, string? requisito)
    {
        if (await PrepareAsync(id) is { } result)
        {
            return result;
        }

        var requirement = Requirements.FirstOrDefault(r => r.Code == requisito && NeedsUpload(r));
        if (requirement is null)
        {
            // Sent from a page of the version the draft just left: show the step as it is now.
            return MovedNow ? Redirect(StepUrl(ApplicationStep.Documents)) : NotFound();
        }

        var file = Request.Form.Files.GetFile("archivo");
        string? problem = null;
        if (file is null || file.Length == 0)
        {
            problem = file is null ? "ninguno" : "vacio";
        }
        else if (Application.Documents.Count(d => d.RequirementCode == requirement.Code) >= requirement.MaxFiles)
        {
            problem = "maximo";
        }
        else
        {
            await using var stream = file.OpenReadStream();
            var (_, upload) = await Applications.AddDocumentAsync(Application, requirement, file.FileName, stream, Users.GetUserId(User)!);
            problem = upload switch
            {
                UploadProblem.None => null,
                UploadProblem.Empty => "vacio",
                UploadProblem.TooLarge => "tamano",
                UploadProblem.StorageUnavailable => "almacenamiento",
                _ => "tipo",
            };
        }

        if (problem is not null)
        {
            ModelState.AddModelError(InputId(requirement), Problem(problem, requirement));
            return Page();
        }

        await RecordSavedAsync(ApplicationStep.Documents);
        TempData["Notice"] = L["Documento agregado: {0}.", requirement.Name].Value;
        return Redirect($"{StepUrl(ApplicationStep.Documents)}#req-{requirement.Code}");
    }

    public async Task<IActionResult> OnPostReuseAsync(Guid id, string? requisito, Guid documento)
    {
        if (await PrepareAsync(id) is { } result)
        {
            return result;
        }

        var requirement = Requirements.FirstOrDefault(r => r.Code == requisito && NeedsUpload(r) && r.Reusable);
        if (requirement is null || await Applications.ReuseDocumentAsync(Application, requirement, documento, Users.GetUserId(User)!) is null)
        {
            return NotFound();
        }

        await RecordSavedAsync(ApplicationStep.Documents);
        TempData["Notice"] = L["Documento agregado: {0}.", requirement.Name].Value;
        return Redirect($"{StepUrl(ApplicationStep.Documents)}#req-{requirement.Code}");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid documento)
    {
        if (await PrepareAsync(id) is { } result)
        {
            return result;
        }

        if (!await Applications.RemoveDocumentAsync(Application, documento, Users.GetUserId(User)!))
        {
            return NotFound();
        }

        TempData["Notice"] = L["Documento quitado."].Value;
        return Redirect(StepUrl(ApplicationStep.Documents));
    }

    /// Whether the requirement needs a file: identifiers the service already checks stand in for copies.
    public bool NeedsUpload(Requirement requirement) =>
        requirement.SatisfiedByIdentifier switch
        {
            "Cui" => string.IsNullOrEmpty(Applicant.Cui),
            "Nit" => string.IsNullOrEmpty(Applicant.Nit),
            _ => true,
        };

    private async Task<IActionResult?> PrepareAsync(Guid id)
    {
        if (await LoadAsync(id, requireDraft: true) is { } result)
        {
            return result;
        }

        Applicant = (await Users.GetUserAsync(User))!;
        Requirements = [.. Version.RequirementsFor(Application.ApplicantKind)];
        foreach (var requirement in Requirements.Where(r => r.Reusable))
        {
            var candidates = await Applications.ReusableDocumentsAsync(Application, requirement.Code);
            if (candidates.Count > 0)
            {
                Reusable[requirement.Code] = candidates;
            }
        }

        return null;
    }

    private string Problem(string code, Requirement requirement) => code switch
    {
        "tamano" => L["El archivo para «{0}» supera el límite de {1} MB. Redúzcalo o escanéelo con menor resolución.", requirement.Name, MaxFileMegabytes],
        "tipo" => L["El archivo para «{0}» no es un PDF, JPG ni PNG. Guárdelo en uno de esos formatos y súbalo de nuevo.", requirement.Name],
        // Nothing the person did: the draft and what it holds stay as they were.
        "almacenamiento" => L["No pudimos guardar su documento; intente de nuevo en unos minutos."],
        "vacio" => L["El archivo para «{0}» está vacío.", requirement.Name],
        "maximo" => L["«{0}» admite como máximo {1} archivos. Quite uno antes de subir otro.", requirement.Name, requirement.MaxFiles],
        _ => L["Elija un archivo para «{0}».", requirement.Name],
    };
}
