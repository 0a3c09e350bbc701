using System.Globalization;
using System.Text.Json.Nodes;
using MspasTramite.PaymentSandbox.Api;
using MspasTramite.PaymentSandbox.Storage;

namespace MspasTramite.PaymentSandbox;

internal sealed record NewCheckoutSession(
    string Currency,
    IReadOnlyList<LineItemRecord> LineItems,
    string? ClientReferenceId,
    Dictionary<string, string> Metadata,
    string? SuccessUrl,
    string? CancelUrl,
    long? ExpiresAt,
    string? CustomerEmail,
    string? Locale,
    string? PaymentIntentDescription,
    Dictionary<string, string> PaymentIntentMetadata);

internal sealed record NewRefund(
    string? PaymentIntentId,
    string? ChargeId,
    long? Amount,
    string? Reason,
    Dictionary<string, string> Metadata);

/// What the sandbox does: Stripe's state changes for sessions, payments and refunds, each with the
/// event Stripe would emit, written in the caller's transaction.
internal sealed class SandboxGateway(TimeProvider clock, IOptions<PaymentSandboxOptions> options)
{
    private PaymentSandboxOptions Options => options.Value;

    public DateTimeOffset UtcNow => clock.GetUtcNow();

    public long Now => clock.GetUtcNow().ToUnixTimeSeconds();

    public CheckoutSessionRecord CreateSession(SandboxTransaction tx, NewCheckoutSession input, string hostedPageBase)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(input);
        var now = Now;
        var id = StripeIds.CheckoutSession();
        var session = new CheckoutSessionRecord
        {
            Id = id,
            Created = now,
            ExpiresAt = input.ExpiresAt ?? now + (Options.SessionLifetimeMinutes * 60L),
            Currency = input.Currency,
            AmountTotal = input.LineItems.Sum(i => i.Amount),
            LineItems = [.. input.LineItems],
            ClientReferenceId = input.ClientReferenceId,
            Metadata = input.Metadata,
            SuccessUrl = input.SuccessUrl,
            CancelUrl = input.CancelUrl,
            CustomerEmail = input.CustomerEmail,
            Locale = input.Locale,
            PaymentIntentDescription = input.PaymentIntentDescription,
            PaymentIntentMetadata = input.PaymentIntentMetadata,
            HostedUrl = hostedPageBase + id,
        };
        tx.SaveSession(session);
        return session;
    }

    /// The session as it is now: one past its expires_at is expired on the spot (with its event),
    /// so a reader never sees "open" for a session that can no longer be paid.
    public CheckoutSessionRecord? FindSession(SandboxTransaction tx, string id)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var session = tx.FindSession(id);
        if (session is { Status: SessionStatus.Open } && session.ExpiresAt <= Now)
        {
            Expire(tx, session, request: null);
        }

        return session;
    }

    public CheckoutSessionRecord GetSession(SandboxTransaction tx, string id) =>
        FindSession(tx, id) ?? throw StripeApiException.NoSuch("checkout.session", id, "session");

    public CheckoutSessionRecord ExpireSession(SandboxTransaction tx, string id, RequestInfo request)
    {
        var session = GetSession(tx, id);
        if (session.Status != SessionStatus.Open)
        {
            throw StripeApiException.InvalidRequest(
                $"Only Checkout Sessions with a status in [\"open\"] can be expired. This Checkout Session has a status of `{session.Status}`.");
        }

        Expire(tx, session, request);
        return session;
    }

    public int ExpireDueSessions(SandboxTransaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var due = tx.OpenSessionsExpiringBy(Now);
        foreach (var id in due)
        {
            FindSession(tx, id);
        }

        return due.Count;
    }

    /// The card asked for the issuer's confirmation: remember it until the person answers.
    public static string BeginAuthentication(SandboxTransaction tx, CheckoutSessionRecord session, CardRecord card)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(session);
        var token = StripeIds.Token();
        session.PendingAuthentication = new PendingAuthentication(token, card);
        tx.SaveSession(session);
        return token;
    }

    public static void CancelAuthentication(SandboxTransaction tx, CheckoutSessionRecord session)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(session);
        session.PendingAuthentication = null;
        tx.SaveSession(session);
    }

    public PaymentRecord CompletePayment(SandboxTransaction tx, CheckoutSessionRecord session, CardRecord card)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(session);
        if (session.Status != SessionStatus.Open)
        {
            throw new InvalidOperationException($"Session {session.Id} is {session.Status}.");
        }

        var now = Now;
        var payment = new PaymentRecord
        {
            BalanceTransaction = new BalanceTransactionRecord(StripeIds.BalanceTransaction(), Fee(session.AmountTotal)),
            Id = StripeIds.PaymentIntent(),
            ChargeId = StripeIds.Charge(),
            PaymentMethodId = StripeIds.PaymentMethod(),
            SessionId = session.Id,
            Created = now,
            Amount = session.AmountTotal,
            Currency = session.Currency,
            Card = card,
            Description = session.PaymentIntentDescription,
            Metadata = session.PaymentIntentMetadata,
        };
        tx.SavePayment(payment);

        session.Status = SessionStatus.Complete;
        session.PaymentStatus = "paid";
        session.PaymentIntentId = payment.Id;
        session.CompletedAt = now;
        session.PendingAuthentication = null;
        tx.SaveSession(session);

        AddEvent(tx, "checkout.session.completed", StripeObjects.Session(session), null, request: null);
        return payment;
    }

    public static PaymentRecord GetPayment(SandboxTransaction tx, string paymentIntentId) =>
        tx.FindPayment(paymentIntentId) ?? throw StripeApiException.NoSuch("payment_intent", paymentIntentId, "intent");

    public static PaymentRecord GetCharge(SandboxTransaction tx, string chargeId) =>
        tx.FindPaymentByCharge(chargeId) ?? throw StripeApiException.NoSuch("charge", chargeId, "charge");

    public static PaymentRecord GetBalanceTransaction(SandboxTransaction tx, string balanceTransactionId) =>
        tx.FindPaymentByBalanceTransaction(balanceTransactionId) ?? throw StripeApiException.NoSuch("balance transaction", balanceTransactionId, "id");

    /// The configured percentage rounded half away from zero to the smallest unit, plus the fixed part.
    public long Fee(long amount) =>
        (long)decimal.Round(amount * Options.FeePercent / 100m, 0, MidpointRounding.AwayFromZero) + Options.FeeFixed;

    public static RefundRecord GetRefund(SandboxTransaction tx, string refundId) =>
        tx.FindRefund(refundId) ?? throw StripeApiException.NoSuch("refund", refundId, "refund");

    public (RefundRecord Refund, PaymentRecord Payment) CreateRefund(SandboxTransaction tx, NewRefund input, RequestInfo request)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(input);
        PaymentRecord payment;
        if (input.PaymentIntentId is not null)
        {
            payment = tx.FindPayment(input.PaymentIntentId)
                ?? throw StripeApiException.NoSuch("payment_intent", input.PaymentIntentId, "payment_intent");
            if (input.ChargeId is not null && input.ChargeId != payment.ChargeId)
            {
                throw StripeApiException.InvalidRequest(
                    $"The charge '{input.ChargeId}' does not belong to the payment intent '{payment.Id}'.", "charge");
            }
        }
        else if (input.ChargeId is not null)
        {
            payment = tx.FindPaymentByCharge(input.ChargeId) ?? throw StripeApiException.NoSuch("charge", input.ChargeId, "charge");
        }
        else
        {
            throw StripeApiException.InvalidRequest(
                "One of the following params should be provided for this request: payment_intent or charge.");
        }

        if (payment.Refundable <= 0)
        {
            throw StripeApiException.InvalidRequest(
                $"Charge {payment.ChargeId} has already been refunded.", code: "charge_already_refunded");
        }

        var amount = input.Amount ?? payment.Refundable;
        if (amount < 1)
        {
            throw StripeApiException.InvalidRequest("This value must be greater than or equal to 1.", "amount");
        }

        if (amount > payment.Refundable)
        {
            throw StripeApiException.InvalidRequest(
                $"Refund amount ({Money.Format(amount, payment.Currency)}) is greater than unrefunded amount on charge ({Money.Format(payment.Refundable, payment.Currency)})",
                "amount", "amount_too_large");
        }

        var previous = new JsonObject
        {
            ["amount_refunded"] = payment.AmountRefunded,
            ["refunded"] = false,
        };
        payment.AmountRefunded += amount;
        tx.SavePayment(payment);

        var refund = new RefundRecord
        {
            Id = StripeIds.Refund(),
            PaymentIntentId = payment.Id,
            ChargeId = payment.ChargeId,
            Created = Now,
            Amount = amount,
            Currency = payment.Currency,
            Reason = input.Reason,
            Metadata = input.Metadata,
        };
        tx.InsertRefund(refund);

        if (payment.Refundable > 0)
        {
            // Only the attributes that changed, as Stripe's previous_attributes has it.
            previous.Remove("refunded");
        }

        AddEvent(tx, "charge.refunded", StripeObjects.Charge(payment), previous, request);
        return (refund, payment);
    }

    /// Queues the event again for the webhook endpoint, as "Resend" in Stripe's dashboard does.
    public bool Resend(SandboxTransaction tx, string eventId)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (string.IsNullOrWhiteSpace(Options.WebhookUrl) || tx.FindEvent(eventId) is null)
        {
            return false;
        }

        tx.QueueDelivery(eventId, UtcNow);
        return true;
    }

    private void Expire(SandboxTransaction tx, CheckoutSessionRecord session, RequestInfo? request)
    {
        session.Status = SessionStatus.Expired;
        session.PendingAuthentication = null;
        tx.SaveSession(session);
        AddEvent(tx, "checkout.session.expired", StripeObjects.Session(session), null, request);
    }

    private void AddEvent(SandboxTransaction tx, string type, JsonObject dataObject, JsonObject? previous, RequestInfo? request)
    {
        var deliver = !string.IsNullOrWhiteSpace(Options.WebhookUrl);
        var id = StripeIds.Event();
        var created = Now;
        var payload = StripeObjects.Serialize(StripeObjects.Event(
            id, type, created, Options.ApiVersion, dataObject, previous, deliver ? 1 : 0, request));
        tx.InsertEvent(id, type, created, payload, deliver ? UtcNow : null);
    }
}

internal static class Money
{
    // Currencies whose smallest unit is the unit itself (Stripe's zero-decimal list, the common ones).
    private static readonly HashSet<string> ZeroDecimal = ["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"];

    /// "Q500.00" for 50000 centavos of GTQ.
    public static string Format(long amount, string currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        var code = currency.ToLowerInvariant();
        var value = ZeroDecimal.Contains(code)
            ? amount.ToString("N0", CultureInfo.InvariantCulture)
            : (amount / 100m).ToString("N2", CultureInfo.InvariantCulture);
        var symbol = code switch
        {
            "gtq" => "Q",
            "usd" => "$",
            "eur" => "€",
            _ => code.ToUpperInvariant() + " ",
        };
        return symbol + value;
    }

    /// "Q500.00 GTQ": the amount and the currency's code, as the hosted page shows it.
    public static string FormatWithCode(long amount, string currency) =>
        $"{Format(amount, currency)} {currency.ToUpperInvariant()}";
}
