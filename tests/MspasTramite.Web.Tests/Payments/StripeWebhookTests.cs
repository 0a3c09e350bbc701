using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Payments;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Payments;

[Collection(SqlitePaymentsApp.Name)]
public sealed class StripeWebhookTests_Sqlite(SqlitePaymentsAppFactory app) : StripeWebhookTests<SqlitePaymentsAppFactory>(app);

[Collection(PostgresPaymentsApp.Name)]
public sealed class StripeWebhookTests_Postgres(PostgresPaymentsAppFactory app) : StripeWebhookTests<PostgresPaymentsAppFactory>(app);

/// POST /webhooks/stripe: events the sandbox recorded for a session really paid at its hosted page,
/// delivered by the test (signed as Stripe signs, or not), while the sandbox's own deliveries are held back.
public abstract class StripeWebhookTests<TFactory>(TFactory app) where TFactory : MspasAppFactory, IPaymentsApp
{
    [Theory]
    [InlineData("missing")]
    [InlineData("malformed")]
    [InlineData("tampered")]
    [InlineData("wrong-secret")]
    public async Task Webhook_WhenSignatureMissingMalformedOrTampered_Returns400AndChangesNothing(string kind)
    {
        using var payer = await Payer.CreateAsync(app);
        using var stripe = StripeWebhooks.Client(app);
        using (app.Webhooks.Break(LineFault.Refused))
        {
            var (_, completed) = await PaidWithoutWebhookAsync(payer);
            var (payload, signature) = kind switch
            {
                "missing" => (completed, null),
                "malformed" => (completed, "t=abc,v1=not-hex"),
                "tampered" => (Tamper(completed), StripeWebhooks.Sign(completed)),
                _ => (completed, StripeWebhooks.Sign(completed, secret: "whsec_someone_else")),
            };
            if (kind == "tampered")
            {
                Assert.NotEqual(completed, payload);
            }

            using var refused = await StripeWebhooks.PostAsync(stripe, payload, signature);

            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            (await payer.StateAsync()).AssertNothingPaid();
            Assert.False(await EventRecordedAsync(completed));

            // The same event, signed properly, is accepted: only the signature made the difference.
            using var accepted = await StripeWebhooks.PostAsync(stripe, completed, StripeWebhooks.Sign(completed));
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            (await payer.StateAsync()).AssertPaidOnce();
        }
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(-3600)]
    public async Task Webhook_WhenTimestampOutsideTolerance_Returns400(int secondsFromNow)
    {
        using var payer = await Payer.CreateAsync(app);
        using var stripe = StripeWebhooks.Client(app);
        using (app.Webhooks.Break(LineFault.Refused))
        {
            var (_, completed) = await PaidWithoutWebhookAsync(payer);

            using var refused = await StripeWebhooks.PostAsync(stripe, completed, StripeWebhooks.Sign(completed, DateTimeOffset.UtcNow.AddSeconds(secondsFromNow)));
            using var inside = await StripeWebhooks.PostAsync(stripe, completed, StripeWebhooks.Sign(completed, DateTimeOffset.UtcNow.AddSeconds(-240)));

            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        }
    }

    [Fact]
    public async Task Webhook_SameEventTwiceInARow_PaysOnce()
    {
        using var payer = await Payer.CreateAsync(app);
        using var stripe = StripeWebhooks.Client(app);
        using (app.Webhooks.Break(LineFault.Refused))
        {
            var (_, completed) = await PaidWithoutWebhookAsync(payer);

            using var first = await StripeWebhooks.PostAsync(stripe, completed, StripeWebhooks.Sign(completed));
            using var second = await StripeWebhooks.PostAsync(stripe, completed, StripeWebhooks.Sign(completed));

            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            var receipt = (await payer.StateAsync()).AssertPaidOnce();
            var eventId = EventId(completed);
            var outcome = await app.WithDbAsync(db => db.ProcessedWebhookEvents.SingleAsync(e => e.EventId == eventId));
            Assert.Equal(nameof(SettleOutcome.Paid), outcome.Outcome);
            await Mailbox.WaitForSubjectAsync(payer.Citizen.Email, $"Pago recibido — comprobante {receipt.Number}");
            Assert.Single(Mailbox.MessagesTo(payer.Citizen.Email));
            // The payment is logged at Information; the redelivery only at Debug, below the app's level.
            var logged = Assert.Single(app.Logs.Entries, e => e.Category.EndsWith("StripeWebhookEndpoint", StringComparison.Ordinal) && e.Message.Contains(eventId, StringComparison.Ordinal));
            Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Information, logged.Level);
            Assert.Contains(nameof(SettleOutcome.Paid), logged.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Webhook_Redelivered_WithTamperedBody_IsRefusedBeforeTheDuplicateCheck()
    {
        using var payer = await Payer.CreateAsync(app);
        using var stripe = StripeWebhooks.Client(app);
        using (app.Webhooks.Break(LineFault.Refused))
        {
            var (_, completed) = await PaidWithoutWebhookAsync(payer);
            using var first = await StripeWebhooks.PostAsync(stripe, completed, StripeWebhooks.Sign(completed));
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);

            // The id of an event already processed does not make an unsigned body acceptable.
            using var tampered = await StripeWebhooks.PostAsync(stripe, Tamper(completed), StripeWebhooks.Sign(completed));

            Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        }
    }

    [Fact]
    public async Task Webhook_OfATypeNotActedOn_IsRecordedOnce()
    {
        using var stripe = StripeWebhooks.Client(app);
        var eventId = "evt_test_" + Guid.NewGuid().ToString("N");
        var payload = $$$"""{"id":"{{{eventId}}}","object":"event","created":{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}},"data":{"object":{"id":"cus_1","object":"customer"}},"type":"customer.created"}""";

        using var first = await StripeWebhooks.PostAsync(stripe, payload, StripeWebhooks.Sign(payload));
        using var again = await StripeWebhooks.PostAsync(stripe, payload, StripeWebhooks.Sign(payload));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var recorded = await app.WithDbAsync(db => db.ProcessedWebhookEvents.Where(e => e.EventId == eventId).ToListAsync());
        Assert.Equal(("customer.created", PaymentService.IgnoredWebhook), (Assert.Single(recorded).Type, recorded[0].Outcome));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"object":"event","type":"customer.created"}""")]
    [InlineData("not json")]
    public async Task Webhook_SignedButNotAnEvent_Returns400(string payload)
    {
        using var stripe = StripeWebhooks.Client(app);

        using var response = await StripeWebhooks.PostAsync(stripe, payload, StripeWebhooks.Sign(payload));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Webhook_SameEvent20TimesConcurrently_PaysOnceWithOneReceiptAndOneEmail()
    {
        using var payer = await Payer.CreateAsync(app);
        using (app.Webhooks.Break(LineFault.Refused))
        {
            var (_, completed) = await PaidWithoutWebhookAsync(payer);
            var clients = Enumerable.Range(0, 20).Select(_ => StripeWebhooks.Client(app)).ToList();

            var responses = await Task.WhenAll(clients.Select(c => StripeWebhooks.PostAsync(c, completed, StripeWebhooks.Sign(completed))));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            foreach (var disposable in responses.Cast<IDisposable>().Concat(clients))
            {
                disposable.Dispose();
            }

            var receipt = (await payer.StateAsync()).AssertPaidOnce();
            var eventId = EventId(completed);
            Assert.Equal(1, await app.WithDbAsync(db => db.ProcessedWebhookEvents.CountAsync(e => e.EventId == eventId)));
            await Mailbox.WaitForSubjectAsync(payer.Citizen.Email, $"Pago recibido — comprobante {receipt.Number}");
            Assert.Single(Mailbox.MessagesTo(payer.Citizen.Email));
        }
    }

    [Fact]
    public async Task Webhook_ExpiredAfterCompleted_StaysPaid()
    {
        using var payer = await Payer.CreateAsync(app);
        using var stripe = StripeWebhooks.Client(app);
        using (app.Webhooks.Break(LineFault.Refused))
        {
            var (sessionId, completed) = await PaidWithoutWebhookAsync(payer);
            var expired = StripeWebhooks.CheckoutEvent("checkout.session.expired", sessionId, "expired", "unpaid", 50000, "gtq", null, payer.ApplicationId);

            using var first = await StripeWebhooks.PostAsync(stripe, completed, StripeWebhooks.Sign(completed));
            using var late = await StripeWebhooks.PostAsync(stripe, expired, StripeWebhooks.Sign(expired));

            Assert.Equal(HttpStatusCode.OK, late.StatusCode);
            var state = await payer.StateAsync();
            state.AssertPaidOnce();
            Assert.Equal(PaymentStatus.Paid, state.Attempt.Status);
        }
    }

    [Fact]
    public async Task Webhook_ExpiredBeforeCompleted_EndsPaid()
    {
        using var payer = await Payer.CreateAsync(app);
        using var stripe = StripeWebhooks.Client(app);
        using (app.Webhooks.Break(LineFault.Refused))
        {
            var (sessionId, completed) = await PaidWithoutWebhookAsync(payer);
            var expired = StripeWebhooks.CheckoutEvent("checkout.session.expired", sessionId, "expired", "unpaid", 50000, "gtq", null, payer.ApplicationId);

            using var early = await StripeWebhooks.PostAsync(stripe, expired, StripeWebhooks.Sign(expired));
            Assert.Equal(PaymentStatus.Expired, (await payer.StateAsync()).Attempt.Status);
            using var late = await StripeWebhooks.PostAsync(stripe, completed, StripeWebhooks.Sign(completed));

            Assert.Equal(HttpStatusCode.OK, late.StatusCode);
            (await payer.StateAsync()).AssertPaidOnce();
        }
    }

    [Theory]
    [InlineData(40000, "gtq")]
    [InlineData(50000, "usd")]
    public async Task Webhook_AmountOrCurrencyMismatch_IsFlaggedForFinanzasNotPaid(long amountTotal, string currency)
    {
        using var payer = await Payer.CreateAsync(app);
        using var stripe = StripeWebhooks.Client(app);
        await payer.StartCheckoutAsync();
        var sessionId = (await payer.StateAsync()).Attempt.SessionId!;
        var forged = StripeWebhooks.CheckoutEvent("checkout.session.completed", sessionId, "complete", "paid", amountTotal, currency,
            "pi_forged_" + Guid.NewGuid().ToString("N"), payer.ApplicationId);

        using var response = await StripeWebhooks.PostAsync(stripe, forged, StripeWebhooks.Sign(forged));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var state = await payer.StateAsync();
        state.AssertNothingPaid();
        Assert.Equal(PaymentStatus.Mismatch, state.Attempt.Status);
        Assert.Contains($"{amountTotal} {currency.ToUpperInvariant()}", state.Attempt.Note, StringComparison.Ordinal);

        var finance = await app.CreateAccountAsync(Roles.Finanzas);
        using var browser = app.CreateSession();
        await browser.SignInSuccessfullyAsync(finance.Email, finance.Password);
        var flagged = await browser.GetPageAsync("/finanzas?Filter.Estado=Mismatch");
        Assert.NotNull(flagged.Document.QuerySelector($"a[href='/finanzas/pagos/{state.Attempt.Id}']"));
        var detail = await browser.GetPageAsync($"/finanzas/pagos/{state.Attempt.Id}");
        Assert.Contains("Monto no coincide: revisar", detail.Text, StringComparison.Ordinal);
        Assert.Contains(state.Attempt.Note!, detail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_UnknownSession_Returns200AndChangesNothing()
    {
        using var payer = await Payer.CreateAsync(app);
        using var stripe = StripeWebhooks.Client(app);
        await payer.StartCheckoutAsync();
        var before = await payer.StateAsync();
        var unknown = "cs_test_unknown_" + Guid.NewGuid().ToString("N");
        var forged = StripeWebhooks.CheckoutEvent("checkout.session.completed", unknown, "complete", "paid", 50000, "gtq", "pi_x", payer.ApplicationId);

        using var response = await StripeWebhooks.PostAsync(stripe, forged, StripeWebhooks.Sign(forged));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await payer.StateAsync();
        after.AssertNothingPaid();
        Assert.Equal(before.Attempt.Status, after.Attempt.Status);
        Assert.False(await app.WithDbAsync(db => db.PaymentAttempts.AnyAsync(p => p.SessionId == unknown)));
        var eventId = EventId(forged);
        var recorded = await app.WithDbAsync(db => db.ProcessedWebhookEvents.SingleAsync(e => e.EventId == eventId));
        Assert.Equal(nameof(SettleOutcome.UnknownSession), recorded.Outcome);
        Assert.Contains(app.Logs.Entries, e => e.Message.Contains(unknown, StringComparison.Ordinal) && e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Fact]
    public async Task Webhook_WhenAppDownWhileSandboxDelivers_IsDeliveredLater()
    {
        using var payer = await Payer.CreateAsync(app);
        var checkout = await payer.StartCheckoutAsync();
        string eventId;
        using (app.Webhooks.Break(LineFault.Refused))
        {
            await payer.PayWithGoodCardAsync(checkout);
            var sessionId = (await payer.StateAsync()).Attempt.SessionId!;
            eventId = EventId(await StripeWebhooks.SandboxEventAsync(app, "checkout.session.completed", sessionId));

            // The sandbox keeps trying while the app is down.
            await Eventually.HoldsAsync(() => SandboxPage.DeliveryAttemptsAsync(app, eventId), n => n >= 3, what: $"Three failed deliveries of {eventId}");
            (await payer.StateAsync()).AssertNothingPaid();
        }

        // Back up: the next retry gets through, with no one visiting the return page.
        var state = await Eventually.HoldsAsync(payer.StateAsync, s => s.Status == ApplicationStatus.Received, what: "Payment by a retried webhook");
        state.AssertPaidOnce();
        // The event is recorded right after the settlement commits, in its own save: a moment later.
        await Eventually.HoldsAsync(() => app.WithDbAsync(db => db.ProcessedWebhookEvents.AnyAsync(e => e.EventId == eventId)), recorded => recorded,
            what: $"{eventId} recorded as processed");
    }

    /// Pays at the hosted page while the sandbox cannot deliver, and returns the session and the
    /// checkout.session.completed event the sandbox recorded (what it would have sent).
    private async Task<(string SessionId, string Completed)> PaidWithoutWebhookAsync(Payer payer)
    {
        var checkout = await payer.StartCheckoutAsync();
        await payer.PayWithGoodCardAsync(checkout);
        var sessionId = (await payer.StateAsync()).Attempt.SessionId!;
        var completed = await StripeWebhooks.SandboxEventAsync(app, "checkout.session.completed", sessionId);
        (await payer.StateAsync()).AssertNothingPaid();
        return (sessionId, completed);
    }

    private Task<bool> EventRecordedAsync(string payload)
    {
        var eventId = EventId(payload);
        return app.WithDbAsync(db => db.ProcessedWebhookEvents.AnyAsync(e => e.EventId == eventId));
    }

    /// The same event with a smaller amount, as someone altering it in transit would send it.
    private static string Tamper(string payload)
    {
        var node = JsonNode.Parse(payload)!;
        node["data"]!["object"]!["amount_total"] = 100;
        return node.ToJsonString();
    }

    private static string EventId(string payload) => JsonNode.Parse(payload)!["id"]!.GetValue<string>();
}
