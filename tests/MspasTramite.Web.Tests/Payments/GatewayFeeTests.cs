using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Payments;
using MspasTramite.Core.Procedures;
using MspasTramite.Web.Tests.TestKit;
using Stripe;

namespace MspasTramite.Web.Tests.Payments;

[Collection(SqlitePaymentsApp.Name)]
public sealed class GatewayFeeTests_Sqlite(SqlitePaymentsAppFactory app) : GatewayFeeTests<SqlitePaymentsAppFactory>(app);

[Collection(PostgresPaymentsApp.Name)]
public sealed class GatewayFeeTests_Postgres(PostgresPaymentsAppFactory app) : GatewayFeeTests<PostgresPaymentsAppFactory>(app);

/// The fee the gateway kept on a payment, as the sandbox reports it in the charge's balance
/// transaction, kept with the payment for the cost per transaction and shown to Finanzas.
public abstract class GatewayFeeTests<TFactory>(TFactory app) where TFactory : MspasAppFactory, IPaymentsApp
{
    [Fact]
    public async Task Pay_WithGoodCard_StoresTheFeeTheSandboxReports()
    {
        using var payer = await Payer.CreateAsync(app);

        await payer.PayAsync();

        // The call that settled (webhook or return page) asks for the fee after committing the payment.
        var attempt = (await Eventually.HoldsAsync(payer.StateAsync, s => s.Attempt.GatewayFee is not null, what: "The gateway fee")).Attempt;
        var intent = await new PaymentIntentService(StripeWebhooks.SandboxClient(app)).GetAsync(attempt.ProviderPaymentId,
            new PaymentIntentGetOptions { Expand = ["latest_charge.balance_transaction"] });
        Assert.Equal(1950, intent.LatestCharge.BalanceTransaction.Fee);
        Assert.Equal(Fees.FromCentavos(intent.LatestCharge.BalanceTransaction.Fee), attempt.GatewayFee);
        Assert.Equal(19.50m, attempt.GatewayFee);
        Assert.Equal(PaymentStatus.Paid, attempt.Status);

        var page = await FinancePageAsync(attempt.Id);
        Assert.Equal("Q19.50", Term(page, "Comisión de la pasarela"));
    }

    [Fact]
    public async Task Pay_WhenTheFeeCannotBeRead_IsPaidAsBefore_WithNoFee()
    {
        using var payer = await Payer.CreateAsync(app);
        var checkout = await payer.StartCheckoutAsync();
        var sessionId = checkout.Segments[^1];
        var failedBefore = app.Gateway.Failed;

        string eventId;
        using (app.Gateway.Break(LineFault.ServerError))
        {
            // Only the webhook settles meanwhile; its fee lookup meets the broken gateway.
            await payer.PayWithGoodCardAsync(checkout);
            eventId = await CompletedEventIdAsync(sessionId);
            await Eventually.HoldsAsync(() => app.WithDbAsync(db => db.ProcessedWebhookEvents.AnyAsync(e => e.EventId == eventId)),
                processed => processed, what: "The webhook's processing");
        }

        Assert.True(app.Gateway.Failed > failedBefore, "The fee lookup never reached the gateway.");
        var state = await payer.StateAsync();
        state.AssertPaidOnce();
        Assert.Equal(PaymentStatus.Paid, state.Attempt.Status);
        Assert.Null(state.Attempt.GatewayFee);
        var outcome = await app.WithDbAsync(db => db.ProcessedWebhookEvents.Where(e => e.EventId == eventId).Select(e => e.Outcome).SingleAsync());
        Assert.Equal(nameof(SettleOutcome.Paid), outcome);
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Warning
            && e.AllText.Contains("fee for attempt", StringComparison.Ordinal) && e.AllText.Contains(state.Attempt.Id.ToString(), StringComparison.Ordinal));

        var page = await FinancePageAsync(state.Attempt.Id);
        Assert.Equal("No informada", Term(page, "Comisión de la pasarela"));
    }

    [Fact]
    public async Task Reconcile_AfterAFailedFeeLookup_AsksAgainAndStoresTheFee()
    {
        using var payer = await Payer.CreateAsync(app);
        var checkout = await payer.StartCheckoutAsync();
        var sessionId = checkout.Segments[^1];
        using (app.Gateway.Break(LineFault.ServerError))
        {
            await payer.PayWithGoodCardAsync(checkout);
            var eventId = await CompletedEventIdAsync(sessionId);
            await Eventually.HoldsAsync(() => app.WithDbAsync(db => db.ProcessedWebhookEvents.AnyAsync(e => e.EventId == eventId)),
                processed => processed, what: "The webhook's processing");
        }

        Assert.Null((await payer.StateAsync()).Attempt.GatewayFee);

        // The gateway is back: the next reconciliation asks for the fee the webhook's lookup missed.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PaymentService>().ReconcileAsync();
        }

        var attempt = (await payer.StateAsync()).Attempt;
        Assert.Equal(19.50m, attempt.GatewayFee);
        Assert.Equal("Q19.50", Term(await FinancePageAsync(attempt.Id), "Comisión de la pasarela"));
    }

    private async Task<string> CompletedEventIdAsync(string sessionId)
    {
        var json = await Eventually.HoldsAsync(async () =>
        {
            try
            {
                return await StripeWebhooks.SandboxEventAsync(app, "checkout.session.completed", sessionId);
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }, e => e is not null, what: "The sandbox's checkout.session.completed event");
        using var document = System.Text.Json.JsonDocument.Parse(json!);
        return document.RootElement.GetProperty("id").GetString()!;
    }

    private async Task<HtmlPage> FinancePageAsync(Guid attemptId)
    {
        using var finance = await app.SignedInSessionAsync(await app.CreateAccountAsync(Roles.Finanzas));
        return await finance.GetPageAsync($"/finanzas/pagos/{attemptId}");
    }

    private static string? Term(HtmlPage page, string term) =>
        page.Document.QuerySelectorAll("dl.summary-list div")
            .FirstOrDefault(d => d.QuerySelector("dt")?.TextContent.Trim() == term)?.QuerySelector("dd")?.TextContent.Trim();
}
