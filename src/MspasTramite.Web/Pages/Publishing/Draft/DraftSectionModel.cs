using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Publishing;

namespace MspasTramite.Web.Pages.Publishing.Draft;

/// The draft editor's sections, in the order the index lists them: each its own page under
/// /admin/tramites/{id}/borrador/{slug}, and the Problems() fields each one fixes.
public sealed record DraftSection(string Slug, string Title, string[] Fields)
{
    public static DraftSection General { get; } = new("general", "Datos generales", ["Name", "Summary"]);

    public static DraftSection Requirements { get; } = new("requisitos", "Requisitos", ["Requirements"]);

    public static DraftSection Fee { get; } = new("tarifa", "Tarifa", ["Fee"]);

    public static DraftSection TimeAndSteps { get; } = new("plazo-y-pasos", "Plazo, pasos y resultado", ["LegalTimeDays", "LegalBasis", "Steps", "OutputDocument", "LicenceValidityYears"]);

    public static DraftSection Simplification { get; } = new("simplificacion", "Cómo simplificamos", ["Simplifications"]);

    public static DraftSection Languages { get; } = new("idiomas", "Resúmenes en idiomas mayas", ["PlainSummaries"]);

    public static IReadOnlyList<DraftSection> All { get; } = [General, Requirements, Fee, TimeAndSteps, Simplification, Languages];

    /// The section where a publication problem is fixed (the general one for a field no other claims).
    public static DraftSection Of(string? field) => All.FirstOrDefault(s => s.Fields.Contains(field)) ?? General;

    public string Path(Guid procedureId) => $"/admin/tramites/{procedureId}/borrador/{Slug}";
}

/// One section of a draft. GET shows the draft's values; POST applies what was typed to the draft
/// through ProcedurePublishing.SaveDraftAsync with the stamp the page was read with, so a second
/// editor's save is refused rather than overwritten. On a refusal (invalid input, conflict) the page
/// is drawn again from what was posted, never reloaded: nothing typed is lost.
///
/// A list (requirements, steps …) changes by buttons named "ListAction" whose value says what to do:
/// "add:Requirements", "remove:Requirements:2", "up:Steps:1", "down:Steps:1". Removing and moving
/// save at once, like the save button; adding draws an empty row to fill in and saves nothing (an
/// empty requirement could not be valid).
public abstract class DraftSectionModel<TInput>(ProcedurePublishing publishing, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l) : PublishingPageModel
    where TInput : class, new()
{
    public const int MaxListLength = 100;

    [BindProperty]
    public TInput Input { get; set; } = new();

    [BindProperty]
    public Guid Stamp { get; set; }

    [BindProperty]
    public string? ListAction { get; set; }

    public Guid ProcedureId { get; private set; }

    public ProcedureVersion Draft { get; private set; } = null!;

    /// Another editor saved first: the page offers to open the current version.
    public bool Conflicted { get; private set; }

    /// Said after "add": the new row is on the page but not saved yet.
    public string? Unsaved { get; private set; }

    public abstract DraftSection Section { get; }

    public DraftHeader Header => new(ProcedureId, Draft, Section, CanEdit, Conflicted, Unsaved);

    protected IStringLocalizer<SharedResource> L => l;

    public async Task<IActionResult> OnGetAsync(Guid procedureId)
    {
        if (!await LoadAsync(procedureId))
        {
            return NotFound();
        }

        Input = Read(Draft);
        Stamp = Draft.ConcurrencyStamp;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid procedureId)
    {
        if (!await LoadAsync(procedureId))
        {
            // Published or discarded while this page was open: say so rather than "page not found".
            if (await publishing.FindVersionAsync(procedureId, 1) is null)
            {
                return NotFound();
            }

            TempData["Error"] = l.Of(PublishingResult.NotADraft.Errors[0]).Value;
            return Redirect("/admin/tramites");
        }

        Normalize();
        if (!string.IsNullOrEmpty(ListAction))
        {
            var parts = ListAction.Split(':');
            int? index = parts.Length == 3 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;
            var verb = parts[0];
            var known = parts.Length == (verb == "add" ? 2 : 3) && (verb == "add" || index is not null);
            if (!known || !ChangeList(verb, parts[1], index))
            {
                ModelState.AddModelError(string.Empty, l["Ese elemento ya no está en la lista. Revise la lista y vuelva a intentarlo."]);
                return Page();
            }

            // The rows moved: what was typed is drawn from Input, not from the posted names, which
            // now point at other rows. The checks run again on the rows as they are now.
            ModelState.Clear();
            if (verb == "add")
            {
                Unsaved = l["Se agregó una fila vacía al final. Complétela y guarde los cambios: aún no está guardada."];
                return Page();
            }

            TryValidateModel(Input, nameof(Input));
        }

        Validate();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await publishing.SaveDraftAsync(Draft.Id, Stamp, Section.Slug, Write, users.GetUserId(User)!);
        switch (result.Outcome)
        {
            case PublishingOutcome.Done:
                TempData["Notice"] = l["Cambios guardados"].Value;
                return Redirect(Section.Path(ProcedureId));
            case PublishingOutcome.NotFound:
                return NotFound();
            case PublishingOutcome.Conflict:
                Conflicted = true;
                break;
        }

        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(error.Field is null ? string.Empty : $"Input.{error.Field}", l.Of(error));
        }

        return Page();
    }

    /// The section's fields as the draft holds them.
    protected abstract TInput Read(ProcedureVersion draft);

    /// Puts what was posted in the shape the page draws (a row per language …), before anything else.
    protected virtual void Normalize()
    {
    }

    /// Checks beyond the input's attributes, as model errors on "Input.…" names.
    protected virtual void Validate()
    {
    }

    /// Copies the input onto the tracked draft.
    protected abstract void Write(ProcedureVersion draft);

    /// Applies a list button to Input; false for a list or a row the page does not have.
    protected virtual bool ChangeList(string verb, string list, int? index) => false;

    /// The usual list buttons on one list of Input.
    protected static bool Change<T>(List<T> items, string verb, int? index, Func<T> create)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(create);
        if (verb == "add")
        {
            if (items.Count >= MaxListLength)
            {
                return false;
            }

            items.Add(create());
            return true;
        }

        if (index is not int i || i >= items.Count)
        {
            return false;
        }

        switch (verb)
        {
            case "remove":
                items.RemoveAt(i);
                return true;
            case "up" when i > 0:
                (items[i - 1], items[i]) = (items[i], items[i - 1]);
                return true;
            case "down" when i + 1 < items.Count:
                (items[i + 1], items[i]) = (items[i], items[i + 1]);
                return true;
            default:
                return false;
        }
    }

    protected void TooMany<T>(List<T> items, string field)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count > MaxListLength)
        {
            ModelState.AddModelError($"Input.{field}", l["La lista puede tener hasta {0} elementos.", MaxListLength]);
        }
    }

    private async Task<bool> LoadAsync(Guid procedureId)
    {
        ProcedureId = procedureId;
        var draft = await publishing.FindDraftAsync(procedureId);
        if (draft is null)
        {
            return false;
        }

        Draft = draft;
        return true;
    }
}

/// What the top of every section page shows (Draft/_DraftHeader).
public sealed record DraftHeader(Guid ProcedureId, ProcedureVersion Draft, DraftSection Section, bool CanEdit, bool Conflicted, string? Unsaved);

/// The up, down and remove buttons of one row of a list (Draft/_ListButtons).
public sealed record ListButtons(string List, int Index, int Count, string Up, string Down, string Remove);

/// The codes documents are filed under: kept for a row that has one, made from the name for a new
/// row, unique within the list and short enough for the columns that store them (40 characters).
public static class DraftCodes
{
    public const int MaxLength = 40;

    public static List<string> Assign(IEnumerable<(string? Code, string? Name)> rows, string fallback)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var codes = new string?[list.Count];

        // Existing codes first, so a new row named like an old one never takes its code.
        for (var i = 0; i < list.Count; i++)
        {
            var code = list[i].Code;
            if (IsValid(code) && taken.Add(code!))
            {
                codes[i] = code;
            }
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (codes[i] is not null)
            {
                continue;
            }

            var stem = Slug(list[i].Name);
            if (stem.Length == 0)
            {
                stem = fallback;
            }

            var code = stem;
            for (var n = 2; !taken.Add(code); n++)
            {
                var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
                code = stem[..Math.Min(stem.Length, MaxLength - suffix.Length)].TrimEnd('-') + suffix;
            }

            codes[i] = code;
        }

        return [.. codes.Select(c => c!)];
    }

    public static bool IsValid(string? code) =>
        code is { Length: > 0 and <= MaxLength } && code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && code[0] != '-';

    /// "Patente de Comercio (copia)" → "patente-de-comercio-copia".
    public static string Slug(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        var sb = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                sb.Append(lower);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }

            if (sb.Length >= MaxLength)
            {
                break;
            }
        }

        return sb.ToString().Trim('-');
    }
}
