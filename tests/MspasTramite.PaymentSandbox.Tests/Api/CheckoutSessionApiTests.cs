using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MspasTramite.PaymentSandbox.Tests.TestKit;
using Stripe;
using Stripe.Checkout;

namespace MspasTramite.PaymentSandbox.Tests.Api;

public sealed class CheckoutSessionApiTests : IAsyncLifetime
{
    private SandboxHost host = null!;

    public async Task InitializeAsync() => host = await SandboxHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Create_ReturnsAnOpenUnpaidSessionInStripesFormat()
    {
        var before = DateTime.UtcNow.AddSeconds(-2);

        var session = await host.Stripe.CreateSessionAsync(50000);

        Assert.StartsWith("cs_test_", session.Id, StringComparison.Ordinal);
        Assert.Equal("checkout.session", session.Object);
        Assert.Equal(50000, session.AmountTotal);
        Assert.Equal("gtq", session.Currency);
        Assert.Equal("SOL-2026-000042", session.ClientReferenceId);
        Assert.Equal("42", session.Metadata["application_id"]);
        Assert.Equal("payment", session.Mode);
        Assert.Equal("unpaid", session.PaymentStatus);
        Assert.Equal("open", session.Status);
        Assert.Null(session.PaymentIntentId);
        Assert.False(session.Livemode);
        Assert.Equal(TestData.SuccessUrl, session.SuccessUrl);
        Assert.Equal(TestData.CancelUrl, session.CancelUrl);
        Assert.Equal($"{SandboxHost.ApiBase}/checkout/{session.Id}", session.Url);
        Assert.InRange(session.Created, before, DateTime.UtcNow.AddSeconds(2));
        // Without expires_at, Stripe's default lifetime: 24 hours.
        Assert.Equal(TimeSpan.FromHours(24), session.ExpiresAt - session.Created);
    }

    [Fact]
    public async Task Create_WithExpiresAt_KeepsIt()
    {
        var options = TestData.SessionOptions();
        var expiresAt = DateTime.UtcNow.AddHours(2);
        options.ExpiresAt = expiresAt;

        var session = await new SessionService(host.Stripe).CreateAsync(options);

        Assert.Equal(new DateTimeOffset(expiresAt).ToUnixTimeSeconds(), new DateTimeOffset(session.ExpiresAt).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Create_WithExpiresAtTooSoon_IsRejectedLikeStripe()
    {
        var options = TestData.SessionOptions();
        options.ExpiresAt = DateTime.UtcNow.AddMinutes(5);

        var e = await Assert.ThrowsAsync<StripeException>(() => new SessionService(host.Stripe).CreateAsync(options));

        Assert.Equal(HttpStatusCode.BadRequest, e.HttpStatusCode);
        Assert.Equal("invalid_request_error", e.StripeError.Type);
        Assert.Equal("expires_at", e.StripeError.Param);
    }

    [Fact]
    public async Task Create_WithoutLineItems_IsAMissingParameter()
    {
        var options = TestData.SessionOptions();
        options.LineItems = null;

        var e = await Assert.ThrowsAsync<StripeException>(() => new SessionService(host.Stripe).CreateAsync(options));

        Assert.Equal(HttpStatusCode.BadRequest, e.HttpStatusCode);
        Assert.Equal("parameter_missing", e.StripeError.Code);
        Assert.Equal("line_items", e.StripeError.Param);
    }

    [Fact]
    public async Task Create_WithoutQuantity_NamesTheNestedParameter()
    {
        var options = TestData.SessionOptions();
        options.LineItems[0].Quantity = null;

        var e = await Assert.ThrowsAsync<StripeException>(() => new SessionService(host.Stripe).CreateAsync(options));

        Assert.Equal("parameter_missing", e.StripeError.Code);
        Assert.Equal("line_items[0][quantity]", e.StripeError.Param);
    }

    [Fact]
    public async Task Create_WithAnInvalidSuccessUrl_IsRejected()
    {
        var options = TestData.SessionOptions();
        options.SuccessUrl = "javascript:alert(1)";

        var e = await Assert.ThrowsAsync<StripeException>(() => new SessionService(host.Stripe).CreateAsync(options));

        Assert.Equal("url_invalid", e.StripeError.Code);
        Assert.Equal("success_url", e.StripeError.Param);
    }

    [Fact]
    public async Task Create_InSubscriptionMode_IsRejected()
    {
        var options = TestData.SessionOptions();
        options.Mode = "subscription";

        var e = await Assert.ThrowsAsync<StripeException>(() => new SessionService(host.Stripe).CreateAsync(options));

        Assert.Equal("mode", e.StripeError.Param);
    }

    [Fact]
    public async Task Create_AddsUpQuantitiesAndLineItems()
    {
        var options = TestData.SessionOptions(10000);
        options.LineItems[0].Quantity = 3;
        options.LineItems.Add(new SessionLineItemOptions
        {
            Quantity = 1,
            PriceData = new SessionLineItemPriceDataOptions
            {
                Currency = "gtq",
                UnitAmount = 2550,
                ProductData = new SessionLineItemPriceDataProductDataOptions { Name = "Copia certificada" },
            },
        });

        var session = await new SessionService(host.Stripe).CreateAsync(options);
        var items = await new SessionLineItemService(host.Stripe).ListAsync(session.Id);

        Assert.Equal(32550, session.AmountTotal);
        Assert.Equal([30000L, 2550L], items.Data.Select(i => i.AmountTotal));
    }

    [Fact]
    public async Task Retrieve_ReturnsTheSameSession()
    {
        var created = await host.Stripe.CreateSessionAsync();

        var retrieved = await new SessionService(host.Stripe).GetAsync(created.Id);

        Assert.Equal(created.Id, retrieved.Id);
        Assert.Equal(created.AmountTotal, retrieved.AmountTotal);
        Assert.Equal(created.Url, retrieved.Url);
        Assert.Equal("open", retrieved.Status);
    }

    [Fact]
    public async Task Retrieve_UnknownId_IsResourceMissing()
    {
        var e = await Assert.ThrowsAsync<StripeException>(() => new SessionService(host.Stripe).GetAsync("cs_test_no_existe"));

        Assert.Equal(HttpStatusCode.NotFound, e.HttpStatusCode);
        Assert.Equal("invalid_request_error", e.StripeError.Type);
        Assert.Equal("resource_missing", e.StripeError.Code);
        Assert.Equal("No such checkout.session: 'cs_test_no_existe'", e.StripeError.Message);
    }

    [Fact]
    public async Task Retrieve_WithExpandedPaymentIntent_EmbedsIt()
    {
        var paid = await host.CreatePaidSessionAsync();

        var session = await new SessionService(host.Stripe).GetAsync(paid.Id,
            new SessionGetOptions { Expand = ["payment_intent.latest_charge"] });

        Assert.Equal(paid.PaymentIntentId, session.PaymentIntent.Id);
        Assert.Equal("succeeded", session.PaymentIntent.Status);
        Assert.Equal(50000, session.PaymentIntent.LatestCharge.Amount);
    }

    [Fact]
    public async Task Expire_AnOpenSession_ExpiresItAndEmitsTheEvent()
    {
        var session = await host.Stripe.CreateSessionAsync();

        var expired = await new SessionService(host.Stripe).ExpireAsync(session.Id);

        Assert.Equal("expired", expired.Status);
        Assert.Null(expired.Url);
        Assert.Equal("expired", (await new SessionService(host.Stripe).GetAsync(session.Id)).Status);
        var events = await new EventService(host.Stripe).ListAsync(new EventListOptions { Type = "checkout.session.expired" });
        var expiredEvent = Assert.Single(events.Data);
        Assert.Equal(session.Id, Assert.IsType<Session>(expiredEvent.Data.Object).Id);
    }

    [Fact]
    public async Task Expire_ASessionNotOpen_IsRejectedLikeStripe()
    {
        var session = await host.Stripe.CreateSessionAsync();
        await new SessionService(host.Stripe).ExpireAsync(session.Id);

        var e = await Assert.ThrowsAsync<StripeException>(() => new SessionService(host.Stripe).ExpireAsync(session.Id));

        Assert.Equal(HttpStatusCode.BadRequest, e.HttpStatusCode);
        Assert.Equal("invalid_request_error", e.StripeError.Type);
        Assert.StartsWith("Only Checkout Sessions with a status in [\"open\"] can be expired.", e.StripeError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expire_APaidSession_IsRejected()
    {
        var paid = await host.CreatePaidSessionAsync();

        var e = await Assert.ThrowsAsync<StripeException>(() => new SessionService(host.Stripe).ExpireAsync(paid.Id));

        Assert.Contains("`complete`", e.StripeError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_SameIdempotencyKey_ReturnsTheFirstSession()
    {
        var key = new RequestOptions { IdempotencyKey = "pago-intento-42-1" };

        var first = await host.Stripe.CreateSessionAsync(50000, key);
        var second = await host.Stripe.CreateSessionAsync(50000, key);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal("true", second.StripeResponse.Headers.GetValues("Idempotent-Replayed").Single());
        var other = await host.Stripe.CreateSessionAsync(50000, new RequestOptions { IdempotencyKey = "pago-intento-42-2" });
        Assert.NotEqual(first.Id, other.Id);
    }

    [Fact]
    public async Task Create_SameKeyTwentyTimesAtOnce_MakesOneSession()
    {
        var key = new RequestOptions { IdempotencyKey = "doble-clic-42" };

        var sessions = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => host.Stripe.CreateSessionAsync(50000, key)));

        Assert.Single(sessions.Select(s => s.Id).Distinct());
    }

    [Fact]
    public async Task Create_SameIdempotencyKeyWithOtherParameters_IsAnIdempotencyError()
    {
        var key = new RequestOptions { IdempotencyKey = "pago-intento-43-1" };
        await host.Stripe.CreateSessionAsync(50000, key);

        var e = await Assert.ThrowsAsync<StripeException>(() => host.Stripe.CreateSessionAsync(60000, key));

        Assert.Equal(HttpStatusCode.BadRequest, e.HttpStatusCode);
        Assert.Equal("idempotency_error", e.StripeError.Type);
        Assert.Contains("pago-intento-43-1", e.StripeError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_AfterAFailedRequest_SameKeyCanBeUsedOnceCorrected()
    {
        var key = new RequestOptions { IdempotencyKey = "pago-intento-44-1" };
        var invalid = TestData.SessionOptions();
        invalid.Mode = null;
        await Assert.ThrowsAsync<StripeException>(() => new SessionService(host.Stripe).CreateAsync(invalid, key));

        var session = await host.Stripe.CreateSessionAsync(50000, key);

        Assert.Equal("open", session.Status);
    }

    [Fact]
    public async Task AnyRequest_WithTheWrongKey_Is401()
    {
        var stranger = SandboxHost.CreateStripeClient(host.Server, "sk_test_otra_clave_que_no_es");

        var e = await Assert.ThrowsAsync<StripeException>(() => stranger.CreateSessionAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, e.HttpStatusCode);
        Assert.Equal("invalid_request_error", e.StripeError.Type);
        Assert.StartsWith("Invalid API Key provided: sk_test_", e.StripeError.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("otra_clave", e.StripeError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyRequest_WithoutAKey_Is401WithAStripeError()
    {
        using var response = await host.Browser.GetAsync(new Uri($"{SandboxHost.ApiBase}/v1/events"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("You did not provide an API key.", json.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyRequest_WithTheKeyAsBasicAuth_IsAccepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{SandboxHost.ApiBase}/v1/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("sk_test_mspas_sandbox:"u8.ToArray()));

        using var response = await host.Browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnknownApiUrl_Is404WithAStripeError()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{SandboxHost.ApiBase}/v1/customers");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SandboxHost.SecretKey);

        using var response = await host.Browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("Unrecognized request URL (GET: /v1/customers)", json.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
