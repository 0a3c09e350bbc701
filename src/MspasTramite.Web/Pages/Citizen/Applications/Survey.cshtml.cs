using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Performance;

namespace MspasTramite.Web.Pages.Citizen.Applications;

/// The satisfaction survey (Decreto 5-2021 art. 11) after payment or after the decision: a rating
/// 1–5 with an optional comment, or a skip, once per application and moment, by its owner only.
public sealed class SurveyModel(ApplicationService applications, UserManager<ApplicationUser> users, SurveyService surveys, IStringLocalizer<SharedResource> l)
    : ApplicationPageModel(applications, users, l)
{
    public SurveyMoment Moment { get; private set; }

    /// The moment has not happened yet: nothing to rate.
    public bool NotYet { get; private set; }

    public bool AlreadyAnswered { get; private set; }

    [BindProperty]
    public SurveyInput Input { get; set; } = new();

    public string FormAction => SurveyService.Path(Application.Id, Moment);

    public IEnumerable<SelectListItem> RatingOptions =>
    [
        new(L["1 — Muy insatisfecho"], "1"),
        new(L["2 — Insatisfecho"], "2"),
        new(L["3 — Ni satisfecho ni insatisfecho"], "3"),
        new(L["4 — Satisfecho"], "4"),
        new(L["5 — Muy satisfecho"], "5"),
    ];

    public string Legend => Moment == SurveyMoment.AfterPayment
        ? L["¿Qué tan satisfecho está con la solicitud y el pago en línea?"]
        : L["¿Qué tan satisfecho está con la atención de su solicitud?"];

    public async Task<IActionResult> OnGetAsync(Guid id, string? momento)
    {
        if (await PrepareAsync(id, momento) is { } result)
        {
            return result;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? momento, string? accion)
    {
        if (await PrepareAsync(id, momento) is { } result)
        {
            return result;
        }

        if (NotYet || AlreadyAnswered)
        {
            ModelState.Clear();
            return Page();
        }

        var skip = accion == "omitir";
        int? rating = null;
        if (skip)
        {
            // A skip keeps nothing of what was typed, so nothing of it needs checking.
            ModelState.Clear();
        }
        else if (int.TryParse(Input.Rating, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && value is >= SurveyResponse.MinRating and <= SurveyResponse.MaxRating)
        {
            rating = value;
        }
        else
        {
            ModelState.AddModelError("Input.Rating", L["Elija una calificación del 1 al 5."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        switch (await surveys.RecordAsync(Application, Moment, rating, skip ? null : Input.Comment, HttpContext.RequestAborted))
        {
            case SurveyOutcome.Recorded:
                TempData["Notice"] = (skip ? L["Omitimos la encuesta. Gracias."] : L["Gracias por calificar el servicio."]).Value;
                return Redirect(DetailUrl);
            case SurveyOutcome.AlreadyAnswered:
                AlreadyAnswered = true;
                return Page();
            default:
                NotYet = true;
                return Page();
        }
    }

    private async Task<IActionResult?> PrepareAsync(Guid id, string? momento)
    {
        if (await LoadAsync(id, requireDraft: false) is { } result)
        {
            return result;
        }

        if (SurveyService.ParseMoment(momento) is not { } moment)
        {
            return NotFound();
        }

        Moment = moment;
        NotYet = !SurveyService.HasHappened(Application, moment);
        AlreadyAnswered = !NotYet && await surveys.FindAsync(Application.Id, moment, HttpContext.RequestAborted) is not null;
        return null;
    }

    public sealed class SurveyInput
    {
        public string? Rating { get; set; }

        [DataType(DataType.MultilineText)]
        [StringLength(SurveyResponse.MaxCommentLength, ErrorMessage = "El comentario puede tener como máximo {1} caracteres.")]
        public string? Comment { get; set; }
    }
}
