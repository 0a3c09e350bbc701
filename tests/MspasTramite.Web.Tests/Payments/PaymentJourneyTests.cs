using System.Net;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Payments;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Payments;

[Collection(SqlitePaymentsApp.Name)]
public sealed class PaymentJourneyTests_Sqlite(SqlitePaymentsAppFactory app) : PaymentJourneyTests<SqlitePaymentsAppFactory>(app);

[Collection(PostgresPaymentsApp.Name)]
public sealed class PaymentJourneyTests_Postgres(PostgresPaymentsAppFactory app) : PaymentJourneyTests<PostgresPaymentsAppFactory>(app);

/// A citizen pays through "Pagar", the sandbox's hosted page (Stripe.net in the app, signed webhooks
/// back) and the return page.
public abstract class PaymentJourneyTests<TFactory>(TFactory app) where TFactory : MspasAppFactory, IPaymentsApp
{
    [Fact]
    public async Task Pay_WithGoodCard_ReceivesTheApplicationWithOneReceiptEmailPdfAndVerification()
    {
        using var payer = await Payer.CreateAsync(app);

        var checkout = await payer.StartCheckoutAsync();
        var hosted = await payer.CheckoutPageAsync(checkout);
        var success = await payer.PayWithGoodCardAsync(checkout);
        var returned = await payer.Browser.GetPageAsync(success);

        Assert.Contains("GTQ", hosted.Text, StringComparison.Ordinal);
        Assert.Contains("500.00", hosted.Text, StringComparison.Ordinal);
        Assert.Equal("Pago recibido", returned.Title);
        var state = await payer.StateAsync();
        var receipt = state.AssertPaidOnce();
        var year = GuatemalaTime.ToLocal(receipt.IssuedAt).Year;
        Assert.Matches($"^MSPAS-CP-{year}-[0-9]{{6}}$", receipt.Number);
        Assert.Contains(receipt.Number, returned.Text, StringComparison.Ordinal);
        Assert.Equal(500m, receipt.Amount);
        Assert.Equal((500m, "GTQ"), (state.Attempt.Amount, state.Attempt.Currency));

        var mail = await Mailbox.WaitForSubjectAsync(payer.Citizen.Email, $"Pago recibido — comprobante {receipt.Number}");
        var verifyLink = Mailbox.LinkTo(mail, $"/verificar/{receipt.VerificationCode}");
        Assert.Equal("localhost", verifyLink.Host);
        Assert.Single(Mailbox.MessagesTo(payer.Citizen.Email), m => m.Subject!.StartsWith("Pago recibido", StringComparison.Ordinal));

        using var pdf = await payer.Browser.GetAsync($"/mis-solicitudes/{payer.ApplicationId}/comprobante");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);

        using var anonymous = app.CreateSession();
        var verified = await anonymous.GetPageAsync(verifyLink.PathAndQuery);
        Assert.Contains("Comprobante de pago auténtico", verified.Text, StringComparison.Ordinal);
        Assert.Contains(receipt.Number, verified.Text, StringComparison.Ordinal);
        Assert.Contains(payer.FileNumber, verified.Text, StringComparison.Ordinal);

        var details = await payer.DetailsAsync();
        Assert.Null(details.Document.QuerySelector("form[action$='/pagar']"));
        Assert.NotNull(details.Document.QuerySelector($"a[href='/mis-solicitudes/{payer.ApplicationId}/comprobante']"));
    }

    [Fact]
    public async Task Return_WhenNoWebhookArrives_ConfirmsWithTheGatewayAndSettles()
    {
        using var payer = await Payer.CreateAsync(app);
        var checkout = await payer.StartCheckoutAsync();
        string success;
        HtmlPage returned;
        using (app.Webhooks.Break(LineFault.Refused))
        {
            success = await payer.PayWithGoodCardAsync(checkout);
            var before = await payer.StateAsync();
            before.AssertNothingPaid();

            // Every delivery is refused meanwhile: only the return page can settle.
            returned = await payer.Browser.GetPageAsync(success);
        }

        Assert.Equal("Pago recibido", returned.Title);
        var receipt = (await payer.StateAsync()).AssertPaidOnce();
        Assert.Contains(receipt.Number, returned.Text, StringComparison.Ordinal);
        await Mailbox.WaitForSubjectAsync(payer.Citizen.Email, $"Pago recibido — comprobante {receipt.Number}");

        // The webhook, delivered once the app answers again, finds it paid: still one payment.
        var again = await payer.Browser.GetPageAsync(success);
        Assert.Equal("Pago recibido", again.Title);
        (await payer.StateAsync()).AssertPaidOnce();
    }

    [Fact]
    public async Task Verify_UnknownCode_Shows404WithSpanishMessage()
    {
        using var anonymous = app.CreateSession();

        using var response = await anonymous.GetAsync("/verificar/ZZZZ2222ZZZZ");

        var page = await response.ReadPageAsync(HttpStatusCode.NotFound);
        Assert.Contains("No encontramos ningún documento con el código ZZZZ2222ZZZZ.", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("auténtico,", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Payer.DeclinedCard)]
    [InlineData(Payer.InsufficientFundsCard)]
    public async Task Pay_WithRefusedCard_StaysAwaitingPaymentAndCanRetry(string card)
    {
        using var payer = await Payer.CreateAsync(app);
        var checkout = await payer.StartCheckoutAsync();

        using var refused = await payer.PayAtGatewayAsync(checkout, card);

        var form = await refused.ReadPageAsync(HttpStatusCode.OK);
        Assert.Contains("No se pudo completar el pago", form.Text, StringComparison.Ordinal);
        var state = await payer.StateAsync();
        state.AssertNothingPaid();
        Assert.Equal(PaymentStatus.Open, state.Attempt.Status);

        var success = await payer.PayWithGoodCardAsync(checkout);
        var returned = await payer.Browser.GetPageAsync(success);
        Assert.Equal("Pago recibido", returned.Title);
        (await payer.StateAsync()).AssertPaidOnce();
    }

    [Fact]
    public async Task Cancel_AtTheGateway_ShowsCancelPageAndPayingAgainReusesTheSession()
    {
        using var payer = await Payer.CreateAsync(app);
        var checkout = await payer.StartCheckoutAsync();
        var hosted = await payer.CheckoutPageAsync(checkout);
        var cancel = new Uri(hosted.Document.QuerySelector("p.cancel a")!.GetAttribute("href")!);

        var cancelled = await payer.Browser.GetPageAsync(cancel.PathAndQuery);

        Assert.Equal($"/mis-solicitudes/{payer.ApplicationId}/pago/cancelado", cancel.AbsolutePath);
        Assert.Equal("Pago cancelado", cancelled.Title);
        Assert.Contains("No se hizo ningún cargo", cancelled.Text, StringComparison.Ordinal);
        (await payer.StateAsync()).AssertNothingPaid();

        using var again = await payer.Browser.SubmitAsync(cancelled, new Dictionary<string, string?>(), "main form[method=post]");
        Assert.Equal(checkout, Payer.CheckoutUrlOf(again));
        Assert.Single((await payer.StateAsync()).Attempts);
        Assert.Equal(1, await SandboxPage.SessionsForAsync(app, payer.ApplicationId));
    }

    [Fact]
    public async Task Pay_DoubleClick_MakesOneSession()
    {
        using var payer = await Payer.CreateAsync(app);
        var details = await payer.DetailsAsync();

        var responses = await Task.WhenAll(payer.ClickPayAsync(details), payer.ClickPayAsync(details));

        var urls = responses.Select(Payer.CheckoutUrlOf).Distinct().ToList();
        foreach (var r in responses)
        {
            r.Dispose();
        }

        Assert.Single(urls);
        var state = await payer.StateAsync();
        Assert.Equal(PaymentStatus.Open, Assert.Single(state.Attempts).Status);
        Assert.Equal(1, await SandboxPage.SessionsForAsync(app, payer.ApplicationId));
    }

    [Fact]
    public async Task Return_WithSomeoneElsesSession_Is404AndPaysNothing()
    {
        using var owner = await Payer.CreateAsync(app);
        using var other = await Payer.CreateAsync(app);
        var checkout = await owner.StartCheckoutAsync();
        await other.StartCheckoutAsync();
        string success;
        using (app.Webhooks.Break(LineFault.Refused))
        {
            success = await owner.PayWithGoodCardAsync(checkout);
            var sessionId = new Uri(new Uri("https://localhost"), success).Query.Split("session_id=")[1];

            using var foreign = await other.Browser.GetAsync($"/mis-solicitudes/{other.ApplicationId}/pago/exito?session_id={sessionId}");
            using var notMine = await other.Browser.GetAsync(success);

            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);
            Assert.DoesNotContain(owner.FileNumber, await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            (await owner.StateAsync()).AssertNothingPaid();
            (await other.StateAsync()).AssertNothingPaid();
        }
    }
}
