using Stripe;
using Stripe.Checkout;

namespace MspasTramite.PaymentSandbox.Tests.TestKit;

/// Sessions as the app creates them: the fee in centavos of GTQ, the application as the reference.
public static class TestData
{
    public const string SuccessUrl = "http://app.test/solicitudes/42/pago/exito?session_id={CHECKOUT_SESSION_ID}";
    public const string CancelUrl = "http://app.test/solicitudes/42/pago/cancelado";

    public static SessionCreateOptions SessionOptions(long amount = 50000, string reference = "SOL-2026-000042") => new()
    {
        Mode = "payment",
        ClientReferenceId = reference,
        SuccessUrl = SuccessUrl,
        CancelUrl = CancelUrl,
        Metadata = new Dictionary<string, string> { ["application_id"] = "42", ["procedure"] = "licencia-sanitaria" },
        LineItems =
        [
            new SessionLineItemOptions
            {
                Quantity = 1,
                PriceData = new SessionLineItemPriceDataOptions
                {
                    Currency = "gtq",
                    UnitAmount = amount,
                    ProductData = new SessionLineItemPriceDataProductDataOptions { Name = "Licencia sanitaria para fábrica de alimentos" },
                },
            },
        ],
    };

    public static Task<Session> CreateSessionAsync(this StripeClient stripe, long amount = 50000, RequestOptions? requestOptions = null)
    {
        ArgumentNullException.ThrowIfNull(stripe);
        return new SessionService(stripe).CreateAsync(SessionOptions(amount), requestOptions);
    }

    /// A session paid with 4242… through the hosted page.
    public static async Task<Session> CreatePaidSessionAsync(this SandboxHost host, long amount = 50000)
    {
        ArgumentNullException.ThrowIfNull(host);
        var session = await host.Stripe.CreateSessionAsync(amount);
        using var response = await HostedCheckout.PayAsync(host.Browser, session.Url, "4242 4242 4242 4242");
        Assert.Equal(System.Net.HttpStatusCode.SeeOther, response.StatusCode);
        return await new SessionService(host.Stripe).GetAsync(session.Id);
    }
}
