using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Publishing;

namespace MspasTramite.Web.Pages.Publishing.Draft;

/// /admin/tramites/{id}/borrador/general: the name, the catalogue's summary, who may apply, and the
/// description and FAQ (Markdown, sanitised when shown).
public sealed class GeneralModel(ProcedurePublishing publishing, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l)
    : DraftSectionModel<GeneralModel.GeneralInput>(publishing, users, l)
{
    public const int MaxMarkdownLength = 20000;

    public override DraftSection Section => DraftSection.General;

    protected override GeneralInput Read(ProcedureVersion draft) => new()
    {
        Name = draft.Name,
        Summary = draft.Summary,
        WhoMayApply = draft.WhoMayApply,
        Description = draft.Description,
        Faq = draft.Faq,
    };

    protected override void Write(ProcedureVersion draft)
    {
        draft.Name = Input.Name!.Trim();
        draft.Summary = Input.Summary?.Trim() ?? "";
        draft.WhoMayApply = Input.WhoMayApply ?? WhoMayApply.Both;
        draft.Description = Input.Description?.Trim() ?? "";
        draft.Faq = Input.Faq?.Trim() ?? "";
    }

    public sealed class GeneralInput
    {
        [Required(ErrorMessage = "Escriba el nombre del trámite.")]
        [StringLength(ProcedurePublishing.MaxNameLength, ErrorMessage = "El nombre puede tener hasta {1} caracteres.")]
        public string? Name { get; set; }

        [DataType(DataType.MultilineText)]
        [StringLength(ProcedurePublishing.MaxSummaryLength, ErrorMessage = "El resumen puede tener hasta {1} caracteres.")]
        public string? Summary { get; set; }

        [Required(ErrorMessage = "Elija quién puede solicitar el trámite.")]
        public WhoMayApply? WhoMayApply { get; set; }

        [DataType(DataType.MultilineText)]
        [StringLength(MaxMarkdownLength, ErrorMessage = "La descripción puede tener hasta {1} caracteres.")]
        public string? Description { get; set; }

        [DataType(DataType.MultilineText)]
        [StringLength(MaxMarkdownLength, ErrorMessage = "Las preguntas frecuentes pueden tener hasta {1} caracteres.")]
        public string? Faq { get; set; }
    }
}
