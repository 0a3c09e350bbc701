using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Publishing;

namespace MspasTramite.Web.Pages.Publishing.Draft;

/// /admin/tramites/{id}/borrador/tarifa: a fixed fee or one per category of establishment (not
/// both: the form's fee step would not know which applies), the extra fees asked with a question,
/// and "por confirmar" with its note while the department has not confirmed the amount.
public sealed class FeeModel(ProcedurePublishing publishing, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l)
    : DraftSectionModel<FeeModel.FeeInput>(publishing, users, l)
{
    public const string CategoriesList = "Categories";
    public const string ExtrasList = "ExtraFees";
    public const double MaxAmount = 1_000_000;

    public override DraftSection Section => DraftSection.Fee;

    protected override FeeInput Read(ProcedureVersion draft) => new()
    {
        FixedFee = draft.FixedFee,
        FeeUncertain = draft.FeeUncertain,
        FeeNote = draft.FeeNote,
        Categories = [.. draft.Categories.Select(c => new CategoryInput { Code = c.Code, Name = c.Name, Amount = c.Amount })],
        ExtraFees = [.. draft.ExtraFees.Select(e => new ExtraFeeInput { Code = e.Code, Name = e.Name, Question = e.Question, Amount = e.Amount })],
    };

    protected override bool ChangeList(string verb, string list, int? index) => list switch
    {
        CategoriesList => Change(Input.Categories, verb, index, () => new CategoryInput()),
        ExtrasList => Change(Input.ExtraFees, verb, index, () => new ExtraFeeInput()),
        _ => false,
    };

    protected override void Validate()
    {
        TooMany(Input.Categories, CategoriesList);
        TooMany(Input.ExtraFees, ExtrasList);
        if (Input.FixedFee is not null && Input.Categories.Count > 0)
        {
            ModelState.AddModelError("Input.FixedFee", L["Indique una tarifa fija o tarifas por categoría, no ambas: borre la tarifa fija o quite las categorías."]);
        }

        if (Input.FeeUncertain && string.IsNullOrWhiteSpace(Input.FeeNote))
        {
            ModelState.AddModelError("Input.FeeNote", L["Explique por qué la tarifa está por confirmar: el ciudadano lo lee en la ficha."]);
        }

        for (var i = 0; i < Input.Categories.Count; i++)
        {
            var c = Input.Categories[i];
            if (string.IsNullOrWhiteSpace(c.Name))
            {
                ModelState.AddModelError($"Input.Categories[{i}].Name", L["Escriba el nombre de la categoría n.º {0}.", i + 1]);
            }

            if (c.Amount is null && ModelState.GetFieldValidationState($"Input.Categories[{i}].Amount") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
            {
                ModelState.AddModelError($"Input.Categories[{i}].Amount", L["Escriba el monto de la categoría n.º {0}.", i + 1]);
            }
        }

        for (var i = 0; i < Input.ExtraFees.Count; i++)
        {
            var e = Input.ExtraFees[i];
            if (string.IsNullOrWhiteSpace(e.Name))
            {
                ModelState.AddModelError($"Input.ExtraFees[{i}].Name", L["Escriba el nombre del cobro adicional n.º {0}.", i + 1]);
            }

            if (string.IsNullOrWhiteSpace(e.Question))
            {
                ModelState.AddModelError($"Input.ExtraFees[{i}].Question", L["Escriba la pregunta que decide si se cobra el cobro adicional n.º {0}.", i + 1]);
            }

            if (e.Amount is null && ModelState.GetFieldValidationState($"Input.ExtraFees[{i}].Amount") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
            {
                ModelState.AddModelError($"Input.ExtraFees[{i}].Amount", L["Escriba el monto del cobro adicional n.º {0}.", i + 1]);
            }
        }
    }

    protected override void Write(ProcedureVersion draft)
    {
        var categoryCodes = DraftCodes.Assign(Input.Categories.Select(c => (c.Code, c.Name)), "categoria");
        var extraCodes = DraftCodes.Assign(Input.ExtraFees.Select(e => (e.Code, e.Name)), "cobro");
        draft.FixedFee = Input.FixedFee;
        draft.FeeUncertain = Input.FeeUncertain;
        draft.FeeNote = string.IsNullOrWhiteSpace(Input.FeeNote) ? null : Input.FeeNote.Trim();
        draft.Categories = [.. Input.Categories.Select((c, i) => new FeeCategory { Code = categoryCodes[i], Name = c.Name!.Trim(), Amount = c.Amount!.Value })];
        draft.ExtraFees = [.. Input.ExtraFees.Select((e, i) => new ExtraFee { Code = extraCodes[i], Name = e.Name!.Trim(), Question = e.Question!.Trim(), Amount = e.Amount!.Value })];
    }

    public sealed class FeeInput
    {
        [Range(0, MaxAmount, ErrorMessage = "Escriba un monto de 0 a 1,000,000 quetzales, por ejemplo 250.00.")]
        public decimal? FixedFee { get; set; }

        public bool FeeUncertain { get; set; }

        [DataType(DataType.MultilineText)]
        [StringLength(500, ErrorMessage = "La nota puede tener hasta {1} caracteres.")]
        public string? FeeNote { get; set; }

        public List<CategoryInput> Categories { get; set; } = [];

        public List<ExtraFeeInput> ExtraFees { get; set; } = [];
    }

    public sealed class CategoryInput
    {
        public string? Code { get; set; }

        [StringLength(200, ErrorMessage = "El nombre puede tener hasta {1} caracteres.")]
        public string? Name { get; set; }

        [Range(0.01, MaxAmount, ErrorMessage = "Escriba un monto mayor que 0 y de hasta 1,000,000 quetzales, por ejemplo 250.00.")]
        public decimal? Amount { get; set; }
    }

    public sealed class ExtraFeeInput
    {
        public string? Code { get; set; }

        [StringLength(200, ErrorMessage = "El nombre puede tener hasta {1} caracteres.")]
        public string? Name { get; set; }

        [StringLength(300, ErrorMessage = "La pregunta puede tener hasta {1} caracteres.")]
        public string? Question { get; set; }

        [Range(0.01, MaxAmount, ErrorMessage = "Escriba un monto mayor que 0 y de hasta 1,000,000 quetzales, por ejemplo 250.00.")]
        public decimal? Amount { get; set; }
    }
}
