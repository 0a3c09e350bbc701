using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Payments;
using MspasTramite.Core.Procedures;
using MspasTramite.Web.Tests.TestKit;
using Stripe;

namespace MspasTramite.Web.Tests.Payments;

[Collection(SqlitePaymentsApp.Name)]
public sealed class FinanceTests_Sqlite(SqlitePaymentsAppFactory app) : FinanceTests<SqlitePaymentsAppFactory>(app);

[Collection(PostgresPaymentsApp.Name)]
public sealed class FinanceTests_Postgres(PostgresPaymentsAppFactory app) : FinanceTests<PostgresPaymentsAppFactory>(app);

/// The Finanzas area: who may see it, the payments list with filters and totals, the CSV export and refunds.
public abstract class FinanceTests<TFactory>(TFactory app) where TFactory : MspasAppFactory, IPaymentsApp
{
    private const string CsvHeader = "fecha_pago,expediente,tramite,dependencia,comprobante,estado,monto_gtq,reembolsado_gtq,nota";

    [Theory]
    [InlineData("")]
    [InlineData(Roles.Solicitante)]
    [InlineData(Roles.Analista)]
    [InlineData(Roles.Finanzas)]
    public async Task Get_FinancePages_AnswerByRole(string role)
    {
        using var payer = await PaidAsync();
        var attemptId = (await payer.StateAsync()).Attempt.Id;
        using var browser = app.CreateSession();
        if (role.Length > 0)
        {
            var account = await app.CreateAccountAsync(role);
            await browser.SignInSuccessfullyAsync(account.Email, account.Password);
        }

        foreach (var path in (string[])["/finanzas", "/finanzas/exportar", $"/finanzas/pagos/{attemptId}"])
        {
            using var response = await browser.GetAsync(path);
            switch (role)
            {
                case "":
                    Assert.Equal("/cuenta/ingresar", response.RedirectPath());
                    break;
                case Roles.Finanzas:
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.Contains(payer.FileNumber, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                    break;
                default:
                    Assert.Equal("/cuenta/acceso-denegado", response.RedirectPath());
                    Assert.DoesNotContain(payer.FileNumber, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                    break;
            }
        }
    }

    [Fact]
    public async Task Get_Finance_WithUnknownPayment_Is404()
    {
        using var finance = await FinanceSessionAsync();

        using var response = await finance.GetAsync($"/finanzas/pagos/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_Finance_FiltersByProcedureDateAndStatus_WithTotalsOfTheListedRows()
    {
        using var factory = await PaidAsync(Payer.FoodFactory);
        using var food = await PaidAsync(Payer.ProcessedFood);
        using var finance = await FinanceSessionAsync();
        var today = GuatemalaTime.ToLocal(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var yesterday = GuatemalaTime.ToLocal(DateTimeOffset.UtcNow.AddDays(-1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var byProcedure = await finance.GetPageAsync($"/finanzas?Filter.Desde={today}&Filter.Hasta={today}&Filter.Tramite={Payer.ProcessedFood}");
        var byStatus = await finance.GetPageAsync($"/finanzas?Filter.Desde={today}&Filter.Estado=Paid");
        var mismatches = await finance.GetPageAsync($"/finanzas?Filter.Desde={today}&Filter.Estado=Mismatch");
        var before = await finance.GetPageAsync($"/finanzas?Filter.Hasta={yesterday}");

        var rows = Rows(byProcedure);
        Assert.Contains(rows, r => r.FileNumber == food.FileNumber && r.Amount == "Q250.00");
        Assert.DoesNotContain(rows, r => r.FileNumber == factory.FileNumber);
        Assert.All(rows, r => Assert.Equal("Registro sanitario de alimento procesado (nuevo o renovación)", r.Procedure));
        AssertTotalsMatchRows(byProcedure);

        Assert.Contains(Rows(byStatus), r => r.FileNumber == factory.FileNumber && r.Amount == "Q500.00");
        Assert.Contains(Rows(byStatus), r => r.FileNumber == food.FileNumber);
        Assert.All(Rows(byStatus), r => Assert.Equal("Pagado", r.Status));
        AssertTotalsMatchRows(byStatus);

        Assert.DoesNotContain(Rows(mismatches), r => r.FileNumber == factory.FileNumber || r.FileNumber == food.FileNumber);
        Assert.DoesNotContain(Rows(before), r => r.FileNumber == factory.FileNumber || r.FileNumber == food.FileNumber);
    }

    [Fact]
    public async Task Get_Export_IsCsvWithHeaderRowsAndNeutralisedFormulas()
    {
        using var payer = await PaidAsync();
        using var hostile = await PaidAsync();
        // Text an outsider can influence ends up in the export; the note stands in for all of it.
        var hostileId = (await hostile.StateAsync()).Attempt.Id;
        await app.WithDbAsync(db => db.PaymentAttempts.Where(p => p.Id == hostileId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Note, "=HYPERLINK(\"http://malo.example\",\"ver\")")));
        using var finance = await FinanceSessionAsync();
        var receipt = (await payer.StateAsync()).Receipts.Single();

        using var response = await finance.GetAsync($"/finanzas/exportar?Filter.Tramite={Payer.FoodFactory}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.DispositionType, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n".ToCharArray(), StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(CsvHeader, lines[0]);
        var row = Assert.Single(lines, l => l.Contains("," + payer.FileNumber + ",", StringComparison.Ordinal));
        Assert.Contains($",DRCA,{receipt.Number},Paid,500.00,0.00,", row, StringComparison.Ordinal);
        var hostileRow = Assert.Single(lines, l => l.Contains("," + hostile.FileNumber + ",", StringComparison.Ordinal));
        Assert.EndsWith(",\"'=HYPERLINK(\"\"http://malo.example\"\",\"\"ver\"\")\"", hostileRow, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", hostileRow, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Refund_AboveRefundable_ShowsSpanishErrorAndRefundsNothing()
    {
        using var payer = await PaidAsync();
        var attemptId = (await payer.StateAsync()).Attempt.Id;
        using var finance = await FinanceSessionAsync();
        var page = await finance.GetPageAsync($"/finanzas/pagos/{attemptId}");

        using var response = await finance.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.Amount"] = "500.01",
            ["Input.Reason"] = "Cobro en exceso",
        }, RefundForm);

        var shown = await response.ReadPageAsync(HttpStatusCode.OK);
        FormAssert.HasFieldError(shown, "Input_Amount", "El monto supera lo que queda por reembolsar (Q500.00).");
        var state = await payer.StateAsync();
        Assert.Empty(state.Refunds);
        Assert.Equal(0m, state.Attempt.AmountRefunded);
        Assert.Equal(0, state.RefundEmails);
    }

    [Fact]
    public async Task Post_Refund_Partial_IsRecordedEmailedAndExistsAtTheGateway()
    {
        using var payer = await PaidAsync();
        var attempt = (await payer.StateAsync()).Attempt;
        using var finance = await FinanceSessionAsync();
        var page = await finance.GetPageAsync($"/finanzas/pagos/{attempt.Id}");

        using var response = await finance.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.Amount"] = "200.00",
            ["Input.Reason"] = "Arancel cobrado de más",
        }, RefundForm);

        Assert.Equal($"/finanzas/pagos/{attempt.Id}", response.RedirectPath());
        var after = await finance.FollowAsync(response);
        Assert.Contains("Reembolso de Q200.00 registrado.", after.Text, StringComparison.Ordinal);
        Assert.Contains("Arancel cobrado de más", after.Text, StringComparison.Ordinal);
        var state = await payer.StateAsync();
        var refund = Assert.Single(state.Refunds);
        Assert.Equal(200m, refund.Amount);
        Assert.Equal(200m, state.Attempt.AmountRefunded);
        Assert.Equal(1, state.RefundEmails);
        var mail = await Mailbox.WaitForSubjectAsync(payer.Citizen.Email, $"Reembolso del expediente {payer.FileNumber}");
        Assert.Contains("Q200.00", mail.TextBody, StringComparison.Ordinal);

        var atGateway = await new RefundService(StripeWebhooks.SandboxClient(app)).GetAsync(refund.ProviderRefundId);
        Assert.Equal(20000, atGateway.Amount);
        Assert.Equal("gtq", atGateway.Currency);
        Assert.Equal(attempt.ProviderPaymentId, atGateway.PaymentIntentId);

        // What remains is Q300.00: a second refund above it is refused too.
        using var tooMuch = await finance.SubmitAsync(after, new Dictionary<string, string?>
        {
            ["Input.Amount"] = "300.01",
            ["Input.Reason"] = "Otra vez",
        }, RefundForm);
        FormAssert.HasFieldError(await tooMuch.ReadPageAsync(HttpStatusCode.OK), "Input_Amount", "El monto supera lo que queda por reembolsar (Q300.00).");
        Assert.Single((await payer.StateAsync()).Refunds);
    }

    private const string RefundForm = "form[action*='handler=Refund']";

    /// A citizen whose application was paid with the good card, through the hosted page and the return page.
    private async Task<Payer> PaidAsync(string slug = Payer.FoodFactory)
    {
        var payer = await Payer.CreateAsync(app, slug);
        await payer.PayAsync();
        return payer;
    }

    private async Task<WebSession> FinanceSessionAsync()
    {
        var account = await app.CreateAccountAsync(Roles.Finanzas);
        var browser = app.CreateSession();
        await browser.SignInSuccessfullyAsync(account.Email, account.Password);
        return browser;
    }

    private sealed record Row(string FileNumber, string Procedure, string Status, string Amount);

    private static List<Row> Rows(HtmlPage page) =>
        [.. page.Document.QuerySelectorAll("main table tbody tr")
            .Where(tr => tr.Children.Length == 7)
            .Select(tr => new Row(tr.Children[1].TextContent.Trim(), tr.Children[2].TextContent.Trim(), tr.Children[4].TextContent.Trim(), tr.Children[5].TextContent.Trim()))];

    private static void AssertTotalsMatchRows(HtmlPage page)
    {
        var rows = Rows(page);
        var totals = page.Document.QuerySelectorAll("dl.summary-list div")
            .ToDictionary(d => d.QuerySelector("dt")!.TextContent.Trim(), d => d.QuerySelector("dd")!.TextContent.Trim());
        Assert.Equal(rows.Count.ToString(CultureInfo.InvariantCulture), totals["Pagos"]);
        var sum = rows.Sum(r => decimal.Parse(r.Amount.TrimStart('Q'), NumberStyles.Number, CultureInfo.InvariantCulture));
        Assert.Equal(Fees.Format(sum), totals["Cobrado"]);
        Assert.True(sum > 0);
    }
}
