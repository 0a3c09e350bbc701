using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using MspasTramite.Core.Data;
using MspasTramite.Core.Notifications;

namespace MspasTramite.Core.Tests.Notifications;

public sealed class OutboxDispatcherTests : IAsyncLifetime
{
    private readonly string dbPath = Path.Combine(Path.GetTempPath(), $"outbox-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.FromHours(-6)));
    private readonly RecordingTransport transport = new();

    public async Task InitializeAsync()
    {
        await using var db = NewContext();
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(dbPath);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Dispatch_WhenMessageDue_SendsItOnceAndMarksSent()
    {
        await AddMessageAsync("ana@example.com");

        var first = await DispatchAsync();
        var second = await DispatchAsync();

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        var sent = Assert.Single(transport.Sent);
        Assert.Equal("ana@example.com", sent.To.Mailboxes.Single().Address);
        Assert.Equal("Asunto de prueba", sent.Subject);
        await using var db = NewContext();
        var row = await db.OutboxMessages.SingleAsync();
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(clock.GetUtcNow(), row.SentAt);
        Assert.Null(row.LockedUntil);
    }

    [Fact]
    public async Task Dispatch_WhenTransportFails_KeepsMessageAndRetriesWithBackoff()
    {
        await AddMessageAsync("luis@example.com");
        transport.FailWith = new IOException("conexión rechazada");

        await DispatchAsync();

        await using (var db = NewContext())
        {
            var row = await db.OutboxMessages.SingleAsync();
            Assert.Equal(OutboxStatus.Pending, row.Status);
            Assert.Equal(1, row.Attempts);
            Assert.Contains("conexión rechazada", row.LastError, StringComparison.Ordinal);
            Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(1), row.NextAttemptAt);
        }

        // Not due yet: nothing is tried before the backoff passes.
        transport.FailWith = null;
        Assert.Equal(0, await DispatchAsync());
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await DispatchAsync());
        Assert.Single(transport.Sent);
    }

    [Fact]
    public async Task Dispatch_AfterMaxAttempts_MarksFailedButKeepsTheMessage()
    {
        await AddMessageAsync("maria@example.com");
        transport.FailWith = new IOException("buzón lleno");

        for (var i = 0; i < 3; i++)
        {
            await DispatchAsync(maxAttempts: 3);
            clock.Advance(TimeSpan.FromHours(7));
        }

        await using var db = NewContext();
        var row = await db.OutboxMessages.SingleAsync();
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Equal(3, row.Attempts);
        Assert.NotNull(row.LastError);
    }

    [Fact]
    public async Task Dispatch_WhenAnotherDispatcherHoldsTheLock_DoesNotSendTwice()
    {
        var id = await AddMessageAsync("sofia@example.com");
        await using (var db = NewContext())
        {
            await db.OutboxMessages.Where(m => m.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, clock.GetUtcNow().AddMinutes(1)));
        }

        Assert.Equal(0, await DispatchAsync());
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await DispatchAsync());
        Assert.Single(transport.Sent);
    }

    [Fact]
    public async Task Dispatch_TwoDispatchersAtOnce_SendEachMessageExactlyOnce()
    {
        for (var i = 0; i < 30; i++)
        {
            await AddMessageAsync($"persona{i}@example.com");
        }

        await Task.WhenAll(DispatchAsync(), DispatchAsync(), DispatchAsync());

        Assert.Equal(30, transport.Sent.Count);
        Assert.Equal(30, transport.Sent.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(4, 8)]
    [InlineData(20, 360)]
    public void Backoff_DoublesUpToSixHours(int attempts, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), OutboxDispatcher.Backoff(attempts));
    }

    private SqliteAppDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={dbPath}")
            .AddInterceptors(new SqlitePragmaInterceptor())
            .Options);

    private async Task<Guid> AddMessageAsync(string to)
    {
        await using var db = NewContext();
        var row = new EmailOutbox(db, clock).Add(new EmailMessage(to, "Asunto de prueba", "Texto", "<p>Texto</p>", "test"));
        await db.SaveChangesAsync();
        return row.Id;
    }

    private async Task<int> DispatchAsync(int maxAttempts = 10)
    {
        await using var db = NewContext();
        var dispatcher = new OutboxDispatcher(db, transport,
            Options.Create(new EmailOptions { MaxAttempts = maxAttempts }), clock, NullLogger<OutboxDispatcher>.Instance);
        return await dispatcher.DispatchDueAsync(CancellationToken.None);
    }

    private sealed class RecordingTransport : IMailTransport
    {
        private readonly Lock gate = new();
        public List<MimeMessage> Sent { get; } = [];
        public Exception? FailWith { get; set; }

        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            if (FailWith is not null)
            {
                throw FailWith;
            }

            lock (gate)
            {
                Sent.Add(message);
            }

            return Task.CompletedTask;
        }
    }
}
