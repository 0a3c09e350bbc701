using System.Text.Json.Nodes;
using MspasTramite.PaymentSandbox.Storage;

namespace MspasTramite.PaymentSandbox.Api;

/// The part of Stripe's API the app uses, with Stripe's parameter names, checks and messages.
internal static class ApiEndpoints
{
    private const long MaxAmount = 99_999_999;
    private static readonly string[] RefundReasons = ["duplicate", "fraudulent", "requested_by_customer"];

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("/v1/checkout/sessions", (HttpContext h, ApiPipeline api, SandboxGateway g, IOptions<PaymentSandboxOptions> o) =>
            api.HandleAsync(h, c => CreateSession(c, g, HostedPageBase(h, o.Value))));
        group.MapGet("/v1/checkout/sessions/{id}", (HttpContext h, string id, ApiPipeline api, SandboxGateway g) =>
            api.HandleAsync(h, c => RenderSession(c, g.GetSession(c.Transaction, id))));
        group.MapPost("/v1/checkout/sessions/{id}/expire", (HttpContext h, string id, ApiPipeline api, SandboxGateway g) =>
            api.HandleAsync(h, c => StripeObjects.Session(g.ExpireSession(c.Transaction, id, c.Request))));
        group.MapGet("/v1/checkout/sessions/{id}/line_items", (HttpContext h, string id, ApiPipeline api, SandboxGateway g) =>
            api.HandleAsync(h, c => StripeObjects.LineItems(g.GetSession(c.Transaction, id))));

        group.MapPost("/v1/refunds", (HttpContext h, ApiPipeline api, SandboxGateway g) =>
            api.HandleAsync(h, c => StripeObjects.Refund(CreateRefund(c, g))));
        group.MapGet("/v1/refunds/{id}", (HttpContext h, string id, ApiPipeline api) =>
            api.HandleAsync(h, c => StripeObjects.Refund(SandboxGateway.GetRefund(c.Transaction, id))));

        group.MapGet("/v1/payment_intents/{id}", (HttpContext h, string id, ApiPipeline api) =>
            api.HandleAsync(h, c => RenderPaymentIntent(SandboxGateway.GetPayment(c.Transaction, id),
                Expansions(c, "latest_charge", "latest_charge.balance_transaction"))));
        group.MapGet("/v1/charges/{id}", (HttpContext h, string id, ApiPipeline api) =>
            api.HandleAsync(h, c => StripeObjects.Charge(SandboxGateway.GetCharge(c.Transaction, id),
                expandBalanceTransaction: Expansions(c, "balance_transaction").Contains("balance_transaction"))));
        group.MapGet("/v1/balance_transactions/{id}", (HttpContext h, string id, ApiPipeline api) =>
            api.HandleAsync(h, c => StripeObjects.BalanceTransaction(SandboxGateway.GetBalanceTransaction(c.Transaction, id))));

        group.MapGet("/v1/events", (HttpContext h, ApiPipeline api) => api.HandleAsync(h, ListEvents));
        group.MapGet("/v1/events/{id}", (HttpContext h, string id, ApiPipeline api) =>
            api.HandleAsync(h, c => JsonNode.Parse((c.Transaction.FindEvent(id)
                ?? throw StripeApiException.NoSuch("event", id, "id")).Payload)!));

        // Stripe checks the key before it looks at the URL.
        group.Map("/v1/{**rest}", (HttpContext h, ApiPipeline api) => api.HandleAsync(h, _ => throw ApiPipeline.UnrecognizedUrl(h)));
    }

    /// Where browsers reach the hosted page: the configured public origin, or the one the API caller used.
    private static string HostedPageBase(HttpContext http, PaymentSandboxOptions options)
    {
        var origin = string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            ? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}"
            : options.PublicBaseUrl.TrimEnd('/');
        return $"{origin}{PaymentSandboxOptions.PathPrefix}/checkout/";
    }

    private static JsonObject CreateSession(ApiCall call, SandboxGateway gateway, string hostedPageBase)
    {
        var p = call.Params;
        var mode = p.RequiredString("mode");
        if (mode != "payment")
        {
            throw StripeApiException.InvalidRequest(
                $"The payment sandbox supports only mode=payment, not '{mode}'.", "mode");
        }

        var lineItems = p["line_items"] is { HasChildren: true } itemsNode
            ? itemsNode.Items.Select(ReadLineItem).ToList()
            : throw StripeApiException.Missing("line_items");
        var currencies = lineItems.Select(i => i.Currency).Distinct().ToList();
        if (currencies.Count > 1)
        {
            throw StripeApiException.InvalidRequest(
                "All line items in a Checkout Session must use the same currency.", "line_items");
        }

        var total = lineItems.Sum(i => i.Item.Amount);
        if (total < 1)
        {
            throw StripeApiException.InvalidRequest(
                "The Checkout Session's total amount due must be greater than 0.", "line_items", "amount_too_small");
        }

        if (total > MaxAmount)
        {
            throw StripeApiException.InvalidRequest(
                $"The Checkout Session's total amount due must be no more than {MaxAmount}.", "line_items", "amount_too_large");
        }

        var clientReferenceId = p.String("client_reference_id");
        if (clientReferenceId is { Length: > 200 })
        {
            throw StripeApiException.InvalidRequest(
                "client_reference_id can have up to 200 characters.", "client_reference_id", "string_length_exceeds_maximum");
        }

        var now = gateway.Now;
        var expiresAt = p.Long("expires_at");
        if (expiresAt is { } e && e < now + (30 * 60))
        {
            throw StripeApiException.InvalidRequest(
                "The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.", "expires_at");
        }

        if (expiresAt is { } e2 && e2 > now + (24 * 60 * 60))
        {
            throw StripeApiException.InvalidRequest(
                "The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.", "expires_at");
        }

        var intentData = p["payment_intent_data"];
        var input = new NewCheckoutSession(
            Currency: currencies[0],
            LineItems: [.. lineItems.Select(i => i.Item)],
            ClientReferenceId: clientReferenceId,
            Metadata: p.Dictionary("metadata"),
            SuccessUrl: Url(p, "success_url"),
            CancelUrl: Url(p, "cancel_url"),
            ExpiresAt: expiresAt,
            CustomerEmail: p.String("customer_email"),
            Locale: p.String("locale"),
            PaymentIntentDescription: intentData?.String("description"),
            PaymentIntentMetadata: intentData?.Dictionary("metadata") ?? []);
        return StripeObjects.Session(gateway.CreateSession(call.Transaction, input, hostedPageBase));
    }

    private static (LineItemRecord Item, string Currency) ReadLineItem(ParamNode item)
    {
        if (item.String("price") is { } price)
        {
            // The sandbox has no catalogue of Prices: sessions carry their amount in price_data.
            throw StripeApiException.NoSuch("price", price, item.Name + "[price]");
        }

        var priceData = item["price_data"] ?? throw StripeApiException.Missing(item.Name + "[price_data]");
        var currency = priceData.RequiredString("currency").ToLowerInvariant();
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterLower))
        {
            throw StripeApiException.InvalidRequest($"Invalid currency: {currency}.", priceData.Name + "[currency]");
        }

        var unitAmount = priceData.RequiredLong("unit_amount");
        if (unitAmount < 0)
        {
            throw StripeApiException.InvalidRequest("This value must be greater than or equal to 0.", priceData.Name + "[unit_amount]");
        }

        var name = priceData["product_data"] is { } productData
            ? productData.RequiredString("name")
            : priceData.String("product") is { } product
                ? throw StripeApiException.NoSuch("product", product, priceData.Name + "[product]")
                : throw StripeApiException.Missing(priceData.Name + "[product_data]");
        var quantity = item.RequiredLong("quantity");
        if (quantity < 1)
        {
            throw StripeApiException.InvalidRequest("This value must be greater than or equal to 1.", item.Name + "[quantity]");
        }

        return (new LineItemRecord(name, unitAmount, quantity), currency);
    }

    private static string? Url(ParamNode p, string key)
    {
        var value = p.String(key);
        if (value is null)
        {
            return null;
        }

        // The placeholder's braces are not valid in a URL; check the rest of it.
        var probe = value.Replace("{CHECKOUT_SESSION_ID}", "cs", StringComparison.Ordinal);
        return Uri.TryCreate(probe, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? value
            : throw StripeApiException.InvalidRequest("Not a valid URL", key, "url_invalid");
    }

    private static JsonObject RenderSession(ApiCall call, CheckoutSessionRecord session)
    {
        var expand = Expansions(call, "payment_intent", "payment_intent.latest_charge", "payment_intent.latest_charge.balance_transaction", "line_items");
        JsonNode? intent = null;
        if (session.PaymentIntentId is { } intentId && expand.Any(e => e.StartsWith("payment_intent", StringComparison.Ordinal)))
        {
            intent = RenderPaymentIntent(SandboxGateway.GetPayment(call.Transaction, intentId), expand, "payment_intent.");
        }

        return StripeObjects.Session(session, intent, expandLineItems: expand.Contains("line_items"));
    }

    /// A payment intent with its charge, and the charge's balance transaction, expanded as asked; the
    /// paths are counted from where the intent stands (at: "" or "payment_intent."). Expanding a
    /// nested path expands every object on the way, as Stripe does.
    private static JsonObject RenderPaymentIntent(PaymentRecord payment, HashSet<string> expand, string at = "")
    {
        var charge = at + "latest_charge";
        var balance = expand.Contains(charge + ".balance_transaction");
        return StripeObjects.PaymentIntent(payment, balance || expand.Contains(charge) ? StripeObjects.Charge(payment, balance) : null);
    }

    private static HashSet<string> Expansions(ApiCall call, params string[] allowed)
    {
        var requested = call.Params.List("expand");
        foreach (var path in requested)
        {
            if (!allowed.Contains(path, StringComparer.Ordinal))
            {
                throw StripeApiException.InvalidRequest($"This property cannot be expanded ({path}).", "expand");
            }
        }

        return [.. requested];
    }

    private static RefundRecord CreateRefund(ApiCall call, SandboxGateway gateway)
    {
        var p = call.Params;
        var reason = p.String("reason");
        if (reason is not null && !RefundReasons.Contains(reason, StringComparer.Ordinal))
        {
            throw StripeApiException.InvalidRequest(
                "Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer", "reason");
        }

        var input = new NewRefund(p.String("payment_intent"), p.String("charge"), p.Long("amount"), reason, p.Dictionary("metadata"));
        return gateway.CreateRefund(call.Transaction, input, call.Request).Refund;
    }

    private static JsonObject ListEvents(ApiCall call)
    {
        var p = call.Params;
        var limit = p.Long("limit") ?? 10;
        if (limit is < 1 or > 100)
        {
            throw StripeApiException.InvalidRequest(
                limit < 1 ? "This value must be greater than or equal to 1." : "This value must be less than or equal to 100.", "limit");
        }

        var types = new List<string>();
        if (p.String("type") is { } type)
        {
            types.Add(type);
        }

        types.AddRange(p.List("types"));
        var olderThan = Cursor(call, "starting_after");
        var newerThan = Cursor(call, "ending_before");
        var page = call.Transaction.ListEvents(types, (int)limit + 1, olderThan, newerThan);
        var hasMore = page.Count > limit;
        var shown = newerThan is not null && olderThan is null ? page.Skip(page.Count - (int)Math.Min(limit, page.Count)) : page.Take((int)limit);
        var data = new JsonArray([.. shown.Select(e => JsonNode.Parse(e.Payload))]);
        return StripeObjects.List(data, "/v1/events", hasMore);
    }

    private static long? Cursor(ApiCall call, string key) =>
        call.Params.String(key) is { } id
            ? (call.Transaction.FindEvent(id) ?? throw StripeApiException.NoSuch("event", id, key)).Sequence
            : null;
}
