using System.Net;
using MspasTramite.PaymentSandbox.Tests.TestKit;
using Stripe;

namespace MspasTramite.PaymentSandbox.Tests.Webhooks;

/// The app is down or failing: the sandbox keeps trying, with backoff, and survives its own restart.
public sealed class WebhookRetryTests
{
    [Fact]
    public async Task Receiver500ThenOk_IsDeliveredOnRetry()
    {
        var receiver = new FakeWebhookReceiver { Answer = n => n == 1 ? HttpStatusCode.InternalServerError : HttpStatusCode.OK };
        await using var host = await SandboxHost.StartAsync(o => o.Receiver = receiver);

        await host.CreatePaidSessionAsync();
        var deliveries = await receiver.WaitForCountAsync(2);

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.OK], deliveries.Select(d => d.Answer));
        Assert.Equal(deliveries[0].Body, deliveries[1].Body);
        var evt = EventUtility.ConstructEvent(deliveries[1].Body, deliveries[1].Signature, SandboxHost.WebhookSecret, 300, throwOnApiVersionMismatch: false);
        var record = await host.WaitForDeliveryAsync(evt.Id, d => d.Status == "delivered");
        Assert.Equal(2, record.TotalAttempts);
        Assert.Equal(200, record.LastStatusCode);
    }

    [Fact]
    public async Task ConnectionRefused_ThenUp_IsDeliveredOnRetry_AfterTheBackoff()
    {
        var receiver = new FakeWebhookReceiver { Answer = n => n <= 2 ? null : HttpStatusCode.OK };
        await using var host = await SandboxHost.StartAsync(o => o.Receiver = receiver);

        await host.CreatePaidSessionAsync();
        var started = DateTime.UtcNow;
        var deliveries = await receiver.WaitForCountAsync(3);

        Assert.Equal(HttpStatusCode.OK, deliveries[2].Answer);
        // 0.3 s after the first failure, 0.6 s after the second: the delay doubles.
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(850), $"{DateTime.UtcNow - started}");
    }

    [Fact]
    public async Task AfterMaxAttempts_TheDeliveryIsGivenUp_AndShownAsFailed()
    {
        var receiver = new FakeWebhookReceiver { Answer = _ => HttpStatusCode.ServiceUnavailable };
        await using var host = await SandboxHost.StartAsync(o =>
        {
            o.Receiver = receiver;
            o.Settings["PaymentSandbox:WebhookMaxAttempts"] = "2";
        });

        await host.CreatePaidSessionAsync();
        var deliveries = await receiver.WaitForCountAsync(2);
        var evt = EventUtility.ConstructEvent(deliveries[0].Body, deliveries[0].Signature, SandboxHost.WebhookSecret, 300, throwOnApiVersionMismatch: false);
        var record = await host.WaitForDeliveryAsync(evt.Id, d => d.Status == "failed");
        await Task.Delay(800);

        Assert.Equal(2, receiver.Received.Count);
        Assert.Equal(503, record.LastStatusCode);
        var dashboard = await HostedCheckout.GetAsync(host.Browser, $"{SandboxHost.ApiBase}/");
        Assert.Contains("fallido", dashboard.QuerySelector("#eventos tbody tr")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PendingDeliveries_AreSentAfterTheSandboxRestarts()
    {
        using var data = new TempDirectory();
        var down = new FakeWebhookReceiver { Answer = _ => HttpStatusCode.BadGateway };
        string eventId;
        await using (var before = await SandboxHost.StartAsync(o =>
        {
            o.DataDirectory = data.Path;
            o.Receiver = down;
            o.Settings["PaymentSandbox:WebhookRetryBaseDelay"] = "00:00:01";
        }))
        {
            await before.CreatePaidSessionAsync();
            var failed = Assert.Single(await down.WaitForCountAsync(1));
            eventId = EventUtility.ConstructEvent(failed.Body, failed.Signature, SandboxHost.WebhookSecret, 300, throwOnApiVersionMismatch: false).Id;
            await before.WaitForDeliveryAsync(eventId, d => d.TotalAttempts == 1 && d.Status == "pending");
        }

        var up = new FakeWebhookReceiver();
        await using var after = await SandboxHost.StartAsync(o =>
        {
            o.DataDirectory = data.Path;
            o.Receiver = up;
        });
        var delivered = Assert.Single(await up.WaitForCountAsync(1));

        var evt = EventUtility.ConstructEvent(delivered.Body, delivered.Signature, SandboxHost.WebhookSecret, 300, throwOnApiVersionMismatch: false);
        Assert.Equal(eventId, evt.Id);
        var record = await after.WaitForDeliveryAsync(eventId, d => d.Status == "delivered");
        Assert.Equal(2, record.TotalAttempts);
        Assert.Single(down.Received);
    }

    [Fact]
    public async Task WithoutAWebhookUrl_EventsAreRecordedButNotSent()
    {
        var receiver = new FakeWebhookReceiver();
        await using var host = await SandboxHost.StartAsync(o =>
        {
            o.Receiver = receiver;
            o.WebhooksEnabled = false;
        });

        await host.CreatePaidSessionAsync();
        await Task.Delay(500);

        var evt = Assert.Single((await new EventService(host.Stripe).ListAsync()).Data);
        Assert.Equal(0, evt.PendingWebhooks);
        Assert.Null(host.Delivery(evt.Id));
        Assert.Empty(receiver.Received);
    }
}
