using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Payments;

namespace MspasTramite.Web.Tests.TestKit;

/// A signed-in citizen with one submitted application waiting for its fee, and what they do to pay it:
/// "Pagar" on the application's page, the sandbox's hosted page, and back to the app.
public sealed class Payer : IDisposable
{
    public const string FoodFactory = "licencia-sanitaria-fabrica-alimentos";
    public const string ProcessedFood = "registro-sanitario-alimento-procesado";
    public const string GoodCard = "4242 4242 4242 4242";
    public const string DeclinedCard = "4000 0000 0000 0002";
    public const string InsufficientFundsCard = "4000 0000 0000 9995";

    private Payer(MspasAppFactory app, TestAccount citizen, WebSession browser, Guid applicationId, string fileNumber, decimal fee)
    {
        App = app;
        Citizen = citizen;
        Browser = browser;
        ApplicationId = applicationId;
        FileNumber = fileNumber;
        Fee = fee;
    }

    public MspasAppFactory App { get; }
    public TestAccount Citizen { get; }
    public WebSession Browser { get; }
    public Guid ApplicationId { get; }
    public string FileNumber { get; }
    public decimal Fee { get; }

    public string DetailUrl => $"/mis-solicitudes/{ApplicationId}";

    /// A confirmed citizen (a new one unless given), signed in, whose application of
    /// <paramref name="slug"/> was submitted and awaits payment of its frozen fee, as
    /// ApplicationService.SubmitAsync leaves it.
    public static async Task<Payer> CreateAsync(MspasAppFactory app, string slug = FoodFactory, TestAccount? account = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var citizen = account ?? await app.CreateAccountAsync(Roles.Solicitante);
        var browser = app.CreateSession();
        await browser.SignInSuccessfullyAsync(citizen.Email, citizen.Password);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var applications = scope.ServiceProvider.GetRequiredService<ApplicationService>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var user = await db.Users.SingleAsync(u => u.Email == citizen.Email);
        var version = await applications.PublishedVersionAsync(slug) ?? throw new InvalidOperationException($"No published version of {slug}.");
        var now = clock.GetUtcNow();
        var year = GuatemalaTime.ToLocal(now).Year;
        var department = version.Procedure.Department;
        var number = await NumberSeries.NextAsync(db, department.ToString(), year, CancellationToken.None);
        var fee = version.FixedFee ?? throw new InvalidOperationException($"{slug} has no fixed fee.");
        var application = new Application
        {
            Id = Guid.CreateVersion7(),
            ApplicantId = user.Id,
            ProcedureVersionId = version.Id,
            Status = ApplicationStatus.AwaitingPayment,
            FileNumber = $"{department}-{year}-{number:000000}",
            EstablishmentName = "Alimentos La Prueba",
            FeeAmount = fee,
            SubmittedAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        return new Payer(app, citizen, browser, application.Id, application.FileNumber, fee);
    }

    /// The application's page, where "Pagar" is.
    public Task<HtmlPage> DetailsAsync() => Browser.GetPageAsync(DetailUrl);

    /// Clicks "Pagar" on the application's page.
    public async Task<HttpResponseMessage> ClickPayAsync(HtmlPage? details = null) =>
        await Browser.SubmitAsync(details ?? await DetailsAsync(), new Dictionary<string, string?>(), "form[action$='/pagar']");

    /// Clicks "Pagar" and checks the app sends the browser to the gateway's hosted page.
    public async Task<Uri> StartCheckoutAsync()
    {
        using var response = await ClickPayAsync();
        return CheckoutUrlOf(response);
    }

    public static Uri CheckoutUrlOf(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.True(response.StatusCode == HttpStatusCode.SeeOther,
            $"Pagar answered {(int)response.StatusCode} {response.StatusCode} (Location: {response.Headers.Location}), expected 303 to the hosted page.");
        var location = response.Headers.Location!;
        Assert.StartsWith(IPaymentsApp.ApiBase + "/checkout/cs_", location.AbsoluteUri, StringComparison.Ordinal);
        return location;
    }

    /// The sandbox's hosted page, as the browser shows it.
    public Task<HtmlPage> CheckoutPageAsync(Uri checkout) => Browser.GetPageAsync(checkout.AbsoluteUri);

    /// Types a card on the hosted page and pays. A good card answers 303 to the app's success page.
    public async Task<HttpResponseMessage> PayAtGatewayAsync(Uri checkout, string card)
    {
        var page = await CheckoutPageAsync(checkout);
        return await Browser.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["cardNumber"] = card,
            ["expiry"] = "12/" + ((DateTime.UtcNow.Year + 3) % 100).ToString("00", CultureInfo.InvariantCulture),
            ["cvc"] = "123",
        }, "form[method=post]");
    }

    /// Pays with the good card and returns the success URL the gateway sends the browser to (not followed).
    public async Task<string> PayWithGoodCardAsync(Uri checkout)
    {
        using var paid = await PayAtGatewayAsync(checkout, GoodCard);
        Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
        var back = paid.Headers.Location!;
        Assert.Equal($"/mis-solicitudes/{ApplicationId}/pago/exito", back.AbsolutePath);
        return back.PathAndQuery;
    }

    /// Pays with the good card and comes back to the app's success page: paid, with its receipt.
    public async Task PayAsync()
    {
        var checkout = await StartCheckoutAsync();
        var success = await PayWithGoodCardAsync(checkout);
        Assert.Equal("Pago recibido", (await Browser.GetPageAsync(success)).Title);
    }

    public Task<PaymentState> StateAsync() => PaymentState.ReadAsync(App, ApplicationId);

    public void Dispose() => Browser.Dispose();
}

/// What the database says about one application's payment.
public sealed record PaymentState(string Status, IReadOnlyList<PaymentAttempt> Attempts, IReadOnlyList<Receipt> Receipts, IReadOnlyList<Refund> Refunds, int ReceiptEmails, int RefundEmails)
{
    public PaymentAttempt Attempt => Assert.Single(Attempts);

    public static async Task<PaymentState> ReadAsync(MspasAppFactory app, Guid applicationId)
    {
        ArgumentNullException.ThrowIfNull(app);
        return await app.WithDbAsync(async db =>
        {
            var application = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == applicationId);
            var email = await db.Users.Where(u => u.Id == application.ApplicantId).Select(u => u.Email!).SingleAsync();
            var attempts = await db.PaymentAttempts.AsNoTracking().Where(p => p.ApplicationId == applicationId).ToListAsync();
            var attemptIds = attempts.Select(a => a.Id).ToList();
            var receipts = await db.Receipts.AsNoTracking().Where(r => r.ApplicationId == applicationId).ToListAsync();
            var refunds = await db.Refunds.AsNoTracking().Where(r => attemptIds.Contains(r.PaymentAttemptId)).ToListAsync();
            var receiptEmails = await db.OutboxMessages.CountAsync(m => m.To == email && m.Kind == "payment.receipt");
            var refundEmails = await db.OutboxMessages.CountAsync(m => m.To == email && m.Kind == "payment.refund");
            return new PaymentState(application.Status, [.. attempts.OrderBy(a => a.CreatedAt)], receipts, refunds, receiptEmails, refundEmails);
        });
    }

    /// Nothing was taken: the application still waits for payment, with no receipt and no paid attempt.
    public void AssertNothingPaid()
    {
        Assert.Equal(ApplicationStatus.AwaitingPayment, Status);
        Assert.Empty(Receipts);
        Assert.DoesNotContain(Attempts, a => a.Status is PaymentStatus.Paid or PaymentStatus.Duplicate);
        Assert.Equal(0, ReceiptEmails);
    }

    /// Paid exactly once: Received, one paid attempt, one receipt, one receipt email queued.
    public Receipt AssertPaidOnce()
    {
        Assert.Equal(ApplicationStatus.Received, Status);
        var paid = Assert.Single(Attempts, a => a.Status == PaymentStatus.Paid);
        Assert.DoesNotContain(Attempts, a => a.Status == PaymentStatus.Duplicate);
        var receipt = Assert.Single(Receipts);
        Assert.Equal(paid.Id, receipt.PaymentAttemptId);
        Assert.Equal(paid.Amount, receipt.Amount);
        Assert.Equal(1, ReceiptEmails);
        return receipt;
    }
}

/// Stripe webhooks as Stripe sends them: forged and signed by the test, or taken from the sandbox.
public static class StripeWebhooks
{
    public const string Path = "/webhooks/stripe";

    /// "t=…,v1=…": HMAC-SHA256 of "{t}.{payload}" keyed with the endpoint secret, as Stripe signs.
    public static string Sign(string payload, DateTimeOffset? at = null, string secret = IPaymentsApp.WebhookSecret)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var t = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{payload}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    /// A client for the endpoint, as Stripe is: no cookies, no antiforgery token.
    public static HttpClient Client(MspasAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.CreateDefaultClient(new Uri("http://localhost"), new ServerErrorHandler(app.Logs));
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string payload, string? signature)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        }

        return await client.SendAsync(request);
    }

    /// An event about a checkout session, in Stripe's format.
    public static string CheckoutEvent(string type, string sessionId, string status, string paymentStatus, long amountTotal, string currency,
        string? paymentIntent, Guid? clientReference, string? eventId = null)
    {
        var session = new JsonObject
        {
            ["id"] = sessionId,
            ["object"] = "checkout.session",
            ["mode"] = "payment",
            ["status"] = status,
            ["payment_status"] = paymentStatus,
            ["amount_total"] = amountTotal,
            ["amount_subtotal"] = amountTotal,
            ["currency"] = currency,
            ["payment_intent"] = paymentIntent,
            ["client_reference_id"] = clientReference?.ToString(),
            ["livemode"] = false,
            ["created"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(),
            ["expires_at"] = DateTimeOffset.UtcNow.AddMinutes(55).ToUnixTimeSeconds(),
        };
        var e = new JsonObject
        {
            ["id"] = eventId ?? "evt_test_" + Guid.NewGuid().ToString("N"),
            ["object"] = "event",
            ["api_version"] = "2026-10-28.endive",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["type"] = type,
            ["data"] = new JsonObject { ["object"] = session },
        };
        return e.ToJsonString();
    }

    /// Stripe.net pointed at the mounted sandbox, as the app's gateway is, but not through its line.
    public static Stripe.StripeClient SandboxClient(MspasAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new Stripe.StripeClient(
            apiKey: IPaymentsApp.StripeSecretKey,
            httpClient: new Stripe.SystemNetHttpClient(app.CreateDefaultClient(new Uri("http://localhost"))),
            apiBase: IPaymentsApp.ApiBase);
    }

    /// The event the sandbox recorded for this session (what it delivers), exactly as its API lists it.
    public static async Task<string> SandboxEventAsync(MspasAppFactory app, string type, string sessionId)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var client = app.CreateDefaultClient(new Uri("http://localhost"));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IPaymentsApp.StripeSecretKey);
        var json = await client.GetStringAsync(new Uri($"/sandbox-pagos/v1/events?type={type}&limit=100", UriKind.Relative));
        using var list = JsonDocument.Parse(json);
        foreach (var e in list.RootElement.GetProperty("data").EnumerateArray())
        {
            if (e.GetProperty("data").GetProperty("object").GetProperty("id").GetString() == sessionId)
            {
                return e.GetRawText();
            }
        }

        throw new InvalidOperationException($"The sandbox has no {type} event for {sessionId}.");
    }
}

/// What the sandbox's own page (its dashboard) shows.
public static class SandboxPage
{
    /// Checkout sessions at the sandbox whose client reference is this application.
    public static async Task<int> SessionsForAsync(MspasAppFactory app, Guid applicationId)
    {
        var page = await ReadAsync(app);
        return page.Document.QuerySelectorAll("#sesiones tbody tr")
            .Count(tr => tr.TextContent.Contains(applicationId.ToString(), StringComparison.Ordinal));
    }

    /// How many times the sandbox tried to deliver this event ("Intentos").
    public static async Task<int> DeliveryAttemptsAsync(MspasAppFactory app, string eventId)
    {
        var page = await ReadAsync(app);
        var row = page.Document.QuerySelectorAll("#eventos tbody tr").FirstOrDefault(tr => tr.Children[1].TextContent.Trim() == eventId);
        return row is null ? 0 : int.Parse(row.Children[4].TextContent.Trim(), CultureInfo.InvariantCulture);
    }

    private static async Task<HtmlPage> ReadAsync(MspasAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var browser = app.CreateSession();
        return await browser.GetPageAsync("http://localhost/sandbox-pagos/");
    }
}

public static class Eventually
{
    /// Polls until the condition holds, up to a bounded time, then fails with what was last seen.
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                Assert.Fail($"{what ?? "The condition"} did not hold within {limit.TotalSeconds:0} s; last seen: {value}");
            }

            await Task.Delay(100);
        }
    }
}
