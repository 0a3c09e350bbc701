using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Review;
using MspasTramite.Web.Account;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Review;

// Their own app: these tests move its clock by months, which would expire every other test's session.
public sealed class TimerTests_Sqlite(SqliteReviewAppFactory app) : TimerTests<SqliteReviewAppFactory>(app), IClassFixture<SqliteReviewAppFactory>;

public sealed class TimerTests_Postgres(PostgresReviewAppFactory app) : TimerTests<PostgresReviewAppFactory>(app), IClassFixture<PostgresReviewAppFactory>;

/// The workflow's durable timers: the correction reminder and deadline, and the heads' warning at 80%
/// of the legal time. The app's clock is moved to the due time, and timers fire only when the test
/// sweeps (the app's background sweep is stopped), so each test sees exactly what one sweep does.
public abstract class TimerTests<TFactory>(TFactory app) where TFactory : MspasAppFactory, IReviewApp
{
    [Fact]
    public async Task CorrectionDeadline_Passed_AnswerRefused_ThenTheTimerArchivesTheFileOnce()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.AwaitingCorrectionAsync(analyst);
        await app.ReplaceDocumentAsync(file, ReviewFlows.RejectedRequirement);
        var request = (await app.ReadFileAsync(file.Id)).CorrectionRequest!;
        var dueAt = request.DueAt;
        // Decreto 5-2021 art. 28: three months to answer.
        Assert.Equal(request.RequestedAt.AddMonths(3), dueAt);

        app.Clock.JumpTo(dueAt.AddMinutes(1));

        // Signed in after the jump: a session from three months ago has long expired.
        using var citizen = await app.SignedInSessionAsync(file.Citizen.Account);
        var correction = await citizen.GetPageAsync(file.CorrectionUrl);
        Assert.NotNull(correction.Document.QuerySelector("main .warning"));
        using (var answered = await citizen.SubmitAsync(correction, new Dictionary<string, string?>(), "main form[action$='handler=Answer']"))
        {
            var refused = await answered.ReadPageAsync(HttpStatusCode.OK);
            FormAssert.HasSummaryError(refused, "El plazo para subsanar ya venció.");
        }

        using (var uploaded = await citizen.SubmitFileAsync(correction, "main form.upload", TestFiles.Pdf("tarde.pdf")))
        {
            var refused = await uploaded.ReadPageAsync(HttpStatusCode.OK);
            Assert.Contains("El plazo para subsanar ya venció.", refused.FieldError($"Item-{ReviewFlows.RejectedRequirement}"), StringComparison.Ordinal);
        }

        var stored = await app.ReadFileAsync(file.Id);
        Assert.Equal(ApplicationStatus.AwaitingCorrection, stored.Status);
        Assert.Null(stored.CorrectionRequest!.AnsweredAt);

        await SweepAsync();

        stored = await app.ReadFileAsync(file.Id);
        Assert.Equal(ApplicationStatus.Abandoned, stored.Status);
        var abandoned = Assert.Single(stored.Events, e => e.Kind == "abandoned");
        Assert.Null(abandoned.ActorId);
        Assert.All(await app.TimersAsync(file.Id), t => Assert.True(t.FiredAt is not null || t.CancelledAt is not null, $"{t.Kind} still pending"));
        await Mailbox.WaitForSubjectAsync(file.Citizen.Email, $"Expediente {file.FileNumber} archivado");

        // A second sweep finds nothing left to do for this file.
        await SweepAsync();
        Assert.Single((await app.ReadFileAsync(file.Id)).Events, e => e.Kind == "abandoned");
        Assert.Single(await app.OutboxAsync(file.Citizen.Email, "review.abandoned"));
        Assert.Single(await app.OutboxAsync(file.Citizen.Email, "review.correction-reminder"));

        var details = await citizen.GetPageAsync(file.CitizenUrl);
        Assert.Contains("Archivada por abandono", details.Text, StringComparison.Ordinal);
        using var closed = await citizen.GetAsync(file.CorrectionUrl);
        var shown = await citizen.FollowAsync(closed);
        Assert.Equal("El plazo para subsanar venció y el expediente se archivó.", shown.Notice);
    }

    [Fact]
    public async Task CorrectionReminder_FifteenDaysBefore_IsSentOnce_AndTheFileWaits()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.AwaitingCorrectionAsync(analyst);
        var timers = await app.TimersAsync(file.Id);
        var reminder = Assert.Single(timers, t => t.Kind == TimerKind.CorrectionReminder);
        var deadline = Assert.Single(timers, t => t.Kind == TimerKind.CorrectionDeadline);
        Assert.Equal(deadline.DueAt.AddDays(-15), reminder.DueAt);

        app.Clock.JumpTo(reminder.DueAt.AddMinutes(-1));
        await SweepAsync();
        Assert.Empty(await app.OutboxAsync(file.Citizen.Email, "review.correction-reminder"));

        app.Clock.JumpTo(reminder.DueAt.AddMinutes(1));
        await SweepAsync();

        var email = await Mailbox.WaitForSubjectAsync(file.Citizen.Email, $"Recordatorio: subsanación del expediente {file.FileNumber}");
        Mailbox.LinkTo(email, file.CorrectionUrl);
        Assert.Equal(ApplicationStatus.AwaitingCorrection, (await app.ReadFileAsync(file.Id)).Status);
        Assert.Null((await app.TimersAsync(file.Id)).Single(t => t.Id == deadline.Id).FiredAt);
    }

    [Fact]
    public async Task FireDueAsync_FromTwoScopesAtOnce_FiresEachDueTimerOnce()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var files = new List<ReviewFile>();
        for (var i = 0; i < 3; i++)
        {
            files.Add(await app.AwaitingCorrectionAsync(analyst, ProcedureSlugs.ProcessedFood, rejectCode: "etiqueta"));
        }

        var lastReminder = (await Task.WhenAll(files.Select(f => app.TimersAsync(f.Id))))
            .SelectMany(t => t).Where(t => t.Kind == TimerKind.CorrectionReminder).Max(t => t.DueAt);
        app.Clock.JumpTo(lastReminder.AddMinutes(1));
        var due = await DueCountAsync();
        Assert.True(due >= files.Count);

        var fired = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(SweepAsync)));

        Assert.Equal(due, fired.Sum());
        Assert.Equal(0, await DueCountAsync());
        foreach (var file in files)
        {
            Assert.Single(await app.OutboxAsync(file.Citizen.Email, "review.correction-reminder"));
            Assert.Equal(ApplicationStatus.AwaitingCorrection, (await app.ReadFileAsync(file.Id)).Status);
        }
    }

    [Fact]
    public async Task FireOneAsync_SameTimerFromTwoScopesAtOnce_OnlyOneFires()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.AwaitingCorrectionAsync(analyst, ProcedureSlugs.ProcessedFood, rejectCode: "etiqueta");
        var reminder = (await app.TimersAsync(file.Id)).Single(t => t.Kind == TimerKind.CorrectionReminder);
        app.Clock.JumpTo(reminder.DueAt.AddMinutes(1));

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TimerService>().FireOneAsync(reminder.Id);
        })));

        Assert.Equal([false, true], results.Order());
        Assert.Single(await app.OutboxAsync(file.Citizen.Email, "review.correction-reminder"));
        Assert.NotNull((await app.TimersAsync(file.Id)).Single(t => t.Id == reminder.Id).FiredAt);
    }

    [Fact]
    public async Task Timer_WhoseEffectFails_StaysUnfiredWithItsError_AndFiresOnALaterSweep()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.AwaitingCorrectionAsync(analyst, ProcedureSlugs.ProcessedFood, rejectCode: "etiqueta");
        var deadline = (await app.TimersAsync(file.Id)).Single(t => t.Kind == TimerKind.CorrectionDeadline);
        app.Clock.JumpTo(deadline.DueAt.AddMinutes(1));

        using (app.Faults.FailSavesEmailing(file.Citizen.Email))
        {
            await SweepAsync();

            // Archiving and its email are one unit: neither happened, and the timer says why.
            var failed = (await app.TimersAsync(file.Id)).Single(t => t.Id == deadline.Id);
            Assert.Null(failed.FiredAt);
            Assert.Equal(1, failed.Attempts);
            Assert.Equal(SaveFaults.Message, failed.LastError);
            Assert.NotNull(failed.RetryAt);
            Assert.InRange(failed.RetryAt.Value - app.Clock.GetUtcNow(), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));
            Assert.Equal(ApplicationStatus.AwaitingCorrection, (await app.ReadFileAsync(file.Id)).Status);
            Assert.Empty(await app.OutboxAsync(file.Citizen.Email, "review.abandoned"));

            // Not retried before its retry time.
            await SweepAsync();
            Assert.Equal(1, (await app.TimersAsync(file.Id)).Single(t => t.Id == deadline.Id).Attempts);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await SweepAsync();

        var timer = (await app.TimersAsync(file.Id)).Single(t => t.Id == deadline.Id);
        Assert.NotNull(timer.FiredAt);
        Assert.Equal(ApplicationStatus.Abandoned, (await app.ReadFileAsync(file.Id)).Status);
        Assert.Single(await app.OutboxAsync(file.Citizen.Email, "review.abandoned"));
        await Mailbox.WaitForSubjectAsync(file.Citizen.Email, $"Expediente {file.FileNumber} archivado");
    }

    [Fact]
    public async Task SlaWarning_At80PercentOfTheLegalTime_EmailsEveryJefeOnce()
    {
        var heads = new[] { await app.CreatePersonAsync(Roles.Jefe), await app.CreatePersonAsync(Roles.Jefe) };
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var unconfirmedHead = await CreateUnconfirmedAsync(Roles.Jefe);
        var file = await app.InReviewAsync(analyst, ProcedureSlugs.ProcessedFood);
        var stored = await app.ReadFileAsync(file.Id);
        var calendar = await app.CalendarAsync();
        var receivedOn = GuatemalaTime.Today(stored.ReceivedAt!.Value);
        // 20 working days; the warning when 16 of them (80%) are used, at 08:00 in Guatemala.
        Assert.Equal(calendar.AddWorkingDays(receivedOn, 20), stored.SlaDueOn);
        Assert.Equal(calendar.AddWorkingDays(receivedOn, 16), stored.SlaWarnOn);
        var warning = Assert.Single(await app.TimersAsync(file.Id), t => t.Kind == TimerKind.SlaWarning);
        Assert.Equal(GuatemalaTime.StartOf(stored.SlaWarnOn!.Value).AddHours(8), warning.DueAt);

        app.Clock.JumpTo(warning.DueAt.AddMinutes(-1));
        await SweepAsync();
        Assert.Null((await app.TimersAsync(file.Id)).Single(t => t.Id == warning.Id).FiredAt);

        app.Clock.JumpTo(warning.DueAt.AddMinutes(1));
        await SweepAsync();

        Assert.NotNull((await app.TimersAsync(file.Id)).Single(t => t.Id == warning.Id).FiredAt);
        var subject = $"Expediente {file.FileNumber}: 80% del plazo legal usado";
        foreach (var head in heads)
        {
            var email = await Mailbox.WaitForSubjectAsync(head.Email, subject);
            Assert.Contains(GuatemalaTime.FormatDate(stored.SlaDueOn!.Value), email.TextBody, StringComparison.Ordinal);
            Mailbox.LinkTo(email, file.BackofficeUrl);
            Assert.Single(await app.OutboxAsync(head.Email, "review.sla-warning"), m => m.Subject == subject);
        }

        Assert.Empty(await app.OutboxAsync(analyst.Email, "review.sla-warning"));
        Assert.Empty(await app.OutboxAsync(unconfirmedHead, "review.sla-warning"));
        // The queue shows the file amber from now on.
        using var browser = await app.SignedInSessionAsync(heads[0].Account);
        Assert.Contains(file.FileNumber, await browser.AllQueueFileNumbersAsync("/backoffice?semaforo=amber"));
    }

    [Fact]
    public async Task SlaWarning_WhileTheFileWaitsForCorrection_IsCancelled_AndMovedByThePauseOnAnswer()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.AwaitingCorrectionAsync(analyst, ProcedureSlugs.ProcessedFood, rejectCode: "etiqueta");
        var before = await app.ReadFileAsync(file.Id);
        var first = Assert.Single(await app.TimersAsync(file.Id), t => t.Kind == TimerKind.SlaWarning);
        Assert.NotNull(first.CancelledAt);

        app.Clock.Advance(TimeSpan.FromDays(14));
        await app.AnswerCorrectionAsync(file);

        var after = await app.ReadFileAsync(file.Id);
        var calendar = await app.CalendarAsync();
        var paused = calendar.WorkingDaysBetween(GuatemalaTime.Today(before.ClockStoppedAt!.Value), GuatemalaTime.Today(app.Clock.GetUtcNow()));
        Assert.True(paused > 0, "two weeks of pause count some working days");
        Assert.Equal(calendar.AddWorkingDays(before.SlaDueOn!.Value, paused), after.SlaDueOn);
        Assert.Equal(calendar.AddWorkingDays(before.SlaWarnOn!.Value, paused), after.SlaWarnOn);
        Assert.Null(after.ClockStoppedAt);
        var second = Assert.Single(await app.TimersAsync(file.Id), t => t.Kind == TimerKind.SlaWarning && t.CancelledAt == null);
        Assert.Equal(GuatemalaTime.StartOf(after.SlaWarnOn!.Value).AddHours(8), second.DueAt);
        Assert.All(await app.TimersAsync(file.Id), t => Assert.False(t.Kind != TimerKind.SlaWarning && t.FiredAt is null && t.CancelledAt is null, $"{t.Kind} left pending"));
    }

    private async Task<int> SweepAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TimerService>().FireDueAsync();
    }

    private Task<int> DueCountAsync()
    {
        var now = app.Clock.GetUtcNow();
        return app.WithDbAsync(db => db.WorkflowTimers.CountAsync(t => t.FiredAt == null && t.CancelledAt == null && t.DueAt <= now && (t.RetryAt == null || t.RetryAt <= now)));
    }

    private async Task<string> CreateUnconfirmedAsync(string role)
    {
        var account = TestData.NewAccount(role);
        await using var scope = app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<AccountSeeder>()
            .CreateAsync(account.Email, account.FullName, role, account.Password, emailConfirmed: false);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors));
        return account.Email;
    }
}
