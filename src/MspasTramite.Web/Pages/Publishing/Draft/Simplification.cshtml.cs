using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Publishing;

namespace MspasTramite.Web.Pages.Publishing.Draft;

/// /admin/tramites/{id}/borrador/simplificacion: "Cómo simplificamos este trámite", each change with
/// what the paper procedure asked, what this one asks and why.
public sealed class SimplificationModel(ProcedurePublishing publishing, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l)
    : DraftSectionModel<SimplificationModel.SimplificationInput>(publishing, users, l)
{
    public const string List = "Items";

    public override DraftSection Section => DraftSection.Simplification;

    protected override SimplificationInput Read(ProcedureVersion draft) => new()
    {
        Items = [.. draft.Simplifications.Select(s => new ItemInput { Aspect = s.Aspect, Before = s.Before, After = s.After, Reason = s.Reason })],
    };

    protected override bool ChangeList(string verb, string list, int? index) =>
        list == List && Change(Input.Items, verb, index, () => new ItemInput());

    protected override void Validate()
    {
        TooMany(Input.Items, List);
        for (var i = 0; i < Input.Items.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Input.Items[i].Before))
            {
                ModelState.AddModelError($"Input.Items[{i}].Before", L["Escriba cómo era antes el cambio n.º {0}.", i + 1]);
            }

            if (string.IsNullOrWhiteSpace(Input.Items[i].After))
            {
                ModelState.AddModelError($"Input.Items[{i}].After", L["Escriba cómo es ahora el cambio n.º {0}.", i + 1]);
            }
        }
    }

    protected override void Write(ProcedureVersion draft) =>
        draft.Simplifications = [.. Input.Items.Select(s => new SimplificationItem
        {
            Aspect = s.Aspect ?? SimplificationAspect.Other,
            Before = s.Before!.Trim(),
            After = s.After!.Trim(),
            Reason = s.Reason?.Trim() ?? "",
        })];

    public sealed class SimplificationInput
    {
        public List<ItemInput> Items { get; set; } = [];
    }

    public sealed class ItemInput
    {
        public SimplificationAspect? Aspect { get; set; }

        [DataType(DataType.MultilineText)]
        [StringLength(1000, ErrorMessage = "Cada texto puede tener hasta {1} caracteres.")]
        public string? Before { get; set; }

        [DataType(DataType.MultilineText)]
        [StringLength(1000, ErrorMessage = "Cada texto puede tener hasta {1} caracteres.")]
        public string? After { get; set; }

        [DataType(DataType.MultilineText)]
        [StringLength(1000, ErrorMessage = "Cada texto puede tener hasta {1} caracteres.")]
        public string? Reason { get; set; }
    }
}
