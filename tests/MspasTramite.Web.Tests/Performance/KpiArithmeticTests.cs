using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Payments;
using MspasTramite.Core.Performance;
using MspasTramite.Core.Procedures;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Performance;

/// An app of its own: the figures below are exact only over a database holding nothing but the fixture.
public sealed class KpiSqliteAppFactory : SqliteReviewAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        KpiFixture.Configure(builder);
    }
}

public sealed class KpiPostgresAppFactory : PostgresReviewAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        KpiFixture.Configure(builder);
    }
}

public sealed class KpiArithmeticTests_Sqlite(KpiSqliteAppFactory app) : KpiArithmeticTests<KpiSqliteAppFactory>(app), IClassFixture<KpiSqliteAppFactory>;

public sealed class KpiArithmeticTests_Postgres(KpiPostgresAppFactory app) : KpiArithmeticTests<KpiPostgresAppFactory>(app), IClassFixture<KpiPostgresAppFactory>;

/// The dashboard's arithmetic against a small fixture computed by hand (KpiFixture): October 2026 at
/// the pharmacy, with a correction, a refund, the 20 October holiday and applications either side of
/// midnight in Guatemala.
public abstract class KpiArithmeticTests<TFactory>(TFactory app) : IAsyncLifetime
    where TFactory : MspasAppFactory, IReviewApp
{
    private static readonly KpiPeriod October = KpiPeriod.Month(2026, 10);

    private KpiFixture fixture = null!;

    public async Task InitializeAsync() => fixture = await KpiFixture.EnsureAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<KpiReport> ReportAsync(KpiPeriod period, Guid? procedureId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KpiDashboard>().LoadAsync(period, procedureId);
    }

    [Fact]
    public async Task Pharmacy_October_CountsEachEventOnItsGuatemalaDay()
    {
        var figures = (await ReportAsync(October, fixture.Pharmacy)).Current;

        // Started: a1, a2, a3, a5 (a4 was created at 23:30 on 30 September, Guatemala time).
        Assert.Equal(4, figures.Started);
        // Submitted: a1, a2, a5 and a4 (at 00:30 on 1 October).
        Assert.Equal(4, figures.Submitted);
        // Paid: a1, a2 and a4 (at 23:59 on 31 October, already November in UTC).
        Assert.Equal(3, figures.Paid);
        Assert.Equal(750.00m, figures.Revenue);
        Assert.Equal(0.75m, figures.CompletionRate);
        Assert.Equal(1m, figures.SubmissionRate);
        Assert.Equal(1, figures.ExpiredAttempts);
        // a4's refund was made at 00:01 on 1 November.
        Assert.Equal(0, figures.Refunds);
    }

    [Fact]
    public async Task Pharmacy_October_GatewayFeesAreReportedOrEstimatedFromTheRate()
    {
        var figures = (await ReportAsync(October, fixture.Pharmacy)).Current;

        // a1 reported Q9.00; a2 and a4 reported none: 3.5 % of Q250.00 + Q2.00 = Q10.75 each.
        Assert.Equal(30.50m, figures.GatewayFees);
        // A share of the Q3,000.00 operating cost in the pharmacy's 3 of the 4 paid transactions:
        // (2,250.00 + 30.50) ÷ 3.
        Assert.Equal(2250.00m, figures.OperatingCost);
        Assert.Equal(760.17m, figures.CostPerTransaction);
    }

    [Fact]
    public async Task AllProcedures_October_CostPerTransactionAndTakeUpUnknownWithoutEveryVolume()
    {
        var figures = (await ReportAsync(October, null)).Current;

        Assert.Equal(4, figures.Paid);
        Assert.Equal(48.00m, figures.GatewayFees);
        // (3,000.00 + 48.00) ÷ 4.
        Assert.Equal(762.00m, figures.CostPerTransaction);
        Assert.Equal(500.00m, figures.RefundedAmount);
        Assert.Equal(1, figures.Refunds);
        // Only the pharmacy's windows reported October: take-up over every procedure is not known.
        Assert.True(figures.NonDigitalMissing);
        Assert.Null(figures.DigitalTakeUp);
    }

    [Fact]
    public async Task Pharmacy_October_DigitalTakeUpAgainstTheWindowsVolume()
    {
        var figures = (await ReportAsync(October, fixture.Pharmacy)).Current;

        // 4 submitted online against 6 at the windows.
        Assert.Equal(6m, figures.NonDigital);
        Assert.Equal(0.4m, figures.DigitalTakeUp);
    }

    [Fact]
    public async Task Pharmacy_October_ProcessingTimeLeavesOutTheCorrectionAndTheHoliday()
    {
        var report = await ReportAsync(October, fixture.Pharmacy);

        // a1: 10 working days (2–15 October). a2: 15 working days from 6 to 28 October (20 October is a
        // holiday), less the 6 it waited for the citizen (9 to 19 October): 9.
        Assert.Equal(9, report.Current.ProcessingMedian);
        Assert.Equal(10, report.Current.ProcessingP90);
        Assert.Equal((1, 1), (report.Current.Approved, report.Current.Rejected));
        // a1 was decided a day after its due date, a2 before its own (moved by the correction).
        Assert.Equal(0.5m, report.Current.InTimeShare);
        var promise = Assert.Single(report.Promise);
        Assert.Equal((2, 9, 10, 0.5m, 1), (promise.Decided, promise.Median, promise.P90, promise.InTimeShare, promise.OverdueNow));
    }

    [Fact]
    public async Task Pharmacy_October_OfficerTimeIsOfficeHoursFromClaimToDecisionWithoutTheWait()
    {
        var report = await ReportAsync(October, fixture.Pharmacy);

        // a1: 4,680 office minutes (78 h); a2: 6,840 less 3,000 waiting for the citizen (64 h).
        Assert.Equal(8520, report.Current.OfficerMinutes);
        Assert.Equal(71.0m, report.Current.OfficerHoursPerFile);
        Assert.Equal(5325.00m, report.OfficerCostPerFile(report.Current));
    }

    [Fact]
    public async Task Pharmacy_October_SatisfactionIsTheShareOfFoursAndFivesWithAnonymisedComments()
    {
        var report = await ReportAsync(October, fixture.Pharmacy);

        Assert.Equal((3, 2, 1), (report.Current.SurveyAnswers, report.Current.SurveySatisfied, report.Current.SurveySkips));
        Assert.Equal(2m / 3m, report.Current.Satisfaction);
        var comment = Assert.Single(report.Comments);
        Assert.Equal((new DateOnly(2026, 10, 16), 3), (comment.Day, comment.Rating));
        Assert.Equal("Tardó mucho; mi CUI es [número], escríbanme a [correo] sobre [expediente].", comment.Text);
    }

    [Fact]
    public async Task AllProcedures_October_WhereFilesWait()
    {
        var waits = (await ReportAsync(October, null)).Waits.ToDictionary(w => w.State);

        Assert.Equal((2, (int?)1, (int?)22), (waits[ApplicationStatus.AwaitingPayment].Exited, waits[ApplicationStatus.AwaitingPayment].MedianHours, waits[ApplicationStatus.AwaitingPayment].P90Hours));
        Assert.Equal((2, (int?)22, (int?)23), (waits[ApplicationStatus.Received].Exited, waits[ApplicationStatus.Received].MedianHours, waits[ApplicationStatus.Received].P90Hours));
        // Past two days a stay is counted in whole days: 214 h is 8 days (192 h), 318 h is 13 (312 h),
        // 242 h is 10 (240 h).
        Assert.Equal((3, (int?)192, (int?)312), (waits[ApplicationStatus.InReview].Exited, waits[ApplicationStatus.InReview].MedianHours, waits[ApplicationStatus.InReview].P90Hours));
        Assert.Equal((1, (int?)240, (int?)240), (waits[ApplicationStatus.AwaitingCorrection].Exited, waits[ApplicationStatus.AwaitingCorrection].MedianHours, waits[ApplicationStatus.AwaitingCorrection].P90Hours));
        // Open now: a4 at the pharmacy and a6 at the food factory, both received.
        Assert.Equal(2, waits[ApplicationStatus.Received].OpenNow);
        Assert.Equal(0, waits[ApplicationStatus.InReview].OpenNow);
    }

    [Fact]
    public async Task Pharmacy_October_FunnelCountsLeftAtEachStep()
    {
        var funnel = (await ReportAsync(October, fixture.Pharmacy)).Funnel.ToDictionary(f => f.Step);

        Assert.Equal((3, 3, (int?)0), (funnel["applicant"].Reached, funnel["applicant"].Saved, funnel["applicant"].LeftHere));
        // a3 reached the establishment and went no further.
        Assert.Equal((3, 2, (int?)1), (funnel["establishment"].Reached, funnel["establishment"].Saved, funnel["establishment"].LeftHere));
        Assert.Equal(1m / 3m, funnel["establishment"].DropOff);
        Assert.Equal((0, (int?)null), (funnel["professional"].Reached, funnel["professional"].LeftHere));
        Assert.Equal((2, 2, (int?)0), (funnel["documents"].Reached, funnel["documents"].Saved, funnel["documents"].LeftHere));
        Assert.Equal((2, (int?)null), (funnel["review"].Reached, funnel["review"].LeftHere));
    }

    [Fact]
    public async Task AllProcedures_October_PaymentsPerDay()
    {
        var days = (await ReportAsync(October, null)).Payments.ToDictionary(d => d.Day);

        Assert.Equal([1, 6, 10, 12, 14, 31], days.Keys.Select(d => d.Day).Order().ToList());
        Assert.Equal((1, 250.00m), (days[new DateOnly(2026, 10, 1)].Paid, days[new DateOnly(2026, 10, 1)].Revenue));
        Assert.Equal(1, days[new DateOnly(2026, 10, 10)].ExpiredAttempts);
        Assert.Equal((1, 500.00m), (days[new DateOnly(2026, 10, 12)].Paid, days[new DateOnly(2026, 10, 12)].Revenue));
        Assert.Equal((1, 500.00m), (days[new DateOnly(2026, 10, 14)].Refunds, days[new DateOnly(2026, 10, 14)].RefundedAmount));
        Assert.Equal(1, days[new DateOnly(2026, 10, 31)].Paid);
    }

    [Fact]
    public async Task Pharmacy_PreviousPeriodAndNextMonth_TakeTheEventsAcrossMidnight()
    {
        var report = await ReportAsync(October, fixture.Pharmacy);
        var november = (await ReportAsync(KpiPeriod.Month(2026, 11), fixture.Pharmacy)).Current;

        // October against September: a4 was started on 30 September.
        Assert.Equal(new KpiPeriod(new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30)), report.Period.Previous);
        Assert.Equal((1, 0, 0), (report.Previous.Started, report.Previous.Submitted, report.Previous.Paid));
        Assert.Equal(0m, report.Previous.CompletionRate);
        Assert.Equal((1, 250.00m, 0), (november.Refunds, november.RefundedAmount, november.Paid));
    }

    [Fact]
    public async Task APeriodAcrossMonths_ReadsWholeMonthsAndEdgeDaysAlike()
    {
        // September's second half and November's first ten days as days, October as its month.
        var across = await ReportAsync(new KpiPeriod(new DateOnly(2026, 9, 15), new DateOnly(2026, 11, 10)), fixture.Pharmacy);
        var october = await ReportAsync(October, fixture.Pharmacy);

        Assert.Equal((october.Current.ProcessingMedian, october.Current.ProcessingP90), (across.Current.ProcessingMedian, across.Current.ProcessingP90));
        Assert.Equal(october.Waits, across.Waits);
        Assert.Equal(october.Current.Started + 1, across.Current.Started);
    }

    [Fact]
    public async Task Refresh_TwiceOrAfterNewEvents_GivesTheSameDaysPlusTheNewOnes()
    {
        var before = (await ReportAsync(October, null)).Current;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var rollup = scope.ServiceProvider.GetRequiredService<PerformanceRollup>();
            await rollup.RefreshAsync();
            await rollup.RecomputeAsync(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 30));
        }

        Assert.Equal(before, (await ReportAsync(October, null)).Current);
    }
}
