using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace MspasTramite.Core.Payments;

public sealed class StripeOptions
{
    public const string Section = "Payments:Stripe";

    public string SecretKey { get; set; } = "";
    public string WebhookSecret { get; set; } = "";

    /// Empty means Stripe itself; the bundled sandbox in Development and tests.
    public string? ApiBase { get; set; }

    public int TimeoutSeconds { get; set; } = 20;

    /// Network retries inside Stripe.net; safe because every call carries an idempotency key.
    public int MaxNetworkRetries { get; set; } = 1;

    /// How long a checkout session stays open (Stripe allows 30 minutes to 24 hours).
    public int SessionMinutes { get; set; } = 60;
}

/// Stripe Checkout through the real Stripe.net client. Switching between the sandbox and Stripe's
/// test or live mode is configuration only (ApiBase and keys).
public sealed class StripePaymentGateway(IHttpClientFactory httpClients, IOptions<StripeOptions> options) : IPaymentGateway
{
    public const string HttpClientName = "stripe";

    public string Provider => "stripe";

    public async Task<CheckoutCreated> CreateCheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var create = new SessionCreateOptions
        {
            Mode = "payment",
            ClientReferenceId = request.ApplicationId.ToString(),
            CustomerEmail = request.CustomerEmail,
            SuccessUrl = request.SuccessUrl,
            CancelUrl = request.CancelUrl,
            // From the attempt's start, not from now: a retry under the same idempotency key must send
            // the very same parameters, or Stripe refuses it (and the attempt could never open a session).
            ExpiresAt = request.StartedAt.AddMinutes(Math.Clamp(options.Value.SessionMinutes, 30, 1440)).UtcDateTime,
            Metadata = new Dictionary<string, string>
            {
                ["attempt_id"] = request.AttemptId.ToString(),
                ["file_number"] = request.FileNumber,
            },
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = request.Currency.ToLowerInvariant(),
                        UnitAmount = request.AmountCentavos,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = request.Description },
                    },
                },
            ],
        };
        var session = await Call(() => new SessionService(Client()).CreateAsync(create, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, cancellationToken)).ConfigureAwait(false);
        return new CheckoutCreated(session.Id, session.Url, session.ExpiresAt == default ? null : new DateTimeOffset(session.ExpiresAt, TimeSpan.Zero));
    }

    public async Task<CheckoutState> GetCheckoutAsync(string sessionId, CancellationToken cancellationToken)
    {
        var session = await Call(() => new SessionService(Client()).GetAsync(sessionId, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return ToState(session);
    }

    public Task ExpireCheckoutAsync(string sessionId, CancellationToken cancellationToken) =>
        Call(() => new SessionService(Client()).ExpireAsync(sessionId, cancellationToken: cancellationToken));

    public async Task<string> RefundAsync(string paymentId, long amountCentavos, string idempotencyKey, CancellationToken cancellationToken)
    {
        try
        {
            var refund = await new RefundService(Client()).CreateAsync(
                new RefundCreateOptions { PaymentIntent = paymentId, Amount = amountCentavos },
                new RequestOptions { IdempotencyKey = idempotencyKey },
                cancellationToken).ConfigureAwait(false);
            return refund.Id;
        }
        catch (StripeException ex) when (ex.StripeError?.Type == "invalid_request_error")
        {
            throw new RefundRefusedException(ex.StripeError.Message ?? ex.Message, ex);
        }
        catch (Exception ex) when (ex is StripeException or HttpRequestException or TaskCanceledException)
        {
            throw new PaymentGatewayException(ex.Message, ex);
        }
    }

    /// From the charge's balance transaction, which Stripe makes with a card charge (later for some
    /// other methods: null until then). A fee in another currency than the payment's (an account that
    /// settles in dollars) is not converted here: that rate is not ours to guess.
    public async Task<long?> GetFeeCentavosAsync(string paymentId, string currency, CancellationToken cancellationToken)
    {
        var intent = await Call(() => new PaymentIntentService(Client()).GetAsync(paymentId,
            new PaymentIntentGetOptions { Expand = ["latest_charge.balance_transaction"] }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var balance = intent.LatestCharge?.BalanceTransaction;
        return balance is not null && string.Equals(balance.Currency, currency, StringComparison.OrdinalIgnoreCase) ? balance.Fee : null;
    }

    // The event types ParseWebhook turns into something the service does; any other is only recorded.
    private static readonly HashSet<string> HandledTypes =
        [EventTypes.CheckoutSessionCompleted, EventTypes.CheckoutSessionAsyncPaymentSucceeded, EventTypes.CheckoutSessionExpired, EventTypes.ChargeRefunded];

    public WebhookEnvelope? VerifyWebhook(string payload, string? signatureHeader)
    {
        try
        {
            // 300 s tolerance (Stripe's default): a replayed old event is refused.
            EventUtility.ValidateSignature(payload, signatureHeader ?? "", options.Value.WebhookSecret, tolerance: 300);
        }
        catch (StripeException ex)
        {
            throw new WebhookSignatureException(ex.Message, ex);
        }

        return WebhookEnvelope.Read(payload) is { } read ? new WebhookEnvelope(read.Id, read.Type, HandledTypes.Contains(read.Type)) : null;
    }

    public WebhookEvent ParseWebhook(string verifiedPayload)
    {
        var stripeEvent = EventUtility.ParseEvent(verifiedPayload, throwOnApiVersionMismatch: false);
        return stripeEvent.Type switch
        {
            EventTypes.CheckoutSessionCompleted or EventTypes.CheckoutSessionAsyncPaymentSucceeded when stripeEvent.Data.Object is Session s =>
                new WebhookEvent(stripeEvent.Id, stripeEvent.Type, WebhookKind.CheckoutCompleted, ToState(s), null, null),
            EventTypes.CheckoutSessionExpired when stripeEvent.Data.Object is Session s =>
                new WebhookEvent(stripeEvent.Id, stripeEvent.Type, WebhookKind.CheckoutExpired, ToState(s), null, null),
            EventTypes.ChargeRefunded when stripeEvent.Data.Object is Charge c =>
                new WebhookEvent(stripeEvent.Id, stripeEvent.Type, WebhookKind.ChargeRefunded, null, c.PaymentIntentId, c.AmountRefunded),
            _ => new WebhookEvent(stripeEvent.Id, stripeEvent.Type, WebhookKind.Other, null, null, null),
        };
    }

    private static CheckoutState ToState(Session s) => new(
        s.Id,
        s.Status switch { "complete" => CheckoutStatus.Complete, "expired" => CheckoutStatus.Expired, _ => CheckoutStatus.Open },
        s.PaymentStatus == "paid",
        s.AmountTotal ?? 0,
        (s.Currency ?? "").ToUpperInvariant(),
        s.PaymentIntentId,
        s.ClientReferenceId,
        s.ExpiresAt == default ? null : new DateTimeOffset(s.ExpiresAt, TimeSpan.Zero));

    private StripeClient Client()
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.SecretKey))
        {
            throw new PaymentGatewayException("Payments:Stripe:SecretKey is not configured.");
        }

        var http = httpClients.CreateClient(HttpClientName);
        http.Timeout = TimeSpan.FromSeconds(o.TimeoutSeconds);
        return new StripeClient(
            apiKey: o.SecretKey,
            httpClient: new SystemNetHttpClient(http, maxNetworkRetries: o.MaxNetworkRetries),
            apiBase: string.IsNullOrWhiteSpace(o.ApiBase) ? null : o.ApiBase.TrimEnd('/'));
    }

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StripeException or HttpRequestException or TaskCanceledException)
        {
            throw new PaymentGatewayException(ex.Message, ex);
        }
    }
}
