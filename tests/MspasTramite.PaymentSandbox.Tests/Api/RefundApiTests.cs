using System.Net;
using MspasTramite.PaymentSandbox.Tests.TestKit;
using Stripe;

namespace MspasTramite.PaymentSandbox.Tests.Api;

public sealed class RefundApiTests : IAsyncLifetime
{
    private SandboxHost host = null!;

    public async Task InitializeAsync() => host = await SandboxHost.StartAsync(o => o.WebhooksEnabled = false);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Refund_Partial_ThenTheRest_AccumulatesOnTheCharge()
    {
        var paid = await host.CreatePaidSessionAsync(50000);
        var refunds = new RefundService(host.Stripe);

        var first = await refunds.CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = paid.PaymentIntentId,
            Amount = 20000,
            Reason = "requested_by_customer",
            Metadata = new Dictionary<string, string> { ["solicitado_por"] = "finanzas@demo.mspas.gt" },
        });
        var rest = await refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paid.PaymentIntentId });

        Assert.StartsWith("re_", first.Id, StringComparison.Ordinal);
        Assert.Equal("refund", first.Object);
        Assert.Equal(20000, first.Amount);
        Assert.Equal("gtq", first.Currency);
        Assert.Equal("succeeded", first.Status);
        Assert.Equal("requested_by_customer", first.Reason);
        Assert.Equal(paid.PaymentIntentId, first.PaymentIntentId);
        Assert.Equal("finanzas@demo.mspas.gt", first.Metadata["solicitado_por"]);
        Assert.Equal(30000, rest.Amount);

        var events = await new EventService(host.Stripe).ListAsync(new EventListOptions { Type = "charge.refunded" });
        var charges = events.Data.Select(e => Assert.IsType<Charge>(e.Data.Object)).ToList();
        // Newest first: the charge after the second refund, then after the first.
        Assert.Equal([50000L, 20000L], charges.Select(c => c.AmountRefunded));
        Assert.Equal([true, false], charges.Select(c => c.Refunded));
        Assert.All(charges, c => Assert.Equal(first.ChargeId, c.Id));
        // What changed, as Stripe reports it: the first refund changed only amount_refunded.
        using var raw = await host.GetApiJsonAsync($"/v1/events/{events.Data[1].Id}");
        var previous = raw.RootElement.GetProperty("data").GetProperty("previous_attributes");
        Assert.Equal(0, previous.GetProperty("amount_refunded").GetInt64());
        Assert.False(previous.TryGetProperty("refunded", out _));
    }

    [Fact]
    public async Task Refund_AboveWhatRemains_IsRejectedAndChangesNothing()
    {
        var paid = await host.CreatePaidSessionAsync(50000);
        var refunds = new RefundService(host.Stripe);
        await refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paid.PaymentIntentId, Amount = 40000 });

        var e = await Assert.ThrowsAsync<StripeException>(() =>
            refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paid.PaymentIntentId, Amount = 10001 }));

        Assert.Equal(HttpStatusCode.BadRequest, e.HttpStatusCode);
        Assert.Equal("invalid_request_error", e.StripeError.Type);
        Assert.Equal("amount_too_large", e.StripeError.Code);
        Assert.Equal("amount", e.StripeError.Param);
        Assert.Equal("Refund amount (Q100.01) is greater than unrefunded amount on charge (Q100.00)", e.StripeError.Message);
        var intent = await new PaymentIntentService(host.Stripe).GetAsync(paid.PaymentIntentId,
            new PaymentIntentGetOptions { Expand = ["latest_charge"] });
        Assert.Equal(40000, intent.LatestCharge.AmountRefunded);
    }

    [Fact]
    public async Task Refund_OfAFullyRefundedCharge_IsAlreadyRefunded()
    {
        var paid = await host.CreatePaidSessionAsync();
        var refunds = new RefundService(host.Stripe);
        await refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paid.PaymentIntentId });

        var e = await Assert.ThrowsAsync<StripeException>(() =>
            refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paid.PaymentIntentId }));

        Assert.Equal("charge_already_refunded", e.StripeError.Code);
    }

    [Fact]
    public async Task Refund_ByCharge_Works()
    {
        var paid = await host.CreatePaidSessionAsync();
        var intent = await new PaymentIntentService(host.Stripe).GetAsync(paid.PaymentIntentId);

        var refund = await new RefundService(host.Stripe).CreateAsync(new RefundCreateOptions { Charge = intent.LatestChargeId, Amount = 100 });

        Assert.Equal(paid.PaymentIntentId, refund.PaymentIntentId);
    }

    [Fact]
    public async Task Refund_OfAnUnknownPaymentIntent_IsResourceMissing()
    {
        var e = await Assert.ThrowsAsync<StripeException>(() =>
            new RefundService(host.Stripe).CreateAsync(new RefundCreateOptions { PaymentIntent = "pi_no_existe" }));

        Assert.Equal(HttpStatusCode.NotFound, e.HttpStatusCode);
        Assert.Equal("resource_missing", e.StripeError.Code);
        Assert.Equal("payment_intent", e.StripeError.Param);
    }

    [Fact]
    public async Task Refund_WithAnUnknownReason_IsRejected()
    {
        var paid = await host.CreatePaidSessionAsync();

        var e = await Assert.ThrowsAsync<StripeException>(() =>
            new RefundService(host.Stripe).CreateAsync(new RefundCreateOptions { PaymentIntent = paid.PaymentIntentId, Reason = "porque_si" }));

        Assert.Equal("reason", e.StripeError.Param);
    }

    [Fact]
    public async Task Refund_Retrieve_ReturnsIt_AndUnknownIdIsMissing()
    {
        var paid = await host.CreatePaidSessionAsync();
        var refunds = new RefundService(host.Stripe);
        var created = await refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paid.PaymentIntentId, Amount = 1234 });

        var retrieved = await refunds.GetAsync(created.Id);
        var e = await Assert.ThrowsAsync<StripeException>(() => refunds.GetAsync("re_no_existe"));

        Assert.Equal(created.Id, retrieved.Id);
        Assert.Equal(1234, retrieved.Amount);
        Assert.Equal("resource_missing", e.StripeError.Code);
    }

    [Fact]
    public async Task Refund_SameIdempotencyKey_RefundsOnce()
    {
        var paid = await host.CreatePaidSessionAsync(50000);
        var refunds = new RefundService(host.Stripe);
        var options = new RefundCreateOptions { PaymentIntent = paid.PaymentIntentId, Amount = 10000 };
        var key = new RequestOptions { IdempotencyKey = "reembolso-7" };

        var first = await refunds.CreateAsync(options, key);
        var second = await refunds.CreateAsync(options, key);

        Assert.Equal(first.Id, second.Id);
        var charge = (await new PaymentIntentService(host.Stripe).GetAsync(paid.PaymentIntentId,
            new PaymentIntentGetOptions { Expand = ["latest_charge"] })).LatestCharge;
        Assert.Equal(10000, charge.AmountRefunded);
    }
}
