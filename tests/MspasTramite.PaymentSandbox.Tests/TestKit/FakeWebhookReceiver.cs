using System.Net;

namespace MspasTramite.PaymentSandbox.Tests.TestKit;

public sealed record ReceivedWebhook(string Body, string Signature, string? UserAgent, string? ContentType, Uri? Url, HttpStatusCode Answer);

/// Stands in for the app's /webhooks/stripe: the primary handler of the sandbox's
/// "payment-sandbox-webhooks" client. It records every delivery and answers as the test says.
public sealed class FakeWebhookReceiver : HttpMessageHandler
{
    private readonly Lock gate = new();
    private readonly List<ReceivedWebhook> received = [];

    /// The answer to the n-th request (1-based); 200 unless told otherwise. Null: refuse the connection.
    public Func<int, HttpStatusCode?> Answer { get; set; } = _ => HttpStatusCode.OK;

    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (gate)
            {
                return [.. received];
            }
        }
    }

    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var snapshot = Received;
            if (condition(snapshot))
            {
                return snapshot;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Webhook condition not met; {snapshot.Count} deliveries received: "
                    + string.Join(", ", snapshot.Select(r => r.Answer)));
            }

            await Task.Delay(25);
        }
    }

    public Task<IReadOnlyList<ReceivedWebhook>> WaitForCountAsync(int count, TimeSpan? timeout = null) =>
        WaitForAsync(r => r.Count >= count, timeout);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        int number;
        HttpStatusCode? answer;
        lock (gate)
        {
            number = received.Count + 1;
            answer = Answer(number);
            received.Add(new ReceivedWebhook(
                body,
                request.Headers.TryGetValues("Stripe-Signature", out var s) ? string.Join(",", s) : "",
                request.Headers.UserAgent.ToString(),
                request.Content?.Headers.ContentType?.ToString(),
                request.RequestUri,
                answer ?? 0));
        }

        if (answer is null)
        {
            throw new HttpRequestException("Connection refused (app.test:80)");
        }

        return new HttpResponseMessage(answer.Value) { Content = new StringContent(answer == HttpStatusCode.OK ? "ok" : "boom") };
    }
}
