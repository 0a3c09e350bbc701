using MspasTramite.PaymentSandbox.Webhooks;
using Stripe;

namespace MspasTramite.PaymentSandbox.Tests.Webhooks;

public sealed class WebhookSignerTests
{
    [Fact]
    public void Signature_IsTheOneStripeNetComputes()
    {
        const string payload = "{\"id\": \"evt_1\", \"object\": \"event\"}";
        var at = DateTimeOffset.FromUnixTimeSeconds(1_795_000_000);

        var header = WebhookSigner.Header(payload, "whsec_abc", at);

        Assert.Equal($"t=1795000000,v1={EventUtility.ComputeSignature("whsec_abc", "1795000000", payload)}", header);
        EventUtility.ValidateSignature(payload, header, "whsec_abc", 300, at.ToUnixTimeSeconds());
    }

    [Fact]
    public void Backoff_DoublesFromTheBaseDelay_UpToTheMaximum()
    {
        var settings = new PaymentSandboxOptions
        {
            WebhookRetryBaseDelay = TimeSpan.FromSeconds(5),
            WebhookRetryMaxDelay = TimeSpan.FromSeconds(30),
        };

        var delays = Enumerable.Range(1, 6).Select(n => WebhookDeliveryService.Backoff(n, settings).TotalSeconds);

        Assert.Equal([5d, 10d, 20d, 30d, 30d, 30d], delays);
    }
}
