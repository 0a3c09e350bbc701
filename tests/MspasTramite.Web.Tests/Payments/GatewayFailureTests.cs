using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Payments;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Payments;

[Collection(SqlitePaymentsApp.Name)]
public sealed class GatewayFailureTests_Sqlite(SqlitePaymentsAppFactory app) : GatewayFailureTests<SqlitePaymentsAppFactory>(app);

[Collection(PostgresPaymentsApp.Name)]
public sealed class GatewayFailureTests_Postgres(PostgresPaymentsAppFactory app) : GatewayFailureTests<PostgresPaymentsAppFactory>(app);

/// The gateway unreachable, failing or slow while "Pagar" creates the session; and reconciliation of
/// sessions whose webhook never arrived.
public abstract class GatewayFailureTests<TFactory>(TFactory app) where TFactory : MspasAppFactory, IPaymentsApp
{
    private const string Unavailable = "No pudimos conectar con la pasarela de pago. No se hizo ningún cargo. Intente de nuevo en unos minutos.";

    [Theory]
    [InlineData(LineFault.Refused)]
    [InlineData(LineFault.ServerError)]
    [InlineData(LineFault.Hang)]
    [InlineData(LineFault.ResponseLost)]
    public async Task Pay_WhenGatewayFailsOnSessionCreation_ShowsMessageAndRetryUsesTheSameIdempotencyKey(LineFault fault)
    {
        using var payer = await Payer.CreateAsync(app);

        HtmlPage details;
        using (app.Gateway.Break(fault))
        {
            using var failed = await payer.ClickPayAsync();
            Assert.Equal(payer.DetailUrl, failed.RedirectPath());
            details = await payer.Browser.FollowAsync(failed);
        }

        Assert.Contains(Unavailable, details.Text, StringComparison.Ordinal);
        Assert.NotNull(details.Document.QuerySelector("form[action$='/pagar']"));
        var kept = await payer.StateAsync();
        kept.AssertNothingPaid();
        Assert.Equal(PaymentStatus.Created, kept.Attempt.Status);
        Assert.Null(kept.Attempt.CheckoutUrl);
        if (fault == LineFault.ResponseLost)
        {
            // A person retries seconds later, not within the same second: nothing sent under the
            // same idempotency key may depend on when it is sent (Stripe compares the parameters).
            await Task.Delay(TimeSpan.FromSeconds(1.1));
        }

        var checkout = await payer.StartCheckoutAsync();

        var retried = await payer.StateAsync();
        Assert.Equal(kept.Attempt.Id, retried.Attempt.Id);
        Assert.Equal(kept.Attempt.IdempotencyKey, retried.Attempt.IdempotencyKey);
        Assert.Equal(PaymentStatus.Open, retried.Attempt.Status);
        Assert.Equal(checkout.AbsoluteUri, retried.Attempt.CheckoutUrl);
        // Even when the first session was made and only its answer was lost, the key makes it the same one.
        Assert.Equal(1, await SandboxPage.SessionsForAsync(app, payer.ApplicationId));
        var success = await payer.PayWithGoodCardAsync(checkout);
        Assert.Equal("Pago recibido", (await payer.Browser.GetPageAsync(success)).Title);
    }

    [Fact]
    public async Task Return_WhenGatewayUnreachable_SaysPaymentInProgressAndPaysNothing()
    {
        using var payer = await Payer.CreateAsync(app);
        var checkout = await payer.StartCheckoutAsync();
        using (app.Webhooks.Break(LineFault.Refused))
        {
            var success = await payer.PayWithGoodCardAsync(checkout);
            HtmlPage page;
            using (app.Gateway.Break(LineFault.Refused))
            {
                page = await payer.Browser.GetPageAsync(success);
            }

            Assert.Equal("Pago en proceso", page.Title);
            Assert.Contains("no pague de nuevo", page.Text, StringComparison.Ordinal);
            (await payer.StateAsync()).AssertNothingPaid();
        }
    }

    [Fact]
    public async Task Reconcile_OpenSessionPaidWithoutWebhook_IsSettledAndUnpaidStaysOpen()
    {
        using var paid = await Payer.CreateAsync(app);
        using var unpaid = await Payer.CreateAsync(app);
        var paidCheckout = await paid.StartCheckoutAsync();
        await unpaid.StartCheckoutAsync();
        using (app.Webhooks.Break(LineFault.Refused))
        {
            // Paid at the gateway; the person closes the tab instead of returning, and no webhook arrives.
            await paid.PayWithGoodCardAsync(paidCheckout);
            (await paid.StateAsync()).AssertNothingPaid();

            int settled;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                settled = await scope.ServiceProvider.GetRequiredService<PaymentService>().ReconcileAsync();
            }

            Assert.True(settled >= 1, $"ReconcileAsync settled {settled}");
            var receipt = (await paid.StateAsync()).AssertPaidOnce();
            await Mailbox.WaitForSubjectAsync(paid.Citizen.Email, $"Pago recibido — comprobante {receipt.Number}");
            var open = await unpaid.StateAsync();
            open.AssertNothingPaid();
            Assert.Equal(PaymentStatus.Open, open.Attempt.Status);
            Assert.NotNull(open.Attempt.LastCheckedAt);
            Assert.Equal(ApplicationStatus.AwaitingPayment, open.Status);
        }
    }
}
