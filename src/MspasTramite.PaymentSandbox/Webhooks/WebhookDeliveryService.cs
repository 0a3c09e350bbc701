using System.Net.Http.Headers;
using System.Text;
using MspasTramite.PaymentSandbox.Storage;

namespace MspasTramite.PaymentSandbox.Webhooks;

/// Sends queued events to the webhook endpoint, signed as Stripe signs them, and retries failures with
/// exponential backoff. The queue is the deliveries table, so whatever is pending when the process
/// stops is sent after it starts again. It also expires sessions whose time is up.
internal sealed class WebhookDeliveryService(
    SandboxDatabase database,
    SandboxGateway gateway,
    DeliverySignal signal,
    IHttpClientFactory httpClientFactory,
    IOptions<PaymentSandboxOptions> options,
    TimeProvider clock,
    ILogger<WebhookDeliveryService> logger) : BackgroundService
{
    public const string HttpClientName = "payment-sandbox-webhooks";
    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting before the first database round trip.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await database.WriteAsync(tx => gateway.ExpireDueSessions(tx), stoppingToken).ConfigureAwait(false);
                await DeliverDueAsync(stoppingToken).ConfigureAwait(false);
                await signal.WaitAsync(NextWait(), clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must outlive any one failure (a locked file, a bad row); it is logged.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogError(e, "Payment sandbox background work failed; retrying");
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// Until the next retry falls due, or the poll interval (sessions may expire meanwhile), whichever is sooner.
    private TimeSpan NextWait()
    {
        var poll = options.Value.PollInterval;
        var next = database.Read(tx => tx.NextDueDelivery());
        if (next is null || string.IsNullOrWhiteSpace(options.Value.WebhookUrl))
        {
            return poll;
        }

        var wait = next.Value - clock.GetUtcNow();
        return wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : wait < poll ? wait : poll;
    }

    private async Task DeliverDueAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.WebhookUrl))
        {
            return;
        }

        while (true)
        {
            var due = database.Read(tx => tx.DueDeliveries(clock.GetUtcNow(), BatchSize));
            foreach (var e in due)
            {
                await DeliverAsync(e, settings, stoppingToken).ConfigureAwait(false);
            }

            if (due.Count < BatchSize)
            {
                return;
            }
        }
    }

    private async Task DeliverAsync(EventRecord e, PaymentSandboxOptions settings, CancellationToken stoppingToken)
    {
        int? statusCode = null;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl);
            request.Content = new StringContent(e.Payload, Encoding.UTF8, "application/json");
            request.Headers.TryAddWithoutValidation(WebhookSigner.HeaderName,
                WebhookSigner.Header(e.Payload, settings.WebhookSecret, clock.GetUtcNow()));
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Stripe", "1.0"));
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("(+https://stripe.com/docs/webhooks)"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
            using var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, stoppingToken).ConfigureAwait(false);
            statusCode = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                // Already buffered by SendAsync; read it even while stopping, so the attempt is recorded.
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None).ConfigureAwait(false);
                error = $"HTTP {statusCode}: {Truncate(body, 300)}";
            }
        }
        catch (HttpRequestException x)
        {
            error = Truncate(x.Message, 300);
        }
        catch (TaskCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            error = $"Sin respuesta en {settings.WebhookTimeout.TotalSeconds:0.#} s";
        }

        var delivered = error is null;
        var now = clock.GetUtcNow();
        await database.WriteAsync(tx =>
        {
            DateTimeOffset? next = null;
            if (!delivered)
            {
                var attempts = tx.AttemptsSoFar(e.Id) + 1;
                if (attempts < settings.WebhookMaxAttempts)
                {
                    next = now + Backoff(attempts, settings);
                }
            }

            tx.RecordDeliveryAttempt(e.Id, now, delivered, statusCode, error, next);
            if (!delivered)
            {
                logger.LogWarning("Webhook {EventId} ({Type}) to {Url} failed: {Error}; next attempt {Next}",
                    e.Id, e.Type, settings.WebhookUrl, error, next?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "none");
            }
            else
            {
                logger.LogInformation("Webhook {EventId} ({Type}) delivered to {Url}", e.Id, e.Type, settings.WebhookUrl);
            }
        }, CancellationToken.None).ConfigureAwait(false);
    }

    /// base, 2×base, 4×base … up to the maximum delay.
    internal static TimeSpan Backoff(int failedAttempts, PaymentSandboxOptions settings)
    {
        var factor = Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.WebhookRetryBaseDelay.Ticks * factor, settings.WebhookRetryMaxDelay.Ticks));
        return delay;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
