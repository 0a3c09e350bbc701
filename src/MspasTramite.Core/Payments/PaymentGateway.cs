namespace MspasTramite.Core.Payments;

public enum CheckoutStatus
{
    Open,
    Complete,
    Expired,
}

/// What the gateway says about a checkout session, in our terms (amounts in centavos as sent).
public sealed record CheckoutState(
    string SessionId,
    CheckoutStatus Status,
    bool Paid,
    long AmountCentavos,
    string Currency,
    string? PaymentId,
    string? ClientReferenceId,
    DateTimeOffset? ExpiresAt);

public sealed record CheckoutRequest(
    Guid AttemptId,
    Guid ApplicationId,
    string FileNumber,
    string Description,
    long AmountCentavos,
    string Currency,
    string SuccessUrl,
    string CancelUrl,
    string IdempotencyKey,
    string CustomerEmail,
    DateTimeOffset StartedAt);

public sealed record CheckoutCreated(string SessionId, string Url, DateTimeOffset? ExpiresAt);

public enum WebhookKind
{
    CheckoutCompleted,
    CheckoutExpired,
    ChargeRefunded,
    Other,
}

public sealed record WebhookEvent(string Id, string Type, WebhookKind Kind, CheckoutState? Checkout, string? RefundedPaymentId, long? AmountRefundedCentavos);

/// The gateway failed or did not answer; nothing is known to have been charged.
public sealed class PaymentGatewayException(string message, Exception? inner = null) : Exception(message, inner);

/// The refund was refused by the gateway (e.g. more than what remains).
public sealed class RefundRefusedException(string message, Exception? inner = null) : Exception(message, inner);

/// The webhook is not authentic (bad or missing signature, outside the time tolerance).
public sealed class WebhookSignatureException(string message, Exception? inner = null) : Exception(message, inner);

/// The payment provider behind one interface: Stripe first; a bank-deposit channel can be another.
public interface IPaymentGateway
{
    string Provider { get; }

    Task<CheckoutCreated> CreateCheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken);

    Task<CheckoutState> GetCheckoutAsync(string sessionId, CancellationToken cancellationToken);

    Task ExpireCheckoutAsync(string sessionId, CancellationToken cancellationToken);

    Task<string> RefundAsync(string paymentId, long amountCentavos, string idempotencyKey, CancellationToken cancellationToken);

    /// The fee the gateway kept on a payment, in centavos of the payment's currency; null where it
    /// reports none (yet, or in another currency).
    Task<long?> GetFeeCentavosAsync(string paymentId, string currency, CancellationToken cancellationToken);

    WebhookEvent ParseWebhook(string payload, string? signatureHeader);
}
