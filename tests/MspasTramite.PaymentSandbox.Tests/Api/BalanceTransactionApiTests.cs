using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MspasTramite.PaymentSandbox.Storage;
using MspasTramite.PaymentSandbox.Tests.TestKit;
using Stripe;
using Stripe.Checkout;

namespace MspasTramite.PaymentSandbox.Tests.Api;

/// The fee the sandbox keeps on a charge, reported as Stripe reports it: the charge's
/// balance_transaction, retrievable and expandable.
public sealed class BalanceTransactionApiTests : IAsyncLifetime
{
    private SandboxHost host = null!;

    public async Task InitializeAsync() => host = await SandboxHost.StartAsync(o => o.WebhooksEnabled = false);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task PaidCharge_ExpandedFromThePaymentIntent_CarriesTheDefaultFee()
    {
        var paid = await host.CreatePaidSessionAsync(50000);

        var intent = await new PaymentIntentService(host.Stripe).GetAsync(paid.PaymentIntentId,
            new PaymentIntentGetOptions { Expand = ["latest_charge.balance_transaction"] });

        var txn = intent.LatestCharge.BalanceTransaction;
        Assert.StartsWith("txn_", txn.Id, StringComparison.Ordinal);
        Assert.Equal(txn.Id, intent.LatestCharge.BalanceTransactionId);
        Assert.Equal("balance_transaction", txn.Object);
        Assert.Equal("charge", txn.Type);
        Assert.Equal(intent.LatestChargeId, txn.SourceId);
        Assert.Equal(50000, txn.Amount);
        Assert.Equal("gtq", txn.Currency);
        // 3.5 % of Q500.00 is Q17.50, plus Q2.00.
        Assert.Equal(1950, txn.Fee);
        Assert.Equal(48050, txn.Net);
        var detail = Assert.Single(txn.FeeDetails);
        Assert.Equal(1950, detail.Amount);
        Assert.Equal("stripe_fee", detail.Type);
        Assert.Equal("gtq", detail.Currency);
    }

    [Theory]
    // 2.5 % of 10100 centavos is 252.5: 253 (banker's rounding would give 252), plus 150.
    [InlineData("2.5", "150", 10100, 403)]
    [InlineData("0", "200", 50000, 200)]
    [InlineData("0", "0", 50000, 0)]
    public async Task Fee_WithAConfiguredRate_RoundsHalfACentavoAwayFromZero(string percent, string fixedPart, long amount, long fee)
    {
        await using var configured = await SandboxHost.StartAsync(o =>
        {
            o.WebhooksEnabled = false;
            o.Settings["PaymentSandbox:FeePercent"] = percent;
            o.Settings["PaymentSandbox:FeeFixed"] = fixedPart;
        });
        var paid = await configured.CreatePaidSessionAsync(amount);

        var intent = await new PaymentIntentService(configured.Stripe).GetAsync(paid.PaymentIntentId,
            new PaymentIntentGetOptions { Expand = ["latest_charge.balance_transaction"] });

        Assert.Equal(fee, intent.LatestCharge.BalanceTransaction.Fee);
        Assert.Equal(amount - fee, intent.LatestCharge.BalanceTransaction.Net);
    }

    [Fact]
    public async Task Retrieve_ById_IsTheChargesBalanceTransaction()
    {
        var paid = await host.CreatePaidSessionAsync(50000);
        var intent = await new PaymentIntentService(host.Stripe).GetAsync(paid.PaymentIntentId,
            new PaymentIntentGetOptions { Expand = ["latest_charge"] });

        var txn = await new BalanceTransactionService(host.Stripe).GetAsync(intent.LatestCharge.BalanceTransactionId);

        Assert.Equal(intent.LatestCharge.BalanceTransactionId, txn.Id);
        Assert.Equal(1950, txn.Fee);
        Assert.Equal(intent.LatestChargeId, txn.SourceId);
        Assert.Equal("available", txn.Status);
    }

    [Fact]
    public async Task Retrieve_UnknownId_IsResourceMissing()
    {
        var e = await Assert.ThrowsAsync<StripeException>(() =>
            new BalanceTransactionService(host.Stripe).GetAsync("txn_no_existe"));

        Assert.Equal(HttpStatusCode.NotFound, e.HttpStatusCode);
        Assert.Equal("resource_missing", e.StripeError.Code);
        Assert.Equal("No such balance transaction: 'txn_no_existe'", e.StripeError.Message);
    }

    [Fact]
    public async Task Charge_NotExpanded_NamesItsBalanceTransaction_AndExpandedEmbedsIt()
    {
        var paid = await host.CreatePaidSessionAsync();
        var chargeId = (await new PaymentIntentService(host.Stripe).GetAsync(paid.PaymentIntentId)).LatestChargeId;
        var charges = new ChargeService(host.Stripe);

        var plain = await charges.GetAsync(chargeId);
        var expanded = await charges.GetAsync(chargeId, new ChargeGetOptions { Expand = ["balance_transaction"] });

        Assert.StartsWith("txn_", plain.BalanceTransactionId, StringComparison.Ordinal);
        Assert.Null(plain.BalanceTransaction);
        Assert.Equal(plain.BalanceTransactionId, expanded.BalanceTransaction.Id);
        Assert.Equal(1950, expanded.BalanceTransaction.Fee);
    }

    [Fact]
    public async Task Session_ExpandedThroughItsPaymentIntent_CarriesTheFee()
    {
        var paid = await host.CreatePaidSessionAsync();

        var session = await new SessionService(host.Stripe).GetAsync(paid.Id,
            new SessionGetOptions { Expand = ["payment_intent.latest_charge.balance_transaction"] });

        Assert.Equal(paid.PaymentIntentId, session.PaymentIntent.Id);
        Assert.Equal(1950, session.PaymentIntent.LatestCharge.BalanceTransaction.Fee);
    }

    [Fact]
    public async Task Expand_APathTheSandboxDoesNotHave_IsRejected()
    {
        var paid = await host.CreatePaidSessionAsync();

        var e = await Assert.ThrowsAsync<StripeException>(() => new PaymentIntentService(host.Stripe).GetAsync(paid.PaymentIntentId,
            new PaymentIntentGetOptions { Expand = ["latest_charge.customer"] }));

        Assert.Equal(HttpStatusCode.BadRequest, e.HttpStatusCode);
        Assert.Equal("expand", e.StripeError.Param);
    }

    [Fact]
    public async Task PaymentRecordedBeforeFees_HasNoBalanceTransaction_EvenWhenExpanded()
    {
        var paid = await host.CreatePaidSessionAsync();
        // The document as the sandbox wrote it before it reported fees: no balance transaction at all.
        var file = host.Services.GetRequiredService<IOptions<PaymentSandboxOptions>>().Value.DataDirectory;
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(file, "payment-sandbox.db")}"))
        {
            await connection.OpenAsync();
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE payments SET document = json_remove(document, '$.balanceTransaction'), balance_transaction_id = NULL WHERE id = $id";
            update.Parameters.AddWithValue("$id", paid.PaymentIntentId);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        var intent = await new PaymentIntentService(host.Stripe).GetAsync(paid.PaymentIntentId,
            new PaymentIntentGetOptions { Expand = ["latest_charge.balance_transaction"] });

        Assert.Equal(paid.PaymentIntentId, intent.Id);
        Assert.Null(intent.LatestCharge.BalanceTransactionId);
        Assert.Null(intent.LatestCharge.BalanceTransaction);
    }

    [Fact]
    public async Task InvalidFeeRate_StopsTheSandboxFromStarting()
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => SandboxHost.StartAsync(o =>
            o.Settings["PaymentSandbox:FeePercent"] = "100.5"));

        Assert.Contains("FeePercent", e.Message, StringComparison.Ordinal);
    }
}
