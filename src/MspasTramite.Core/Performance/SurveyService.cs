using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;

namespace MspasTramite.Core.Performance;

public enum SurveyOutcome
{
    Recorded,
    AlreadyAnswered,

    /// The moment has not happened yet (not paid, not decided): nothing to rate.
    NotYet,
}

/// The satisfaction survey (Decreto 5-2021 art. 11: users evaluate the service): one answer or
/// skip per application and moment, after payment and after the decision.
public sealed class SurveyService(AppDbContext db, TimeProvider clock)
{
    public const string AfterPaymentSlug = "pago";
    public const string AfterDecisionSlug = "decision";

    public static SurveyMoment? ParseMoment(string? slug) => slug switch
    {
        AfterPaymentSlug => SurveyMoment.AfterPayment,
        AfterDecisionSlug => SurveyMoment.AfterDecision,
        _ => null,
    };

    public static string Slug(SurveyMoment moment) => moment == SurveyMoment.AfterPayment ? AfterPaymentSlug : AfterDecisionSlug;

    public static string Path(Guid applicationId, SurveyMoment moment) => $"/mis-solicitudes/{applicationId}/encuesta?momento={Slug(moment)}";

    public static bool HasHappened(Application application, SurveyMoment moment)
    {
        ArgumentNullException.ThrowIfNull(application);
        return moment == SurveyMoment.AfterPayment
            ? application.ReceivedAt is not null
            : application.Status is ApplicationStatus.Approved or ApplicationStatus.Rejected;
    }

    public Task<SurveyResponse?> FindAsync(Guid applicationId, SurveyMoment moment, CancellationToken cancellationToken = default) =>
        db.SurveyResponses.AsNoTracking().FirstOrDefaultAsync(s => s.ApplicationId == applicationId && s.Moment == moment, cancellationToken);

    /// The same from the moments already answered, when the caller read them with the application.
    public static SurveyMoment? Pending(Application application, IReadOnlyCollection<SurveyMoment> answered)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(answered);
        foreach (var moment in (SurveyMoment[])[SurveyMoment.AfterDecision, SurveyMoment.AfterPayment])
        {
            if (HasHappened(application, moment) && !answered.Contains(moment))
            {
                return moment;
            }
        }

        return null;
    }

    /// The moment the citizen should be invited to rate now, if any: the decision before the payment.
    public async Task<SurveyMoment?> PendingAsync(Application application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        var answered = await db.SurveyResponses.AsNoTracking()
            .Where(s => s.ApplicationId == application.Id)
            .Select(s => s.Moment)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return Pending(application, answered);
    }

    /// Records a rating (null: the person skipped). The unique index settles a race between two
    /// tabs: the second one reads "already answered".
    public async Task<SurveyOutcome> RecordAsync(Application application, SurveyMoment moment, int? rating, string? comment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (rating is < SurveyResponse.MinRating or > SurveyResponse.MaxRating)
        {
            throw new ArgumentOutOfRangeException(nameof(rating), rating, "A rating is 1 to 5.");
        }

        if (!HasHappened(application, moment))
        {
            return SurveyOutcome.NotYet;
        }

        if (await db.SurveyResponses.AnyAsync(s => s.ApplicationId == application.Id && s.Moment == moment, cancellationToken).ConfigureAwait(false))
        {
            return SurveyOutcome.AlreadyAnswered;
        }

        var response = new SurveyResponse
        {
            Id = Guid.CreateVersion7(),
            ApplicationId = application.Id,
            ProcedureId = application.ProcedureVersion.ProcedureId,
            Moment = moment,
            Rating = rating,
            Comment = rating is null || string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
            AnsweredAt = clock.GetUtcNow(),
        };
        db.SurveyResponses.Add(response);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return SurveyOutcome.Recorded;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.Entry(response).State = EntityState.Detached;
            return SurveyOutcome.AlreadyAnswered;
        }
    }
}
