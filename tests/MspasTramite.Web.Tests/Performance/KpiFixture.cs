using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Payments;
using MspasTramite.Core.Performance;
using MspasTramite.Core.Procedures;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Performance;

/// October 2026, written straight into the tables as the service would have left them, so every
/// figure of KpiArithmeticTests can be worked out by hand (the times are Guatemala's, UTC−6):
///
/// Pharmacy (60 working days; each fee here Q250.00):
/// - a1: started 1 Oct 09:00, submitted 10:00, paid 11:00 (the gateway reported a Q9.00 fee), claimed
///   2 Oct 09:00, approved 15 Oct 15:00, due 14 Oct (late). Rated 5 after paying, 3 with a comment after
///   the decision.
/// - a2: started 5 Oct 10:00, submitted 10:30, paid 6 Oct 08:30 (no fee reported), claimed 7 Oct 08:00,
///   correction asked 9 Oct 10:00 and answered 19 Oct 12:00, rejected 28 Oct 10:00, due 12 Nov. Skipped
///   the survey after paying.
/// - a3: started 20 Oct 12:00 (a holiday), left at the establishment step.
/// - a4: started 30 Sep 23:30, submitted 1 Oct 00:30, paid 31 Oct 23:59, refunded Q250.00 on 1 Nov
///   00:01; received and overdue since 20 Nov. Rated 4 after paying.
/// - a5: started and submitted 10 Oct; its checkout expired.
/// - 6 applications at the windows in October.
/// Food factory (Q500.00):
/// - a6: started, submitted and paid 12 Oct (fee Q17.50 reported), refunded Q500.00 on 14 Oct; received, not due.
/// Operating cost: Q3,000.00 in October. The clock is the real one (a test clock never goes back):
/// only "overdue now" depends on it, and a6 is never due while these tests live.
public sealed class KpiFixture
{
    private static readonly DateTimeOffset Now = At(2026, 11, 25, 12, 0);
    private static readonly DateOnly NotDueYet = new(2099, 1, 1);

    private static readonly ConcurrentDictionary<MspasAppFactory, Lazy<Task<KpiFixture>>> Seeded = new();

    private KpiFixture(Guid pharmacy, Guid foodFactory)
    {
        Pharmacy = pharmacy;
        FoodFactory = foodFactory;
    }

    public Guid Pharmacy { get; }
    public Guid FoodFactory { get; }

    public static void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Payments:GatewayFeePercent", "3.5");
        builder.UseSetting("Payments:GatewayFeeFixed", "2.00");
        builder.UseSetting("Performance:OfficerHourlyCost", "75");
    }

    public static Task<KpiFixture> EnsureAsync<TFactory>(TFactory app) where TFactory : MspasAppFactory, IReviewApp =>
        Seeded.GetOrAdd(app, _ => new Lazy<Task<KpiFixture>>(() => SeedAsync(app))).Value;

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, GuatemalaTime.Offset);

    private static async Task<KpiFixture> SeedAsync<TFactory>(TFactory app) where TFactory : MspasAppFactory, IReviewApp
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pharmacy = await PublishedAsync(db, ProcedureSlugs.Pharmacy);
        var food = await PublishedAsync(db, ProcedureSlugs.FoodFactory);
        var user = new ApplicationUser { Id = Guid.NewGuid().ToString(), UserName = "kpi@prueba.mspas.gt", Email = "kpi@prueba.mspas.gt", FullName = "Ana Pérez", CreatedAt = Now };
        db.Users.Add(user);

        var a1 = File(db, user, pharmacy, created: At(2026, 10, 1, 9, 0), submitted: At(2026, 10, 1, 10, 0), received: At(2026, 10, 1, 11, 0),
            status: ApplicationStatus.Approved, due: new DateOnly(2026, 10, 14), decided: At(2026, 10, 15, 15, 0));
        Pay(db, a1, 250m, At(2026, 10, 1, 11, 0), fee: 9.00m);
        History(db, a1,
            (At(2026, 10, 1, 9, 0), "draft-created", null, ApplicationStatus.Draft),
            (At(2026, 10, 1, 10, 0), "submitted", ApplicationStatus.Draft, ApplicationStatus.AwaitingPayment),
            (At(2026, 10, 1, 11, 0), "paid", ApplicationStatus.AwaitingPayment, ApplicationStatus.Received),
            (At(2026, 10, 2, 9, 0), "claimed", ApplicationStatus.Received, ApplicationStatus.InReview),
            (At(2026, 10, 15, 15, 0), "approved", ApplicationStatus.InReview, ApplicationStatus.Approved));
        Survey(db, a1, SurveyMoment.AfterPayment, 5, null, At(2026, 10, 1, 11, 5));
        Survey(db, a1, SurveyMoment.AfterDecision, 3, "Tardó mucho; mi CUI es 2456 78901 0101, escríbanme a ana.perez@correo.gt sobre DRCF-2026-000042.", At(2026, 10, 16, 9, 0));
        Steps(db, a1, At(2026, 10, 1, 9, 10), "applicant", "establishment", "documents", "review");

        var a2 = File(db, user, pharmacy, created: At(2026, 10, 5, 10, 0), submitted: At(2026, 10, 5, 10, 30), received: At(2026, 10, 6, 8, 30),
            status: ApplicationStatus.Rejected, due: new DateOnly(2026, 11, 12), decided: At(2026, 10, 28, 10, 0));
        db.CorrectionRequests.Add(new CorrectionRequest
        {
            Id = Guid.NewGuid(),
            ApplicationId = a2.Id,
            RequestedById = "analista",
            RequestedAt = At(2026, 10, 9, 10, 0),
            DueAt = At(2027, 1, 9, 10, 0),
            AnsweredAt = At(2026, 10, 19, 12, 0),
        });
        Pay(db, a2, 250m, At(2026, 10, 6, 8, 30), fee: null);
        History(db, a2,
            (At(2026, 10, 5, 10, 0), "draft-created", null, ApplicationStatus.Draft),
            (At(2026, 10, 5, 10, 30), "submitted", ApplicationStatus.Draft, ApplicationStatus.AwaitingPayment),
            (At(2026, 10, 6, 8, 30), "paid", ApplicationStatus.AwaitingPayment, ApplicationStatus.Received),
            (At(2026, 10, 7, 8, 0), "claimed", ApplicationStatus.Received, ApplicationStatus.InReview),
            (At(2026, 10, 9, 10, 0), "correction-requested", ApplicationStatus.InReview, ApplicationStatus.AwaitingCorrection),
            (At(2026, 10, 19, 12, 0), "correction-answered", ApplicationStatus.AwaitingCorrection, ApplicationStatus.InReview),
            (At(2026, 10, 28, 10, 0), "rejected", ApplicationStatus.InReview, ApplicationStatus.Rejected));
        Survey(db, a2, SurveyMoment.AfterPayment, null, null, At(2026, 10, 6, 8, 40));
        Steps(db, a2, At(2026, 10, 5, 10, 5), "applicant", "establishment", "documents", "review");

        var a3 = File(db, user, pharmacy, created: At(2026, 10, 20, 12, 0), submitted: null, received: null, status: ApplicationStatus.Draft, due: null, decided: null);
        Steps(db, a3, At(2026, 10, 20, 12, 5), "applicant");
        db.FormStepEvents.Add(Step(a3, "establishment", FormStepEventKind.Reached, At(2026, 10, 20, 12, 20)));

        var a4 = File(db, user, pharmacy, created: At(2026, 9, 30, 23, 30), submitted: At(2026, 10, 1, 0, 30), received: At(2026, 10, 31, 23, 59),
            status: ApplicationStatus.Received, due: new DateOnly(2026, 11, 20), decided: null);
        var paidA4 = Pay(db, a4, 250m, At(2026, 10, 31, 23, 59), fee: null);
        db.Refunds.Add(new Refund { Id = Guid.NewGuid(), PaymentAttemptId = paidA4.Id, Amount = 250m, Reason = "Prueba", RequestedById = "finanzas", CreatedAt = At(2026, 11, 1, 0, 1) });
        Survey(db, a4, SurveyMoment.AfterPayment, 4, null, At(2026, 10, 31, 23, 59));

        var a5 = File(db, user, pharmacy, created: At(2026, 10, 10, 9, 0), submitted: At(2026, 10, 10, 9, 30), received: null, status: ApplicationStatus.AwaitingPayment, due: null, decided: null);
        db.PaymentAttempts.Add(Attempt(a5, PaymentStatus.Expired, 250m, At(2026, 10, 10, 9, 31), paidAt: null, fee: null));

        var a6 = File(db, user, food, created: At(2026, 10, 12, 9, 0), submitted: At(2026, 10, 12, 9, 30), received: At(2026, 10, 12, 10, 0),
            status: ApplicationStatus.Received, due: NotDueYet, decided: null);
        var paidA6 = Pay(db, a6, 500m, At(2026, 10, 12, 10, 0), fee: 17.50m);
        db.Refunds.Add(new Refund { Id = Guid.NewGuid(), PaymentAttemptId = paidA6.Id, Amount = 500m, Reason = "Prueba", RequestedById = "finanzas", CreatedAt = At(2026, 10, 14, 10, 0) });

        db.NonDigitalVolumes.Add(new NonDigitalVolume { Id = Guid.NewGuid(), ProcedureId = pharmacy.ProcedureId, Month = new DateOnly(2026, 10, 1), Count = 6, EnteredById = user.Id, EnteredAt = Now });
        db.OperatingCosts.Add(new OperatingCost { Month = new DateOnly(2026, 10, 1), Amount = 3000m, EnteredById = user.Id, EnteredAt = Now });
        foreach (var step in db.ChangeTracker.Entries<FormStepEvent>())
        {
            step.Entity.ProcedureId = ProcedureOf(db, db.ChangeTracker.Entries<Application>().Single(a => a.Entity.Id == step.Entity.ApplicationId).Entity);
        }

        await db.SaveChangesAsync();

        // The rows are older than anything a refresh would still look at: backfill them, as after an import.
        var rollup = scope.ServiceProvider.GetRequiredService<PerformanceRollup>();
        await rollup.RecomputeAsync(new DateOnly(2026, 9, 1), GuatemalaTime.Today(Now));
        await rollup.RefreshAsync();
        return new KpiFixture(pharmacy.ProcedureId, food.ProcedureId);
    }

    private static Task<ProcedureVersion> PublishedAsync(AppDbContext db, string slug) =>
        db.ProcedureVersions.SingleAsync(v => v.Procedure.Slug == slug && v.Status == VersionStatus.Published);

    private static Application File(AppDbContext db, ApplicationUser user, ProcedureVersion version, DateTimeOffset created, DateTimeOffset? submitted,
        DateTimeOffset? received, string status, DateOnly? due, DateTimeOffset? decided)
    {
        var application = new Application
        {
            Id = Guid.NewGuid(),
            ApplicantId = user.Id,
            ProcedureVersionId = version.Id,
            Status = status,
            CreatedAt = created,
            UpdatedAt = decided ?? received ?? submitted ?? created,
            SubmittedAt = submitted,
            ReceivedAt = received,
            SlaDueOn = due,
            DecidedAt = decided,
            FeeAmount = version.FixedFee,
        };
        db.Applications.Add(application);
        return application;
    }

    private static PaymentAttempt Pay(AppDbContext db, Application application, decimal amount, DateTimeOffset paidAt, decimal? fee)
    {
        var attempt = Attempt(application, PaymentStatus.Paid, amount, paidAt.AddMinutes(-5), paidAt, fee);
        db.PaymentAttempts.Add(attempt);
        return attempt;
    }

    private static PaymentAttempt Attempt(Application application, PaymentStatus status, decimal amount, DateTimeOffset created, DateTimeOffset? paidAt, decimal? fee) => new()
    {
        Id = Guid.NewGuid(),
        ApplicationId = application.Id,
        Status = status,
        IdempotencyKey = Guid.NewGuid().ToString("N"),
        SessionId = "cs_kpi_" + Guid.NewGuid().ToString("N"),
        Amount = amount,
        CreatedAt = created,
        PaidAt = paidAt,
        GatewayFee = fee,
    };

    private static void History(AppDbContext db, Application application, params (DateTimeOffset At, string Kind, string? From, string To)[] events)
    {
        foreach (var e in events)
        {
            db.ApplicationEvents.Add(ApplicationEvent.Create(application.Id, e.At, e.Kind, from: e.From, to: e.To));
        }
    }

    private static void Survey(AppDbContext db, Application application, SurveyMoment moment, int? rating, string? comment, DateTimeOffset at) =>
        db.SurveyResponses.Add(new SurveyResponse
        {
            Id = Guid.NewGuid(),
            ApplicationId = application.Id,
            ProcedureId = ProcedureOf(db, application),
            Moment = moment,
            Rating = rating,
            Comment = comment,
            AnsweredAt = at,
        });

    private static void Steps(AppDbContext db, Application application, DateTimeOffset from, params string[] steps)
    {
        for (var i = 0; i < steps.Length; i++)
        {
            db.FormStepEvents.Add(Step(application, steps[i], FormStepEventKind.Reached, from.AddMinutes(2 * i)));
            if (steps[i] != "review")
            {
                db.FormStepEvents.Add(Step(application, steps[i], FormStepEventKind.Saved, from.AddMinutes((2 * i) + 1)));
            }
        }
    }

    private static FormStepEvent Step(Application application, string step, FormStepEventKind kind, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(),
        ApplicationId = application.Id,
        Step = step,
        Kind = kind,
        At = at,
    };

    private static Guid ProcedureOf(AppDbContext db, Application application) =>
        db.ChangeTracker.Entries<ProcedureVersion>().Single(v => v.Entity.Id == application.ProcedureVersionId).Entity.ProcedureId;
}
