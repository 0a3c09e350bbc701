using System.Net;
using MspasTramite.PaymentSandbox.Tests.TestKit;
using Stripe;
using Stripe.Checkout;

namespace MspasTramite.PaymentSandbox.Tests.Api;

public sealed class EventApiTests : IAsyncLifetime
{
    private SandboxHost host = null!;

    public async Task InitializeAsync() => host = await SandboxHost.StartAsync(o => o.WebhooksEnabled = false);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task List_IsNewestFirst_FilteredByType_AndLimited()
    {
        var paid1 = await host.CreatePaidSessionAsync();
        var open = await host.Stripe.CreateSessionAsync();
        await new SessionService(host.Stripe).ExpireAsync(open.Id);
        var paid2 = await host.CreatePaidSessionAsync();
        var events = new EventService(host.Stripe);

        var all = await events.ListAsync();
        var completed = await events.ListAsync(new EventListOptions { Type = "checkout.session.completed" });
        var newest = await events.ListAsync(new EventListOptions { Type = "checkout.session.completed", Limit = 1 });
        var wildcard = await events.ListAsync(new EventListOptions { Type = "checkout.session.*" });

        Assert.Equal(["checkout.session.completed", "checkout.session.expired", "checkout.session.completed"], all.Data.Select(e => e.Type));
        Assert.False(all.HasMore);
        Assert.Equal([paid2.Id, paid1.Id], completed.Data.Select(e => ((Session)e.Data.Object).Id));
        Assert.Equal(paid2.Id, ((Session)Assert.Single(newest.Data).Data.Object).Id);
        Assert.True(newest.HasMore);
        Assert.Equal(3, wildcard.Data.Count);
    }

    [Fact]
    public async Task List_PagesWithStartingAfter()
    {
        await host.CreatePaidSessionAsync();
        await host.CreatePaidSessionAsync();
        await host.CreatePaidSessionAsync();
        var events = new EventService(host.Stripe);

        var first = await events.ListAsync(new EventListOptions { Limit = 2 });
        var second = await events.ListAsync(new EventListOptions { Limit = 2, StartingAfter = first.Data[^1].Id });

        Assert.True(first.HasMore);
        Assert.False(second.HasMore);
        Assert.Single(second.Data);
        Assert.Empty(first.Data.Select(e => e.Id).Intersect(second.Data.Select(e => e.Id)));
    }

    [Fact]
    public async Task Event_CarriesTheApiVersionAndTheSessionAtThatMoment()
    {
        var paid = await host.CreatePaidSessionAsync();

        var evt = Assert.Single((await new EventService(host.Stripe).ListAsync()).Data);
        var retrieved = await new EventService(host.Stripe).GetAsync(evt.Id);

        Assert.StartsWith("evt_", evt.Id, StringComparison.Ordinal);
        Assert.Equal(StripeConfiguration.ApiVersion, evt.ApiVersion);
        Assert.False(evt.Livemode);
        var session = Assert.IsType<Session>(retrieved.Data.Object);
        Assert.Equal(paid.Id, session.Id);
        Assert.Equal("complete", session.Status);
        Assert.Equal("paid", session.PaymentStatus);
        Assert.Equal(paid.PaymentIntentId, session.PaymentIntentId);
        Assert.Equal("SOL-2026-000042", session.ClientReferenceId);
        Assert.Equal("42", session.Metadata["application_id"]);
    }

    [Fact]
    public async Task Event_FromAnApiCall_RecordsItsIdempotencyKey()
    {
        var session = await host.Stripe.CreateSessionAsync();
        await new SessionService(host.Stripe).ExpireAsync(session.Id, null, new RequestOptions { IdempotencyKey = "expirar-1" });

        var evt = Assert.Single((await new EventService(host.Stripe).ListAsync()).Data);

        Assert.Equal("expirar-1", evt.Request.IdempotencyKey);
        Assert.StartsWith("req_", evt.Request.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrieve_UnknownEvent_IsResourceMissing()
    {
        var e = await Assert.ThrowsAsync<StripeException>(() => new EventService(host.Stripe).GetAsync("evt_no_existe"));

        Assert.Equal(HttpStatusCode.NotFound, e.HttpStatusCode);
        Assert.Equal("resource_missing", e.StripeError.Code);
    }

    [Fact]
    public async Task List_WithLimitAbove100_IsRejected()
    {
        var e = await Assert.ThrowsAsync<StripeException>(() => new EventService(host.Stripe).ListAsync(new EventListOptions { Limit = 101 }));

        Assert.Equal("limit", e.StripeError.Param);
    }
}
