using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Notifications;
using MspasTramite.Core.Review;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Review;

// No shared fixture: each test starts and stops its own apps, so no other app runs meanwhile
// (AssemblyInfo.cs: apps of different collections must not overlap).
public sealed class TimerRestartTests_Sqlite : TimerRestartTests<SqliteReviewAppFactory>
{
    protected override SqliteReviewAppFactory NewApp() => new();

    protected override Task<SqliteReviewAppFactory> RestartAsync(SqliteReviewAppFactory app, DateTimeOffset at) => app.RestartAsync(at);
}

public sealed class TimerRestartTests_Postgres : TimerRestartTests<PostgresReviewAppFactory>
{
    protected override PostgresReviewAppFactory NewApp() => new();

    protected override Task<PostgresReviewAppFactory> RestartAsync(PostgresReviewAppFactory app, DateTimeOffset at) => app.RestartAsync(at);
}

/// Timers are rows, not jobs in memory: timers that fell due while the service was stopped fire when
/// it starts again (the start-up sweep, in the background), and exactly once, however many times the
/// service restarts or sweeps afterwards.
public abstract class TimerRestartTests<TFactory>
    where TFactory : MspasAppFactory, IReviewApp
{
    protected abstract TFactory NewApp();

    protected abstract Task<TFactory> RestartAsync(TFactory app, DateTimeOffset at);

    [Fact]
    public async Task CorrectionDeadline_PassedWhileStopped_ArchivesTheFileOnceAfterRestart()
    {
        var first = NewApp();
        MspasAppFactory current = first;
        try
        {
            await first.InitializeAsync();
            var analyst = await first.CreatePersonAsync(Roles.Analista);
            var file = await first.AwaitingCorrectionAsync(analyst, ProcedureSlugs.ProcessedFood, rejectCode: "etiqueta");
            var timers = await first.TimersAsync(file.Id);
            var deadline = timers.Single(t => t.Kind == TimerKind.CorrectionDeadline);
            Assert.All(timers, t => Assert.Null(t.FiredAt));

            // The service stops; it starts again a day after the deadline, with nobody sweeping by hand.
            var second = await RestartAsync(first, deadline.DueAt.AddDays(1));
            current = second;

            var stored = await Eventually.HoldsAsync(() => second.ReadFileAsync(file.Id), a => a.Status == ApplicationStatus.Abandoned,
                TimeSpan.FromSeconds(60), "the start-up sweep archiving the file");
            Assert.Single(stored.Events, e => e.Kind == "abandoned");
            await Mailbox.WaitForSubjectAsync(file.Citizen.Email, $"Expediente {file.FileNumber} archivado");

            // Sweeps after that, at once from two scopes, and another restart: nothing fires twice.
            await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => SweepAsync(second))));
            var third = await RestartAsync(second, deadline.DueAt.AddDays(2));
            current = third;
            await SweepAsync(third);

            stored = await third.ReadFileAsync(file.Id);
            Assert.Equal(ApplicationStatus.Abandoned, stored.Status);
            Assert.Single(stored.Events, e => e.Kind == "abandoned");
            var fired = await third.TimersAsync(file.Id);
            Assert.All(fired.Where(t => t.Kind is TimerKind.CorrectionDeadline or TimerKind.CorrectionReminder), t => Assert.NotNull(t.FiredAt));
            // Fired by the second start, not by the third.
            Assert.InRange(fired.Single(t => t.Id == deadline.Id).FiredAt!.Value, deadline.DueAt.AddDays(1), deadline.DueAt.AddDays(1).AddMinutes(5));
            Assert.Single(await third.OutboxAsync(file.Citizen.Email, "review.abandoned"));
            Assert.Single(await third.OutboxAsync(file.Citizen.Email, "review.correction-reminder"));
            // Every email left the outbox, and the SMTP server got the notice once.
            await Eventually.HoldsAsync(() => third.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.To == file.Citizen.Email && m.Status != OutboxStatus.Sent)),
                pending => pending == 0, TimeSpan.FromSeconds(30), "the citizen's emails being sent");
            Assert.Single(Mailbox.MessagesTo(file.Citizen.Email), m => m.Subject == $"Expediente {file.FileNumber} archivado");
        }
        finally
        {
            await current.DisposeAsync();
        }
    }

    private static async Task<int> SweepAsync(MspasAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TimerService>().FireDueAsync();
    }
}
