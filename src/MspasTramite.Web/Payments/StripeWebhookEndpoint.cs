using System.Text;
using MspasTramite.Core.Payments;

namespace MspasTramite.Web.Payments;

/// POST /webhooks/stripe. The raw body is verified against Stripe-Signature before anything else;
/// processing is idempotent per event id, so Stripe's retries and duplicates are harmless.
public static class StripeWebhookEndpoint
{
    private const int MaxBodyBytes = 512 * 1024;

    public static IEndpointConventionBuilder MapStripeWebhook(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/webhooks/stripe", HandleAsync)
            .AllowAnonymous()
            // The signature authenticates the caller; there is no browser session to protect.
            .DisableAntiforgery();

    private static async Task<IResult> HandleAsync(HttpContext context, IPaymentGateway gateway, PaymentService payments, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(StripeWebhookEndpoint));
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        string payload;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            payload = await reader.ReadToEndAsync(context.RequestAborted);
        }

        WebhookEnvelope? envelope;
        try
        {
            envelope = gateway.VerifyWebhook(payload, context.Request.Headers["Stripe-Signature"]);
        }
        catch (WebhookSignatureException ex)
        {
            logger.LogWarning("Webhook refused: {Reason}", ex.Message);
            return Results.BadRequest();
        }

        if (envelope is null)
        {
            logger.LogWarning("Webhook refused: a signed body that is not an event");
            return Results.BadRequest();
        }

        // Only after the signature: a redelivery is recognised by its id, before the event is parsed.
        var outcome = await payments.HandleWebhookAsync(envelope, () => gateway.ParseWebhook(payload), context.RequestAborted);
        // Stripe redelivers, and sends types the service only records: those are routine (Debug);
        // what changed a payment is kept at Information.
        logger.Log(outcome is PaymentService.DuplicateWebhook or PaymentService.IgnoredWebhook ? LogLevel.Debug : LogLevel.Information,
            "Webhook {EventId} ({Type}): {Outcome}", envelope.Id, envelope.Type, outcome);
        return Results.Ok(new { received = true });
    }
}
