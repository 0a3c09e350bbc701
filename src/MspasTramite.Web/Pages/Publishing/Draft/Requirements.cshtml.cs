using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Publishing;

namespace MspasTramite.Web.Pages.Publishing.Draft;

/// /admin/tramites/{id}/borrador/requisitos: what the citizen uploads. Each requirement needs its
/// legal basis (Decreto 5-2021 forbids asking for anything without one), so a save without it is
/// refused here, not only at publication. A requirement keeps its code (documents already uploaded
/// are filed under it); a new one gets a code made from its name.
public sealed class RequirementsModel(ProcedurePublishing publishing, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l)
    : DraftSectionModel<RequirementsModel.RequirementsInput>(publishing, users, l)
{
    public const string List = "Requirements";

    public override DraftSection Section => DraftSection.Requirements;

    protected override RequirementsInput Read(ProcedureVersion draft) => new()
    {
        Requirements = [.. draft.Requirements.Select(r => new RequirementInput
        {
            Code = r.Code,
            Name = r.Name,
            Description = r.Description,
            LegalBasis = r.LegalBasis,
            Required = r.Required,
            Condition = r.Condition,
            MaxFiles = r.MaxFiles,
            SatisfiedByIdentifier = r.SatisfiedByIdentifier,
            Reusable = r.Reusable,
        })],
    };

    protected override bool ChangeList(string verb, string list, int? index) =>
        list == List && Change(Input.Requirements, verb, index, () => new RequirementInput { Required = true, MaxFiles = 3 });

    protected override void Validate()
    {
        TooMany(Input.Requirements, List);
        for (var i = 0; i < Input.Requirements.Count; i++)
        {
            var r = Input.Requirements[i];
            var label = string.IsNullOrWhiteSpace(r.Name) ? L["n.º {0}", i + 1].Value : $"«{r.Name.Trim()}»";
            if (string.IsNullOrWhiteSpace(r.Name))
            {
                ModelState.AddModelError($"Input.Requirements[{i}].Name", L["Escriba el nombre del requisito n.º {0}.", i + 1]);
            }

            if (string.IsNullOrWhiteSpace(r.LegalBasis))
            {
                ModelState.AddModelError($"Input.Requirements[{i}].LegalBasis", L["Escriba la base legal del requisito {0}: el Decreto 5-2021 no permite pedir requisitos sin ella.", label]);
            }

            if (r.SatisfiedByIdentifier is not (null or "Cui" or "Nit"))
            {
                ModelState.AddModelError($"Input.Requirements[{i}].SatisfiedByIdentifier", L["Elija una de las opciones de la lista."]);
            }
        }
    }

    protected override void Write(ProcedureVersion draft)
    {
        var codes = DraftCodes.Assign(Input.Requirements.Select(r => (r.Code, r.Name)), "requisito");
        draft.Requirements = [.. Input.Requirements.Select((r, i) => new Requirement
        {
            Code = codes[i],
            Name = r.Name!.Trim(),
            Description = r.Description?.Trim() ?? "",
            LegalBasis = r.LegalBasis!.Trim(),
            Required = r.Required,
            Condition = r.Condition ?? RequirementCondition.Always,
            MaxFiles = r.MaxFiles ?? 1,
            SatisfiedByIdentifier = r.SatisfiedByIdentifier,
            Reusable = r.Reusable,
        })];
    }

    public sealed class RequirementsInput
    {
        public List<RequirementInput> Requirements { get; set; } = [];
    }

    public sealed class RequirementInput
    {
        public string? Code { get; set; }

        [StringLength(200, ErrorMessage = "El nombre puede tener hasta {1} caracteres.")]
        public string? Name { get; set; }

        [DataType(DataType.MultilineText)]
        [StringLength(2000, ErrorMessage = "La descripción puede tener hasta {1} caracteres.")]
        public string? Description { get; set; }

        [StringLength(500, ErrorMessage = "La base legal puede tener hasta {1} caracteres.")]
        public string? LegalBasis { get; set; }

        // Unchecked boxes post nothing: false unless the box is there and checked.
        public bool Required { get; set; }

        public RequirementCondition? Condition { get; set; }

        [Required(ErrorMessage = "Escriba cuántos archivos admite, de 1 a 10.")]
        [Range(1, ProcedurePublishing.MaxFilesLimit, ErrorMessage = "Escriba cuántos archivos admite, de 1 a 10.")]
        public int? MaxFiles { get; set; }

        public string? SatisfiedByIdentifier { get; set; }

        public bool Reusable { get; set; }
    }
}
