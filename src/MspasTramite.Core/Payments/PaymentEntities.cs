namespace MspasTramite.Core.Payments;

/// Every status a payment attempt can take. Only the transitions in PaymentAttempt.CanMoveTo are
/// legal: paid never goes back (alphagov/pay-connector's rule).
public enum PaymentStatus
{
    Created,
    Open,
    Paid,
    Expired,
    Mismatch,
    Duplicate,
}

/// One try at paying an application's fee: one checkout session at the gateway.
public class PaymentAttempt
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public string Provider { get; set; } = "stripe";
    public PaymentStatus Status { get; set; }

    /// Sent with the session creation, so a retry or a double click makes one session.
    public string IdempotencyKey { get; set; } = "";
    public string? SessionId { get; set; }
    public string? CheckoutUrl { get; set; }
    public string? ProviderPaymentId { get; set; }

    public decimal Amount { get; set; }
    public string Currency { get; set; } = "GTQ";
    public decimal AmountRefunded { get; set; }

    /// The fee the gateway reported charging for this payment; null where it reports none (the
    /// cost per transaction then uses the configured rate).
    public decimal? GatewayFee { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? LastCheckedAt { get; set; }

    /// Why Finanzas must look at it (amount or currency mismatch, a second payment of a paid file).
    public string? Note { get; set; }

    public decimal Refundable => Status is PaymentStatus.Paid or PaymentStatus.Duplicate or PaymentStatus.Mismatch && ProviderPaymentId is not null
        ? Amount - AmountRefunded
        : 0m;

    public static bool CanMoveTo(PaymentStatus from, PaymentStatus to) => (from, to) switch
    {
        (PaymentStatus.Created, PaymentStatus.Open) => true,
        (PaymentStatus.Created or PaymentStatus.Open, PaymentStatus.Paid or PaymentStatus.Expired or PaymentStatus.Mismatch or PaymentStatus.Duplicate) => true,
        // A late "completed" for a session we had given up on still counts: the money was taken.
        (PaymentStatus.Expired, PaymentStatus.Paid or PaymentStatus.Mismatch or PaymentStatus.Duplicate) => true,
        _ => false,
    };
}

public class Refund
{
    public Guid Id { get; set; }
    public Guid PaymentAttemptId { get; set; }
    public string? ProviderRefundId { get; set; }
    public decimal Amount { get; set; }
    public string Reason { get; set; } = "";
    public string RequestedById { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// The official receipt ("comprobante de pago"), standing in for the Contraloría's Forma 63-A2.
public class Receipt
{
    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public Guid PaymentAttemptId { get; set; }
    public Guid ApplicationId { get; set; }
    public decimal Amount { get; set; }
    public DateTimeOffset IssuedAt { get; set; }

    /// What the QR code and /verificar/{code} carry; random, so receipts cannot be enumerated.
    public string VerificationCode { get; set; } = "";
}

/// A webhook event already processed: the unique key makes a redelivery a cheap no-op.
public class ProcessedWebhookEvent
{
    public string EventId { get; set; } = "";
    public string Type { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
    public string Outcome { get; set; } = "";
}
