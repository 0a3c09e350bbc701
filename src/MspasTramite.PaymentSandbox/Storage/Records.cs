namespace MspasTramite.PaymentSandbox.Storage;

// The sandbox's own records, stored as JSON documents and rendered into Stripe's object format by
// StripeObjects. Amounts are integers in the currency's smallest unit (centavos), as Stripe's are.

internal static class SessionStatus
{
    public const string Open = "open";
    public const string Complete = "complete";
    public const string Expired = "expired";
}

internal sealed class CheckoutSessionRecord
{
    public required string Id { get; init; }
    public long Created { get; init; }
    public long ExpiresAt { get; init; }
    public string Status { get; set; } = SessionStatus.Open;
    public string PaymentStatus { get; set; } = "unpaid";
    public string Mode { get; init; } = "payment";
    public required string Currency { get; init; }
    public long AmountTotal { get; init; }
    public List<LineItemRecord> LineItems { get; init; } = [];
    public string? ClientReferenceId { get; init; }
    public Dictionary<string, string> Metadata { get; init; } = [];
    public string? SuccessUrl { get; init; }
    public string? CancelUrl { get; init; }
    public string? CustomerEmail { get; init; }
    public string? Locale { get; init; }
    public string? PaymentIntentDescription { get; init; }
    public Dictionary<string, string> PaymentIntentMetadata { get; init; } = [];

    /// The hosted page, fixed when the session is created (the API caller's view of the sandbox).
    public required string HostedUrl { get; init; }

    public string? PaymentIntentId { get; set; }
    public long? CompletedAt { get; set; }

    /// A card that asked for the issuer's confirmation (3-D Secure) and awaits the person's answer.
    public PendingAuthentication? PendingAuthentication { get; set; }
}

internal sealed record LineItemRecord(string Name, long UnitAmount, long Quantity)
{
    public long Amount => UnitAmount * Quantity;
}

internal sealed record CardRecord(string Brand, string Last4, int ExpMonth, int ExpYear, string Funding);

internal sealed record PendingAuthentication(string Token, CardRecord Card);

/// A payment intent with its one successful charge: Checkout makes exactly one per paid session.
internal sealed class PaymentRecord
{
    public required string Id { get; init; }
    public required string ChargeId { get; init; }
    public required string PaymentMethodId { get; init; }
    public required string SessionId { get; init; }
    public long Created { get; init; }
    public long Amount { get; init; }
    public required string Currency { get; init; }
    public long AmountRefunded { get; set; }
    public required CardRecord Card { get; init; }
    public string? Description { get; init; }
    public Dictionary<string, string> Metadata { get; init; } = [];

    /// Null on payments recorded before the sandbox reported fees: their charge has no
    /// balance_transaction, as a gateway that reports none.
    public BalanceTransactionRecord? BalanceTransaction { get; init; }

    public long Refundable => Amount - AmountRefunded;
}

/// The charge's entry in the account's balance (Stripe's BalanceTransaction): the amount, the fee the
/// gateway kept, and the net. Amount, currency and date are the charge's own.
internal sealed record BalanceTransactionRecord(string Id, long Fee);

internal sealed class RefundRecord
{
    public required string Id { get; init; }
    public required string PaymentIntentId { get; init; }
    public required string ChargeId { get; init; }
    public long Created { get; init; }
    public long Amount { get; init; }
    public required string Currency { get; init; }
    public string? Reason { get; init; }
    public Dictionary<string, string> Metadata { get; init; } = [];
}

internal sealed record EventRecord(long Sequence, string Id, string Type, long Created, string Payload);

internal static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}

internal sealed record DeliveryRecord(
    string EventId,
    string Status,
    int Attempts,
    int TotalAttempts,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset? DeliveredAt);

internal sealed record EventWithDelivery(EventRecord Event, DeliveryRecord? Delivery);

internal sealed record IdempotencyRecord(string Key, string Fingerprint, string Body, string RequestId);
