using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Notifications;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Notifications;

public sealed class OutboxDeliveryFailureTests_Sqlite(SqliteClosedSmtpAppFactory app) : OutboxDeliveryFailureTests<SqliteClosedSmtpAppFactory>(app);

public sealed class OutboxDeliveryFailureTests_Postgres(PostgresClosedSmtpAppFactory app) : OutboxDeliveryFailureTests<PostgresClosedSmtpAppFactory>(app);

/// With the SMTP server unreachable (a port where nothing listens), an email is never lost: the
/// change that caused it still commits, and the message waits in the outbox with its error.
public abstract class OutboxDeliveryFailureTests<TFactory>(TFactory app) : IClassFixture<TFactory> where TFactory : MspasAppFactory
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Register_WhenSmtpRefusesConnection_KeepsEmailPendingWithAttemptAndError()
    {
        using var browser = app.CreateSession();
        var registration = TestData.NewRegistration();

        await browser.RegisterSuccessfullyAsync(registration);

        // The dispatcher job starts right after the commit; wait for its first attempt.
        var message = await WaitForOutboxAsync(registration.Email, m => m.Attempts >= 1);
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal("account.confirm-email", message.Kind);
        Assert.False(string.IsNullOrWhiteSpace(message.LastError));
        Assert.Contains("refused", message.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Null(message.SentAt);
        Assert.Null(message.LockedUntil);
        Assert.True(message.NextAttemptAt > message.CreatedAt, "the next attempt is scheduled later, with back-off");
        Assert.Contains("/cuenta/confirmar?", message.TextBody, StringComparison.Ordinal); // the content is kept for the retry
        Assert.True(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == registration.Email)), "the account committed");
    }

    [Fact]
    public async Task DispatchDueAsync_WhenLastAttemptFails_MarksFailedAndKeepsTheMessage()
    {
        using var browser = app.CreateSession();
        var registration = TestData.NewRegistration();
        await browser.RegisterSuccessfullyAsync(registration);
        var first = await WaitForOutboxAsync(registration.Email, m => m.Attempts >= 1);
        var maxAttempts = app.Services.GetRequiredService<IOptions<EmailOptions>>().Value.MaxAttempts;
        // One attempt left, and due now.
        await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == first.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, maxAttempts - 1).SetProperty(m => m.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1))));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        }

        // A Hangfire sweep may have claimed it first; either way the outcome is the same.
        var last = await WaitForOutboxAsync(registration.Email, m => m.Attempts >= maxAttempts);
        Assert.Equal(OutboxStatus.Failed, last.Status);
        Assert.Equal(maxAttempts, last.Attempts);
        Assert.False(string.IsNullOrWhiteSpace(last.LastError));
        Assert.Null(last.SentAt);
    }

    private async Task<OutboxMessage> WaitForOutboxAsync(string to, Func<OutboxMessage, bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var message = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.To == to));
            if (message is not null && condition(message))
            {
                return message;
            }

            Assert.True(clock.Elapsed < Patience,
                message is null ? $"No outbox message to {to}." : $"Outbox message to {to} stayed {message.Status}, {message.Attempts} attempt(s), error «{message.LastError}».");
            await Task.Delay(200);
        }
    }
}
