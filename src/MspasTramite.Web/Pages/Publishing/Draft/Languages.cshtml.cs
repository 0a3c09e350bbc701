using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Publishing;

namespace MspasTramite.Web.Pages.Publishing.Draft;

/// /admin/tramites/{id}/borrador/idiomas: a short summary in each Mayan language the service
/// publishes, with who wrote or checked it. A language left empty is not published.
public sealed class LanguagesModel(ProcedurePublishing publishing, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l)
    : DraftSectionModel<LanguagesModel.LanguagesInput>(publishing, users, l)
{
    public override DraftSection Section => DraftSection.Languages;

    protected override LanguagesInput Read(ProcedureVersion draft) => new()
    {
        Summaries = [.. PlainSummary.Languages.Select(language => draft.PlainSummaries.FirstOrDefault(p => p.Language == language) is { } p
            ? new SummaryInput { Text = p.Text, ProvidedBy = p.ProvidedBy }
            : new SummaryInput())],
    };

    protected override void Normalize()
    {
        // One row per language, in PlainSummary.Languages' order, whatever was posted.
        while (Input.Summaries.Count < PlainSummary.Languages.Count)
        {
            Input.Summaries.Add(new SummaryInput());
        }

        if (Input.Summaries.Count > PlainSummary.Languages.Count)
        {
            Input.Summaries.RemoveRange(PlainSummary.Languages.Count, Input.Summaries.Count - PlainSummary.Languages.Count);
        }
    }

    protected override void Validate()
    {
        for (var i = 0; i < Input.Summaries.Count; i++)
        {
            var s = Input.Summaries[i];
            var language = Procedures.PlainSummaryNames.Of(PlainSummary.Languages[i]);
            if (!string.IsNullOrWhiteSpace(s.Text) && string.IsNullOrWhiteSpace(s.ProvidedBy))
            {
                ModelState.AddModelError($"Input.Summaries[{i}].ProvidedBy", L["Escriba quién proporcionó el resumen en {0}.", language]);
            }
            else if (string.IsNullOrWhiteSpace(s.Text) && !string.IsNullOrWhiteSpace(s.ProvidedBy))
            {
                ModelState.AddModelError($"Input.Summaries[{i}].Text", L["Escriba el resumen en {0}, o borre quién lo proporcionó.", language]);
            }
        }
    }

    protected override void Write(ProcedureVersion draft) =>
        draft.PlainSummaries = [.. PlainSummary.Languages
            .Select((language, i) => (language, input: Input.Summaries[i]))
            .Where(x => !string.IsNullOrWhiteSpace(x.input.Text))
            .Select(x => new PlainSummary { Language = x.language, Text = x.input.Text!.Trim(), ProvidedBy = x.input.ProvidedBy!.Trim() })];

    public sealed class LanguagesInput
    {
        public List<SummaryInput> Summaries { get; set; } = [];
    }

    public sealed class SummaryInput
    {
        [DataType(DataType.MultilineText)]
        [StringLength(2000, ErrorMessage = "El resumen puede tener hasta {1} caracteres.")]
        public string? Text { get; set; }

        [StringLength(200, ErrorMessage = "Quién lo proporcionó puede tener hasta {1} caracteres.")]
        public string? ProvidedBy { get; set; }
    }
}
