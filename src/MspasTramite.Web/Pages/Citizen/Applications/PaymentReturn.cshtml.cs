using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Payments;
using MspasTramite.Core.Performance;

namespace MspasTramite.Web.Pages.Citizen.Applications;

/// Where the gateway sends the person back. The webhook may not have arrived yet, so a paid-looking
/// return is confirmed by asking the gateway; both paths end in the same settlement.
public sealed class PaymentReturnModel(
    ApplicationService applications,
    UserManager<ApplicationUser> users,
    PaymentService payments,
    IPaymentGateway gateway,
    AppDbContext db,
    SurveyService surveys,
    IStringLocalizer<SharedResource> l) : ApplicationPageModel(applications, users, l)
{
    public bool Paid { get; private set; }
    public bool Cancelled { get; private set; }
    public bool GatewayUnavailable { get; private set; }
    public Receipt? Receipt { get; private set; }

    /// Paid and not yet rated: the survey after payment is offered here.
    public bool InviteToSurvey { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string result, [FromQuery(Name = "session_id")] string? sessionId)
    {
        if (await LoadAsync(id, requireDraft: false) is { } loaded)
        {
            return loaded;
        }

        if (result == "cancelado")
        {
            Cancelled = true;
            return Page();
        }

        // Only a session of this application reveals anything; anyone else's id is simply not found.
        var attempt = sessionId is null ? null : await db.PaymentAttempts.AsNoTracking()
            .FirstOrDefaultAsync(p => p.SessionId == sessionId && p.ApplicationId == Application.Id);
        if (attempt is null)
        {
            return NotFound();
        }

        if (attempt.Status is not (PaymentStatus.Paid or PaymentStatus.Duplicate))
        {
            try
            {
                var state = await gateway.GetCheckoutAsync(sessionId!, HttpContext.RequestAborted);
                await payments.SettleAsync(state, HttpContext.RequestAborted);
            }
            catch (PaymentGatewayException)
            {
                GatewayUnavailable = true;
            }
        }

        Receipt = await db.Receipts.AsNoTracking().FirstOrDefaultAsync(r => r.PaymentAttemptId == attempt.Id);
        Paid = Receipt is not null || await db.PaymentAttempts.AnyAsync(p => p.Id == attempt.Id && (p.Status == PaymentStatus.Paid || p.Status == PaymentStatus.Duplicate));
        InviteToSurvey = Paid && await surveys.FindAsync(Application.Id, SurveyMoment.AfterPayment, HttpContext.RequestAborted) is null;
        return Page();
    }
}
