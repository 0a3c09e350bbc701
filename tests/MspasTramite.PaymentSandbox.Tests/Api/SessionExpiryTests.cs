using Microsoft.Extensions.Time.Testing;
using MspasTramite.PaymentSandbox.Tests.TestKit;
using Stripe;
using Stripe.Checkout;

namespace MspasTramite.PaymentSandbox.Tests.Api;

/// Sessions expire on their own at expires_at, measured on the injected clock.
public sealed class SessionExpiryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private SandboxHost host = null!;

    public async Task InitializeAsync() => host = await SandboxHost.StartAsync(o =>
    {
        o.WebhooksEnabled = false;
        o.Clock = clock;
    });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Session_PastItsExpiry_IsExpiredWithItsEvent_AndCannotBePaid()
    {
        var options = TestData.SessionOptions();
        options.ExpiresAt = clock.GetUtcNow().UtcDateTime.AddMinutes(45);
        var session = await new SessionService(host.Stripe).CreateAsync(options);

        clock.Advance(TimeSpan.FromMinutes(44));
        var stillOpen = await new SessionService(host.Stripe).GetAsync(session.Id);
        var form = await HostedCheckout.GetAsync(host.Browser, session.Url);
        clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await new SessionService(host.Stripe).GetAsync(session.Id);
        // The page was opened in time, the card typed too late.
        using var payment = await HostedCheckout.SubmitAsync(host.Browser, form, HostedCheckout.Card("4242424242424242"));
        var page = await HostedCheckout.ParseAsync(payment);

        Assert.Equal("open", stillOpen.Status);
        Assert.Equal("expired", expired.Status);
        Assert.Equal("Esta sesión de pago expiró", page.QuerySelector("h1")!.TextContent);
        var events = await new EventService(host.Stripe).ListAsync();
        Assert.Equal("checkout.session.expired", Assert.Single(events.Data).Type);
    }

    [Fact]
    public async Task Session_WithTheDefaultLifetime_IsExpiredByTheBackgroundSweep()
    {
        var session = await host.Stripe.CreateSessionAsync();

        clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        // No request touches the session: the background service finds it on its next round.
        var events = new EventService(host.Stripe);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        StripeList<Event> expired;
        do
        {
            await Task.Delay(50);
            clock.Advance(TimeSpan.FromSeconds(1));
            expired = await events.ListAsync(new EventListOptions { Type = "checkout.session.expired" });
        }
        while (expired.Data.Count == 0 && DateTime.UtcNow < deadline);

        Assert.Equal(session.Id, ((Session)Assert.Single(expired.Data).Data.Object).Id);
    }
}
