using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Notifications;
using MspasTramite.Core.Payments;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Review;

namespace MspasTramite.Core.Tests.Payments;

/// PaymentService against a scripted gateway, on a real SQLite database. The gateway itself (the
/// sandbox through Stripe.net) is exercised by the web and sandbox test projects.
public sealed class PaymentServiceTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"pay-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero));
    private readonly ScriptedGateway gateway = new();
    private readonly string applicantId = Guid.NewGuid().ToString();
    private Guid applicationId;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        await using var db = NewContext();
        await db.Database.MigrateAsync();
        await ProcedureCatalogueSeed.EnsureSeededAsync(db, clock);
        db.Users.Add(new ApplicationUser { Id = applicantId, UserName = "ana@example.com", Email = "ana@example.com", FullName = "Ana López", Cui = "1580352240101" });
        var version = await db.ProcedureVersions.Include(v => v.Procedure).SingleAsync(v => v.Procedure.Slug == "licencia-sanitaria-fabrica-alimentos");
        applicationId = Guid.NewGuid();
        db.Applications.Add(new Application
        {
            Id = applicationId,
            ApplicantId = applicantId,
            ProcedureVersionId = version.Id,
            Status = ApplicationStatus.AwaitingPayment,
            FileNumber = "DRCA-2026-000001",
            FeeAmount = 500m,
            SubmittedAt = clock.GetUtcNow(),
            CreatedAt = clock.GetUtcNow(),
            UpdatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Start_TwiceWhileOpen_ReusesTheSession()
    {
        var (first, url1) = await StartAsync();
        var (second, url2) = await StartAsync();

        Assert.Equal(StartOutcome.Redirect, first);
        Assert.Equal(StartOutcome.Redirect, second);
        Assert.Equal(url1, url2);
        Assert.Single(gateway.Created);
    }

    [Fact]
    public async Task Start_WhenGatewayFails_KeepsTheAttemptAndRetriesWithTheSameKey()
    {
        gateway.FailCreate = true;
        var (failed, _) = await StartAsync();
        gateway.FailCreate = false;
        var (retried, _) = await StartAsync();

        Assert.Equal(StartOutcome.GatewayUnavailable, failed);
        Assert.Equal(StartOutcome.Redirect, retried);
        Assert.Equal(2, gateway.CreateCalls.Count);
        Assert.Single(gateway.CreateCalls.Select(c => c.IdempotencyKey).Distinct());
        Assert.Equal(50000, gateway.CreateCalls[0].AmountCentavos);
        Assert.Equal("GTQ", gateway.CreateCalls[0].Currency);
        await using var db = NewContext();
        Assert.Single(await db.PaymentAttempts.ToListAsync());
    }

    [Fact]
    public async Task Start_AfterAStaleUnansweredAttempt_StartsAFreshOneWithANewKey()
    {
        gateway.FailCreate = true;
        await StartAsync();
        clock.Advance(TimeSpan.FromMinutes(21));
        gateway.FailCreate = false;

        var (outcome, _) = await StartAsync();

        Assert.Equal(StartOutcome.Redirect, outcome);
        Assert.Equal(2, gateway.CreateCalls.Select(c => c.IdempotencyKey).Distinct().Count());
        await using var db = NewContext();
        var statuses = await db.PaymentAttempts.OrderBy(p => p.CreatedAt).Select(p => p.Status).ToListAsync();
        Assert.Equal([PaymentStatus.Expired, PaymentStatus.Open], statuses);
    }

    [Fact]
    public async Task Settle_Paid_MovesToReceivedWithOneReceiptAndOneEmail()
    {
        var session = await OpenSessionAsync();

        var outcomes = new List<SettleOutcome>();
        for (var i = 0; i < 3; i++)
        {
            outcomes.Add(await SettleAsync(Paid(session)));
        }

        Assert.Equal([SettleOutcome.Paid, SettleOutcome.AlreadyPaid, SettleOutcome.AlreadyPaid], outcomes);
        await using var db = NewContext();
        var application = await db.Applications.SingleAsync();
        Assert.Equal(ApplicationStatus.Received, application.Status);
        var receipt = await db.Receipts.SingleAsync();
        Assert.Equal("MSPAS-CP-2026-000001", receipt.Number);
        Assert.Equal(500m, receipt.Amount);
        Assert.Single(await db.OutboxMessages.Where(m => m.Kind == "payment.receipt").ToListAsync());
        Assert.Contains(await db.ApplicationEvents.ToListAsync(), e => e.Kind == "paid" && e.ToStatus == ApplicationStatus.Received);
    }

    [Fact]
    public async Task Settle_Paid_RecordsTheFeeTheGatewayReports_AskedOnce()
    {
        gateway.FeeCentavos = 1951;
        var session = await OpenSessionAsync();

        await SettleAsync(Paid(session));
        await SettleAsync(Paid(session));

        Assert.Equal(["pi_" + session], gateway.FeeCalls);
        await using var db = NewContext();
        Assert.Equal(19.51m, (await db.PaymentAttempts.SingleAsync()).GatewayFee);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Settle_WithoutAReportedFee_IsPaidAsBefore_AndTheFeeStaysUnknown(bool lookupFails)
    {
        gateway.FeeCentavos = null;
        gateway.FailFee = lookupFails;
        var session = await OpenSessionAsync();

        var outcome = await SettleAsync(Paid(session));

        Assert.Equal(SettleOutcome.Paid, outcome);
        Assert.Single(gateway.FeeCalls);
        await using var db = NewContext();
        var attempt = await db.PaymentAttempts.SingleAsync();
        Assert.Equal(PaymentStatus.Paid, attempt.Status);
        Assert.Null(attempt.GatewayFee);
        Assert.Equal(ApplicationStatus.Received, (await db.Applications.SingleAsync()).Status);
        Assert.Single(await db.Receipts.ToListAsync());
    }

    [Fact]
    public async Task Settle_ConcurrentConfirmations_IssueOneReceipt()
    {
        var session = await OpenSessionAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SettleAsync(Paid(session))));

        Assert.Single(results, r => r == SettleOutcome.Paid);
        Assert.Single(gateway.FeeCalls);
        await using var db = NewContext();
        Assert.Single(await db.Receipts.ToListAsync());
        Assert.Single(await db.OutboxMessages.Where(m => m.Kind == "payment.receipt").ToListAsync());
    }

    [Theory]
    [InlineData(40000, "GTQ")]
    [InlineData(50000, "USD")]
    public async Task Settle_AmountOrCurrencyMismatch_IsFlaggedNotPaid(long centavos, string currency)
    {
        var session = await OpenSessionAsync();

        var outcome = await SettleAsync(Paid(session) with { AmountCentavos = centavos, Currency = currency });

        Assert.Equal(SettleOutcome.Mismatch, outcome);
        await using var db = NewContext();
        Assert.Equal(ApplicationStatus.AwaitingPayment, (await db.Applications.SingleAsync()).Status);
        var attempt = await db.PaymentAttempts.SingleAsync();
        Assert.Equal(PaymentStatus.Mismatch, attempt.Status);
        Assert.NotNull(attempt.Note);
        Assert.Empty(await db.Receipts.ToListAsync());
    }

    [Fact]
    public async Task Settle_ExpiredAfterPaid_NeverGoesBack()
    {
        var session = await OpenSessionAsync();
        await SettleAsync(Paid(session));

        var outcome = await SettleAsync(Paid(session) with { Status = CheckoutStatus.Expired, Paid = false });

        Assert.Equal(SettleOutcome.AlreadyPaid, outcome);
        await using var db = NewContext();
        Assert.Equal(PaymentStatus.Paid, (await db.PaymentAttempts.SingleAsync()).Status);
    }

    [Fact]
    public async Task Settle_CompletedAfterExpired_StillCountsThePayment()
    {
        var session = await OpenSessionAsync();
        await SettleAsync(Paid(session) with { Status = CheckoutStatus.Expired, Paid = false });

        var outcome = await SettleAsync(Paid(session));

        Assert.Equal(SettleOutcome.Paid, outcome);
    }

    [Fact]
    public async Task Settle_UnknownSession_ChangesNothing()
    {
        Assert.Equal(SettleOutcome.UnknownSession, await SettleAsync(Paid("cs_test_desconocida")));
    }

    [Fact]
    public async Task Settle_SecondSessionPaidForAPaidFile_IsFlaggedDuplicate()
    {
        var first = await OpenSessionAsync();
        await using (var db = NewContext())
        {
            // A second session opened in another tab before the first was paid.
            var attempt = await db.PaymentAttempts.SingleAsync();
            db.PaymentAttempts.Add(new PaymentAttempt { Id = Guid.NewGuid(), ApplicationId = applicationId, Status = PaymentStatus.Open, SessionId = "cs_test_segunda", IdempotencyKey = "k2", Amount = 500m, CreatedAt = clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        await SettleAsync(Paid(first));
        var outcome = await SettleAsync(Paid("cs_test_segunda"));

        Assert.Equal(SettleOutcome.Duplicate, outcome);
        await using var check = NewContext();
        Assert.Single(await check.Receipts.ToListAsync());
        Assert.Equal(500m, (await check.PaymentAttempts.SingleAsync(p => p.SessionId == "cs_test_segunda")).Refundable);
    }

    [Fact]
    public async Task Webhook_SameEventTwice_IsProcessedOnce()
    {
        var session = await OpenSessionAsync();
        var webhook = new WebhookEvent("evt_1", "checkout.session.completed", WebhookKind.CheckoutCompleted, Paid(session), null, null);
        var envelope = new WebhookEnvelope(webhook.Id, webhook.Type, Handled: true);
        var parses = 0;

        await using var db = NewContext();
        var first = await Service(db).HandleWebhookAsync(envelope, () => { parses++; return webhook; });
        var second = await Service(db).HandleWebhookAsync(envelope, () => { parses++; return webhook; });

        Assert.Equal(nameof(SettleOutcome.Paid), first);
        Assert.Equal(PaymentService.DuplicateWebhook, second);
        Assert.Equal(1, parses); // the redelivery is recognised by its id, before any parsing
    }

    [Fact]
    public async Task Webhook_OfATypeNotActedOn_IsRecordedOnceAndNeverParsed()
    {
        var envelope = new WebhookEnvelope("evt_otro", "customer.created", Handled: false);

        await using var db = NewContext();
        var first = await Service(db).HandleWebhookAsync(envelope, () => throw new InvalidOperationException("parsed"));
        var second = await Service(db).HandleWebhookAsync(envelope, () => throw new InvalidOperationException("parsed"));

        Assert.Equal(PaymentService.IgnoredWebhook, first);
        Assert.Equal(PaymentService.DuplicateWebhook, second);
        await using var check = NewContext();
        var recorded = await check.ProcessedWebhookEvents.SingleAsync(e => e.EventId == "evt_otro");
        Assert.Equal(("customer.created", PaymentService.IgnoredWebhook), (recorded.Type, recorded.Outcome));
    }

    [Theory]
    [InlineData("""{"id":"evt_1","object":"event","data":{"object":{"id":"cs_1","type":"x","metadata":{"id":"no"}}},"type":"checkout.session.completed"}""", "evt_1", "checkout.session.completed")]
    [InlineData("""{"type":"charge.refunded","data":{"id":"ch_1"},"id":"evt_2"}""", "evt_2", "charge.refunded")]
    public void Envelope_ReadsTheTopLevelIdAndTypeOnly(string payload, string id, string type)
    {
        Assert.Equal((id, type), WebhookEnvelope.Read(payload));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("""{"id":"evt_1"}""")]
    [InlineData("""{"id":7,"type":"x"}""")]
    [InlineData("""{"data":{"id":"evt_1","type":"x"}}""")]
    [InlineData("""{"id":"evt_1",""")]
    [InlineData("not json")]
    public void Envelope_WhenNotAnEventObject_IsNull(string payload)
    {
        Assert.Null(WebhookEnvelope.Read(payload));
    }

    [Fact]
    public async Task Refund_AboveRefundable_IsRefusedBeforeTheGateway()
    {
        var session = await OpenSessionAsync();
        await SettleAsync(Paid(session));
        await using var db = NewContext();
        var attempt = await db.PaymentAttempts.SingleAsync();

        await Service(db).RefundAsync(attempt.Id, 200m, "Pago en exceso", "finanzas");
        await Assert.ThrowsAsync<RefundRefusedException>(() => Service(db).RefundAsync(attempt.Id, 300.01m, "Demasiado", "finanzas"));

        Assert.Single(gateway.Refunds);
        Assert.Equal(300m, (await db.PaymentAttempts.SingleAsync()).Refundable);
        Assert.Single(await db.OutboxMessages.Where(m => m.Kind == "payment.refund").ToListAsync());
    }

    [Fact]
    public async Task Reconcile_OpenSessionPaidAtTheGateway_IsSettled()
    {
        var session = await OpenSessionAsync();
        gateway.States[session] = Paid(session);
        clock.Advance(TimeSpan.FromMinutes(11));

        await using var db = NewContext();
        await Service(db).ReconcileAsync();

        Assert.Equal(ApplicationStatus.Received, (await db.Applications.SingleAsync()).Status);
    }

    [Fact]
    public async Task Reconcile_UnpaidApplicationPastTheLimit_Expires()
    {
        clock.Advance(TimeSpan.FromDays(31));

        await using var db = NewContext();
        await Service(db).ReconcileAsync();

        Assert.Equal(ApplicationStatus.Expired, (await db.Applications.SingleAsync()).Status);
    }

    private static CheckoutState Paid(string session) =>
        new(session, CheckoutStatus.Complete, true, 50000, "GTQ", "pi_" + session, null, null);

    private async Task<string> OpenSessionAsync()
    {
        var (outcome, _) = await StartAsync();
        Assert.Equal(StartOutcome.Redirect, outcome);
        return gateway.Created.Last();
    }

    private async Task<(StartOutcome, string?)> StartAsync()
    {
        await using var db = NewContext();
        var application = await db.Applications.Include(a => a.ProcedureVersion).ThenInclude(v => v.Procedure).SingleAsync(a => a.Id == applicationId);
        return await Service(db).StartAsync(application, "ana@example.com");
    }

    private async Task<SettleOutcome> SettleAsync(CheckoutState state)
    {
        await using var db = NewContext();
        return await Service(db).SettleAsync(state);
    }

    private PaymentService Service(AppDbContext db) =>
        new(db, gateway, new EmailOutbox(db, clock), Options.Create(new PaymentOptions()), new PublicAddress(new Uri("https://tramites.mspas.test")), clock, new HolidayCalendar(clock), NullLogger<PaymentService>.Instance);

    private SqliteAppDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={Path.Combine(folder, "pay.db")}")
            .AddInterceptors(new SqlitePragmaInterceptor())
            .Options);

    private sealed class ScriptedGateway : IPaymentGateway
    {
        public List<string> Created { get; } = [];
        public List<CheckoutRequest> CreateCalls { get; } = [];
        public List<(string PaymentId, long Amount)> Refunds { get; } = [];
        public Dictionary<string, CheckoutState> States { get; } = [];
        public bool FailCreate { get; set; }
        public long? FeeCentavos { get; set; }
        public bool FailFee { get; set; }
        public List<string> FeeCalls { get; } = [];

        public string Provider => "stripe";

        public Task<CheckoutCreated> CreateCheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken)
        {
            CreateCalls.Add(request);
            if (FailCreate)
            {
                throw new PaymentGatewayException("timeout");
            }

            var id = "cs_test_" + request.IdempotencyKey[^8..];
            Created.Add(id);
            return Task.FromResult(new CheckoutCreated(id, "https://pasarela.example/" + id, null));
        }

        public Task<CheckoutState> GetCheckoutAsync(string sessionId, CancellationToken cancellationToken) =>
            Task.FromResult(States.TryGetValue(sessionId, out var s) ? s : new CheckoutState(sessionId, CheckoutStatus.Open, false, 50000, "GTQ", null, null, null));

        public Task ExpireCheckoutAsync(string sessionId, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<string> RefundAsync(string paymentId, long amountCentavos, string idempotencyKey, CancellationToken cancellationToken)
        {
            Refunds.Add((paymentId, amountCentavos));
            return Task.FromResult("re_" + Refunds.Count);
        }

        public Task<long?> GetFeeCentavosAsync(string paymentId, string currency, CancellationToken cancellationToken)
        {
            lock (FeeCalls)
            {
                FeeCalls.Add(paymentId);
            }

            return FailFee ? throw new PaymentGatewayException("timeout") : Task.FromResult(FeeCentavos);
        }

        public WebhookEnvelope? VerifyWebhook(string payload, string? signatureHeader) => throw new NotSupportedException();

        public WebhookEvent ParseWebhook(string verifiedPayload) => throw new NotSupportedException();
    }
}
