using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using MspasTramite.PaymentSandbox.Tests.TestKit;
using Stripe;
using Stripe.Checkout;

namespace MspasTramite.PaymentSandbox.Tests.Webhooks;

public sealed partial class WebhookDeliveryTests : IAsyncLifetime
{
    private SandboxHost host = null!;

    public async Task InitializeAsync() => host = await SandboxHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [GeneratedRegex("^t=(?<t>[0-9]+),v1=(?<v1>[0-9a-f]{64})$")]
    private static partial Regex SignatureFormat();

    [Fact]
    public async Task Payment_IsDeliveredSignedAsStripeSigns_AndVerifiesWithStripeNet()
    {
        var paid = await host.CreatePaidSessionAsync();

        var delivery = Assert.Single(await host.Webhooks.WaitForCountAsync(1));

        Assert.Equal(new Uri(SandboxHost.WebhookUrl), delivery.Url);
        Assert.StartsWith("application/json", delivery.ContentType, StringComparison.Ordinal);
        Assert.StartsWith("Stripe/1.0", delivery.UserAgent, StringComparison.Ordinal);
        var signature = SignatureFormat().Match(delivery.Signature);
        Assert.True(signature.Success, delivery.Signature);
        var t = long.Parse(signature.Groups["t"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(t, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(EventUtility.ComputeSignature(SandboxHost.WebhookSecret, signature.Groups["t"].Value, delivery.Body), signature.Groups["v1"].Value);

        // As the app's /webhooks/stripe reads it…
        var evt = EventUtility.ConstructEvent(delivery.Body, delivery.Signature, SandboxHost.WebhookSecret, 300, throwOnApiVersionMismatch: false);
        // …and with the SDK's own API-version check on: the sandbox stamps Stripe.net's release train.
        var strict = EventUtility.ConstructEvent(delivery.Body, delivery.Signature, SandboxHost.WebhookSecret);

        Assert.Equal("checkout.session.completed", evt.Type);
        Assert.Equal(evt.Id, strict.Id);
        var session = Assert.IsType<Session>(evt.Data.Object);
        Assert.Equal(paid.Id, session.Id);
        Assert.Equal("paid", session.PaymentStatus);
        Assert.Equal(50000, session.AmountTotal);
        Assert.Equal("gtq", session.Currency);
        Assert.Equal("SOL-2026-000042", session.ClientReferenceId);
        await host.WaitForDeliveryAsync(evt.Id, d => d.Status == "delivered");
    }

    [Fact]
    public async Task TamperedPayload_OrWrongSecret_FailsVerification()
    {
        await host.CreatePaidSessionAsync(50000);
        var delivery = Assert.Single(await host.Webhooks.WaitForCountAsync(1));
        var tampered = delivery.Body.Replace("\"amount_total\": 50000", "\"amount_total\": 5", StringComparison.Ordinal);
        Assert.NotEqual(delivery.Body, tampered);

        Assert.Throws<StripeException>(() =>
            EventUtility.ConstructEvent(tampered, delivery.Signature, SandboxHost.WebhookSecret, 300, throwOnApiVersionMismatch: false));
        Assert.Throws<StripeException>(() =>
            EventUtility.ConstructEvent(delivery.Body, delivery.Signature, "whsec_otro_secreto", 300, throwOnApiVersionMismatch: false));
    }

    [Fact]
    public async Task ExpiryAndRefund_AreDeliveredToo()
    {
        var open = await host.Stripe.CreateSessionAsync();
        await new SessionService(host.Stripe).ExpireAsync(open.Id);
        var paid = await host.CreatePaidSessionAsync(50000);
        await new RefundService(host.Stripe).CreateAsync(new RefundCreateOptions { PaymentIntent = paid.PaymentIntentId, Amount = 15000 });

        var deliveries = await host.Webhooks.WaitForCountAsync(3);
        var events = deliveries.Select(d =>
            EventUtility.ConstructEvent(d.Body, d.Signature, SandboxHost.WebhookSecret, 300, throwOnApiVersionMismatch: false)).ToList();

        // Stripe promises no order; compare as a set.
        Assert.Equal(["charge.refunded", "checkout.session.completed", "checkout.session.expired"],
            events.Select(e => e.Type).Order(StringComparer.Ordinal));
        var charge = Assert.IsType<Charge>(events.Single(e => e.Type == "charge.refunded").Data.Object);
        Assert.Equal(15000, charge.AmountRefunded);
        Assert.Equal(paid.PaymentIntentId, charge.PaymentIntentId);
    }

    [Fact]
    public async Task Resend_FromTheSandboxPage_DeliversTheSameEventAgain()
    {
        await host.CreatePaidSessionAsync();
        var first = Assert.Single(await host.Webhooks.WaitForCountAsync(1));
        var evt = EventUtility.ConstructEvent(first.Body, first.Signature, SandboxHost.WebhookSecret, 300, throwOnApiVersionMismatch: false);
        await host.WaitForDeliveryAsync(evt.Id, d => d.Status == "delivered");

        var dashboard = await HostedCheckout.GetAsync(host.Browser, $"{SandboxHost.ApiBase}/");
        var resendForm = dashboard.QuerySelectorAll("form").Single(f => f.GetAttribute("action")!.Contains(evt.Id, StringComparison.Ordinal));
        using var response = await host.Browser.PostAsync(new Uri(new Uri("http://localhost/"), resendForm.GetAttribute("action")), null);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var deliveries = await host.Webhooks.WaitForCountAsync(2);
        Assert.Equal(first.Body, deliveries[1].Body);
        var again = EventUtility.ConstructEvent(deliveries[1].Body, deliveries[1].Signature, SandboxHost.WebhookSecret, 300, throwOnApiVersionMismatch: false);
        Assert.Equal(evt.Id, again.Id);
        var record = await host.WaitForDeliveryAsync(evt.Id, d => d.Status == "delivered" && d.TotalAttempts == 2);
        Assert.Equal(200, record.LastStatusCode);
    }
}
