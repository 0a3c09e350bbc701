using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MspasTramite.PaymentSandbox.Storage;

namespace MspasTramite.PaymentSandbox.Api;

/// Renders the sandbox's records as Stripe's API objects. Fields the app cannot influence in the
/// sandbox (tax, shipping, customers…) are present with Stripe's empty values, so a client that reads
/// them finds what Stripe would send.
internal static class StripeObjects
{
    // Stripe answers pretty-printed JSON; non-ASCII text (Spanish metadata) is left readable.
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.ToJsonString(JsonOptions);
    }

    public static JsonObject Session(CheckoutSessionRecord s, JsonNode? expandedPaymentIntent = null, bool expandLineItems = false)
    {
        ArgumentNullException.ThrowIfNull(s);
        var session = new JsonObject
        {
            ["id"] = s.Id,
            ["object"] = "checkout.session",
            ["after_expiration"] = null,
            ["allow_promotion_codes"] = null,
            ["amount_subtotal"] = s.AmountTotal,
            ["amount_total"] = s.AmountTotal,
            ["automatic_tax"] = new JsonObject { ["enabled"] = false, ["liability"] = null, ["status"] = null },
            ["billing_address_collection"] = null,
            ["cancel_url"] = s.CancelUrl,
            ["client_reference_id"] = s.ClientReferenceId,
            ["client_secret"] = null,
            ["created"] = s.Created,
            ["currency"] = s.Currency,
            ["customer"] = null,
            ["customer_creation"] = "if_required",
            ["customer_details"] = s.PaymentStatus == "paid"
                ? new JsonObject
                {
                    ["address"] = null,
                    ["email"] = s.CustomerEmail,
                    ["name"] = null,
                    ["phone"] = null,
                    ["tax_exempt"] = "none",
                    ["tax_ids"] = new JsonArray(),
                }
                : null,
            ["customer_email"] = s.CustomerEmail,
            ["expires_at"] = s.ExpiresAt,
            ["invoice"] = null,
            ["livemode"] = false,
            ["locale"] = s.Locale,
            ["metadata"] = Metadata(s.Metadata),
            ["mode"] = s.Mode,
            ["payment_intent"] = expandedPaymentIntent ?? (s.PaymentIntentId is null ? null : JsonValue.Create(s.PaymentIntentId)),
            ["payment_link"] = null,
            ["payment_method_collection"] = "if_required",
            ["payment_method_types"] = new JsonArray("card"),
            ["payment_status"] = s.PaymentStatus,
            ["setup_intent"] = null,
            ["status"] = s.Status,
            ["submit_type"] = null,
            ["subscription"] = null,
            ["success_url"] = s.SuccessUrl,
            ["total_details"] = new JsonObject { ["amount_discount"] = 0, ["amount_shipping"] = 0, ["amount_tax"] = 0 },
            ["ui_mode"] = "hosted",
            // Stripe gives the hosted page's address only while the session can still be paid.
            ["url"] = s.Status == SessionStatus.Open ? s.HostedUrl : null,
        };
        if (expandLineItems)
        {
            session["line_items"] = LineItems(s);
        }

        return session;
    }

    public static JsonObject LineItems(CheckoutSessionRecord s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var data = new JsonArray();
        var index = 0;
        foreach (var item in s.LineItems)
        {
            data.Add(new JsonObject
            {
                ["id"] = $"li_{s.Id[8..Math.Min(s.Id.Length, 30)]}{index++}",
                ["object"] = "item",
                ["amount_discount"] = 0,
                ["amount_subtotal"] = item.Amount,
                ["amount_tax"] = 0,
                ["amount_total"] = item.Amount,
                ["currency"] = s.Currency,
                ["description"] = item.Name,
                ["quantity"] = item.Quantity,
            });
        }

        return List(data, $"/v1/checkout/sessions/{s.Id}/line_items", hasMore: false);
    }

    public static JsonObject PaymentIntent(PaymentRecord p, JsonObject? expandedLatestCharge = null)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new JsonObject
        {
            ["id"] = p.Id,
            ["object"] = "payment_intent",
            ["amount"] = p.Amount,
            ["amount_capturable"] = 0,
            ["amount_received"] = p.Amount,
            ["canceled_at"] = null,
            ["cancellation_reason"] = null,
            ["capture_method"] = "automatic",
            ["client_secret"] = null,
            ["confirmation_method"] = "automatic",
            ["created"] = p.Created,
            ["currency"] = p.Currency,
            ["customer"] = null,
            ["description"] = p.Description,
            ["last_payment_error"] = null,
            ["latest_charge"] = expandedLatestCharge ?? (JsonNode)JsonValue.Create(p.ChargeId),
            ["livemode"] = false,
            ["metadata"] = Metadata(p.Metadata),
            ["payment_method"] = p.PaymentMethodId,
            ["payment_method_types"] = new JsonArray("card"),
            ["status"] = "succeeded",
        };
    }

    public static JsonObject Charge(PaymentRecord p, bool expandBalanceTransaction = false)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new JsonObject
        {
            ["id"] = p.ChargeId,
            ["object"] = "charge",
            ["amount"] = p.Amount,
            ["amount_captured"] = p.Amount,
            ["amount_refunded"] = p.AmountRefunded,
            ["balance_transaction"] = p.BalanceTransaction is null ? null
                : expandBalanceTransaction ? BalanceTransaction(p) : JsonValue.Create(p.BalanceTransaction.Id),
            ["billing_details"] = new JsonObject { ["address"] = null, ["email"] = null, ["name"] = null, ["phone"] = null },
            ["captured"] = true,
            ["created"] = p.Created,
            ["currency"] = p.Currency,
            ["customer"] = null,
            ["description"] = p.Description,
            ["disputed"] = false,
            ["failure_code"] = null,
            ["failure_message"] = null,
            ["livemode"] = false,
            ["metadata"] = Metadata(p.Metadata),
            ["outcome"] = new JsonObject
            {
                ["network_status"] = "approved_by_network",
                ["reason"] = null,
                ["risk_level"] = "normal",
                ["seller_message"] = "Payment complete.",
                ["type"] = "authorized",
            },
            ["paid"] = true,
            ["payment_intent"] = p.Id,
            ["payment_method"] = p.PaymentMethodId,
            ["payment_method_details"] = new JsonObject
            {
                ["type"] = "card",
                ["card"] = new JsonObject
                {
                    ["brand"] = p.Card.Brand,
                    ["country"] = "US",
                    ["exp_month"] = p.Card.ExpMonth,
                    ["exp_year"] = p.Card.ExpYear,
                    ["funding"] = p.Card.Funding,
                    ["last4"] = p.Card.Last4,
                },
            },
            ["receipt_url"] = null,
            ["refunded"] = p.AmountRefunded >= p.Amount,
            ["status"] = "succeeded",
        };
    }

    /// The charge's balance transaction. The sandbox makes funds available at once and settles in the
    /// charge's currency, so there is no exchange rate; Stripe may settle later and convert.
    public static JsonObject BalanceTransaction(PaymentRecord p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var txn = p.BalanceTransaction ?? throw new InvalidOperationException($"Payment {p.Id} has no balance transaction.");
        return new JsonObject
        {
            ["id"] = txn.Id,
            ["object"] = "balance_transaction",
            ["amount"] = p.Amount,
            ["available_on"] = p.Created,
            ["created"] = p.Created,
            ["currency"] = p.Currency,
            ["description"] = p.Description,
            ["exchange_rate"] = null,
            ["fee"] = txn.Fee,
            ["fee_details"] = new JsonArray(new JsonObject
            {
                ["amount"] = txn.Fee,
                ["application"] = null,
                ["currency"] = p.Currency,
                ["description"] = "Stripe processing fees",
                ["type"] = "stripe_fee",
            }),
            ["net"] = p.Amount - txn.Fee,
            ["reporting_category"] = "charge",
            ["source"] = p.ChargeId,
            ["status"] = "available",
            ["type"] = "charge",
        };
    }

    public static JsonObject Refund(RefundRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new JsonObject
        {
            ["id"] = r.Id,
            ["object"] = "refund",
            ["amount"] = r.Amount,
            ["balance_transaction"] = null,
            ["charge"] = r.ChargeId,
            ["created"] = r.Created,
            ["currency"] = r.Currency,
            ["metadata"] = Metadata(r.Metadata),
            ["payment_intent"] = r.PaymentIntentId,
            ["reason"] = r.Reason,
            ["receipt_number"] = null,
            ["status"] = "succeeded",
        };
    }

    public static JsonObject Event(string id, string type, long created, string apiVersion, JsonObject dataObject,
        JsonObject? previousAttributes, int pendingWebhooks, RequestInfo? request)
    {
        var data = new JsonObject { ["object"] = dataObject };
        if (previousAttributes is not null)
        {
            data["previous_attributes"] = previousAttributes;
        }

        return new JsonObject
        {
            ["id"] = id,
            ["object"] = "event",
            ["api_version"] = apiVersion,
            ["created"] = created,
            ["data"] = data,
            ["livemode"] = false,
            ["pending_webhooks"] = pendingWebhooks,
            ["request"] = new JsonObject
            {
                ["id"] = request?.RequestId,
                ["idempotency_key"] = request?.IdempotencyKey,
            },
            ["type"] = type,
        };
    }

    public static JsonObject List(JsonArray data, string url, bool hasMore) => new()
    {
        ["object"] = "list",
        ["data"] = data,
        ["has_more"] = hasMore,
        ["url"] = url,
    };

    private static JsonObject Metadata(Dictionary<string, string> metadata)
    {
        var json = new JsonObject();
        foreach (var (key, value) in metadata)
        {
            json[key] = value;
        }

        return json;
    }
}

/// The API request that caused a change, as Stripe reports it in event.request.
internal sealed record RequestInfo(string RequestId, string? IdempotencyKey);
