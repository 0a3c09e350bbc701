using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Publishing;

namespace MspasTramite.Web.Pages.Publishing.Draft;

/// /admin/tramites/{id}/borrador/plazo-y-pasos: the legal time that starts the clock at payment, the
/// procedure's legal basis, its steps, what the citizen receives at the end and for how long.
public sealed class TimeAndStepsModel(ProcedurePublishing publishing, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l)
    : DraftSectionModel<TimeAndStepsModel.TimeAndStepsInput>(publishing, users, l)
{
    public const string StepsList = "Steps";
    public const int MaxStepLength = 500;

    public override DraftSection Section => DraftSection.TimeAndSteps;

    protected override TimeAndStepsInput Read(ProcedureVersion draft) => new()
    {
        LegalTimeDays = draft.LegalTimeDays > 0 ? draft.LegalTimeDays : null,
        LegalTimeUnit = draft.LegalTimeUnit,
        LegalBasis = draft.LegalBasis,
        Steps = [.. draft.Steps],
        OutputDocument = draft.OutputDocument,
        RequiresInspection = draft.RequiresInspection,
        LicenceValidityYears = draft.LicenceValidityYears,
        ProfessionalTitle = draft.ProfessionalTitle,
    };

    protected override bool ChangeList(string verb, string list, int? index) =>
        list == StepsList && Change(Input.Steps, verb, index, () => "");

    protected override void Validate()
    {
        TooMany(Input.Steps, StepsList);
        for (var i = 0; i < Input.Steps.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Input.Steps[i]))
            {
                ModelState.AddModelError($"Input.Steps[{i}]", L["Describa el paso n.º {0} o quítelo.", i + 1]);
            }
            else if (Input.Steps[i]!.Length > MaxStepLength)
            {
                ModelState.AddModelError($"Input.Steps[{i}]", L["Cada paso puede tener hasta {0} caracteres.", MaxStepLength]);
            }
        }
    }

    protected override void Write(ProcedureVersion draft)
    {
        draft.LegalTimeDays = Input.LegalTimeDays ?? 0;
        draft.LegalTimeUnit = Input.LegalTimeUnit ?? LegalTimeUnit.WorkingDays;
        draft.LegalBasis = Input.LegalBasis?.Trim() ?? "";
        draft.Steps = [.. Input.Steps.Select(s => s!.Trim())];
        draft.OutputDocument = Input.OutputDocument?.Trim() ?? "";
        draft.RequiresInspection = Input.RequiresInspection;
        draft.LicenceValidityYears = Input.LicenceValidityYears ?? 0;
        draft.ProfessionalTitle = string.IsNullOrWhiteSpace(Input.ProfessionalTitle) ? null : Input.ProfessionalTitle.Trim();
    }

    public sealed class TimeAndStepsInput
    {
        [Range(1, 365, ErrorMessage = "Escriba el plazo legal en días, de 1 a 365.")]
        public int? LegalTimeDays { get; set; }

        [Required(ErrorMessage = "Elija si el plazo se cuenta en días hábiles o calendario.")]
        public LegalTimeUnit? LegalTimeUnit { get; set; }

        [StringLength(1000, ErrorMessage = "La base legal puede tener hasta {1} caracteres.")]
        public string? LegalBasis { get; set; }

        public List<string?> Steps { get; set; } = [];

        [StringLength(300, ErrorMessage = "El nombre del documento puede tener hasta {1} caracteres.")]
        public string? OutputDocument { get; set; }

        public bool RequiresInspection { get; set; }

        [Range(0, 50, ErrorMessage = "Escriba la vigencia en años, de 0 a 50 (0 si no vence).")]
        public int? LicenceValidityYears { get; set; }

        [StringLength(100, ErrorMessage = "El título puede tener hasta {1} caracteres.")]
        public string? ProfessionalTitle { get; set; }
    }
}
