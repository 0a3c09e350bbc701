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

/// What an authentic webhook says before it is parsed: its event id and type, read from the JSON's
/// top level, and whether the service acts on that type at all (the rest are only recorded).
public sealed record WebhookEnvelope(string Id, string Type, bool Handled)
{
    /// The top-level "id" and "type" of an event, skipping everything else (the event's object can
    /// be large); null when the body is not a JSON object that has both as strings.
    public static (string Id, string Type)? Read(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(payload));
            if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
            {
                return null;
            }

            string? id = null, type = null;
            while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
            {
                var name = reader.ValueTextEquals("id"u8) ? "id" : reader.ValueTextEquals("type"u8) ? "type" : null;
                if (!reader.Read())
                {
                    return null;
                }

                if (name is not null && reader.TokenType == System.Text.Json.JsonTokenType.String)
                {
                    if (name == "id")
                    {
                        id = reader.GetString();
                    }
                    else
                    {
                        type = reader.GetString();
                    }
                }
                else
                {
                    reader.Skip();
                }

                if (id is not null && type is not null)
                {
                    return (id, type);
                }
            }

            return null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

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

    /// Checks the raw body against its signature header (WebhookSignatureException when it is not
    /// authentic) and reads the event's id and type, without parsing the rest; null when an
    /// authentic body is not an event.
    WebhookEnvelope? VerifyWebhook(string payload, string? signatureHeader);

    /// The whole event, from a body VerifyWebhook accepted.
    WebhookEvent ParseWebhook(string verifiedPayload);
}
