using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Performance;

[Collection(SqlitePaymentsApp.Name)]
public sealed class PaymentSurveyTests_Sqlite(SqlitePaymentsAppFactory app) : PaymentSurveyTests<SqlitePaymentsAppFactory>(app);

[Collection(PostgresPaymentsApp.Name)]
public sealed class PaymentSurveyTests_Postgres(PostgresPaymentsAppFactory app) : PaymentSurveyTests<PostgresPaymentsAppFactory>(app);

/// After paying online, the return page and the receipt email invite the citizen to the survey.
public abstract class PaymentSurveyTests<TFactory>(TFactory app) where TFactory : MspasAppFactory, IPaymentsApp
{
    [Fact]
    public async Task Pay_ReturnPageAndReceiptEmailLinkToThePaymentSurveyAtThePublicAddress()
    {
        using var payer = await Payer.CreateAsync(app);
        var surveyPath = $"/mis-solicitudes/{payer.ApplicationId}/encuesta";

        var checkout = await payer.StartCheckoutAsync();
        var success = await payer.PayWithGoodCardAsync(checkout);
        var returned = await payer.Browser.GetPageAsync(success);

        Assert.Equal("Pago recibido", returned.Title);
        Assert.NotNull(returned.Document.QuerySelector($"main a[href='{surveyPath}?momento=pago']"));
        var receipt = (await payer.StateAsync()).AssertPaidOnce();
        var mail = await Mailbox.WaitForSubjectAsync(payer.Citizen.Email, $"Pago recibido — comprobante {receipt.Number}");
        var link = Mailbox.LinkTo(mail, surveyPath);
        Assert.Equal(("localhost", "?momento=pago"), (link.Host, link.Query));
        var survey = await payer.Browser.GetPageAsync(link.PathAndQuery);
        Assert.Equal("¿Qué tan satisfecho está con la solicitud y el pago en línea?", survey.Document.QuerySelector("fieldset legend")?.TextContent);

        using var answered = await payer.Browser.SubmitAsync(survey, new Dictionary<string, string?> { ["Input.Rating"] = "5", ["accion"] = "enviar" });

        Assert.Equal(payer.DetailUrl, answered.RedirectPath());
        var again = await payer.Browser.GetPageAsync(success);
        Assert.Null(again.Document.QuerySelector("main a[href*='/encuesta']"));
    }
}
