using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Review;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Review;

[Collection(SqlitePaymentsApp.Name)]
public sealed class PaymentStartsReviewTests_Sqlite(SqlitePaymentsAppFactory app) : PaymentStartsReviewTests<SqlitePaymentsAppFactory>(app);

[Collection(PostgresPaymentsApp.Name)]
public sealed class PaymentStartsReviewTests_Postgres(PostgresPaymentsAppFactory app) : PaymentStartsReviewTests<PostgresPaymentsAppFactory>(app);

/// Paying through the gateway is what puts a file in the back office: the settlement fires the
/// workflow's Pay as the service itself, and starts the legal clock with its 80% warning.
public abstract class PaymentStartsReviewTests<TFactory>(TFactory app) where TFactory : MspasAppFactory, IPaymentsApp
{
    [Fact]
    public async Task Pay_WithGoodCard_StartsTheLegalClock_AndTheFileWaitsUnassigned()
    {
        using var payer = await Payer.CreateAsync(app);
        var checkout = await payer.StartCheckoutAsync();
        var success = await payer.PayWithGoodCardAsync(checkout);

        await payer.Browser.GetPageAsync(success);

        var stored = await app.ReadFileAsync(payer.ApplicationId);
        Assert.Equal(ApplicationStatus.Received, stored.Status);
        var paid = Assert.Single(stored.Events, e => e.Kind == "paid");
        Assert.Equal((null, ApplicationStatus.AwaitingPayment, ApplicationStatus.Received), (paid.ActorId, paid.FromStatus, paid.ToStatus));
        var calendar = await app.CalendarAsync();
        var receivedOn = GuatemalaTime.Today(stored.ReceivedAt!.Value);
        Assert.Equal(calendar.AddWorkingDays(receivedOn, 20), stored.SlaDueOn);
        Assert.Equal(calendar.AddWorkingDays(receivedOn, 16), stored.SlaWarnOn);
        Assert.Null(stored.ClockStoppedAt);
        var warning = Assert.Single(await app.TimersAsync(payer.ApplicationId));
        Assert.Equal((TimerKind.SlaWarning, GuatemalaTime.StartOf(stored.SlaWarnOn!.Value).AddHours(8)), (warning.Kind, warning.DueAt));

        var analyst = await app.CreatePersonAsync(Roles.Analista);
        using var browser = await app.SignedInSessionAsync(analyst.Account);
        Assert.Contains(payer.FileNumber, await browser.AllQueueFileNumbersAsync("/backoffice?vista=sin-asignar"));
        var details = await payer.DetailsAsync();
        Assert.Contains("Quedan 20 días hábiles", details.Text, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Receipts.CountAsync(r => r.ApplicationId == payer.ApplicationId)));
    }
}
