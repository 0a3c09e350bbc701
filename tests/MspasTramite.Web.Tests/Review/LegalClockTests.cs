using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Review;

[Collection(SqliteReviewApp.Name)]
public sealed class LegalClockTests_Sqlite(SqliteReviewAppFactory app) : LegalClockTests<SqliteReviewAppFactory>(app);

[Collection(PostgresReviewApp.Name)]
public sealed class LegalClockTests_Postgres(PostgresReviewAppFactory app) : LegalClockTests<PostgresReviewAppFactory>(app);

/// The legal time as the citizen reads it on their file (/mis-solicitudes/{id}) and staff on theirs:
/// working days left from payment, paused while the citizen has a correction to answer.
public abstract class LegalClockTests<TFactory>(TFactory app) where TFactory : MspasAppFactory, IReviewApp
{
    [Fact]
    public async Task Details_WhenJustPaid_ShowsTheWholeLegalTimeLeft()
    {
        var file = await app.ReceivedAsync(ProcedureSlugs.ProcessedFood);
        var due = (await app.ReadFileAsync(file.Id)).SlaDueOn!.Value;
        using var citizen = await app.SignedInSessionAsync(file.Citizen.Account);

        var page = await citizen.GetPageAsync(file.CitizenUrl);

        Assert.Contains($"Quedan 20 días hábiles (vence el {GuatemalaTime.FormatDate(due)}).", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Details_AfterSomeWorkingDays_ShowsWhatIsLeft()
    {
        var file = await app.ReceivedAsync(ProcedureSlugs.ProcessedFood, await app.WorkingDaysAgoAsync(6));
        using var citizen = await app.SignedInSessionAsync(file.Citizen.Account);

        var page = await citizen.GetPageAsync(file.CitizenUrl);

        Assert.Contains("Quedan 14 días hábiles", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Details_WhileAwaitingCorrection_SaysTheClockIsPaused_WithTheDaysLeftWhenItStopped()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.AwaitingCorrectionAsync(analyst, ProcedureSlugs.ProcessedFood, rejectCode: "etiqueta", paidAt: await app.WorkingDaysAgoAsync(3));
        using var citizen = await app.SignedInSessionAsync(file.Citizen.Account);

        var page = await citizen.GetPageAsync(file.CitizenUrl);

        Assert.Contains("En pausa mientras usted subsana: quedan 17 días hábiles.", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Quedan ", page.Text, StringComparison.Ordinal);
        Assert.Contains("Debe subsanar su expediente", page.Text, StringComparison.Ordinal);
        Assert.Contains("El MSPAS le pide corregir 1 punto(s).", page.Text, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector($"a[href='{file.CorrectionUrl}']"));
    }

    [Fact]
    public async Task Details_AfterTheCorrectionIsAnswered_CountsAgainFromWhereItStopped()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.AwaitingCorrectionAsync(analyst, ProcedureSlugs.ProcessedFood, rejectCode: "etiqueta", paidAt: await app.WorkingDaysAgoAsync(3));
        await app.AnswerCorrectionAsync(file);
        using var citizen = await app.SignedInSessionAsync(file.Citizen.Account);

        var page = await citizen.GetPageAsync(file.CitizenUrl);

        Assert.Contains("Quedan 17 días hábiles", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("En pausa", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Debe subsanar su expediente", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Details_PastTheDueDate_SaysTheLegalTimeExpired()
    {
        var file = await app.ReceivedAsync(ProcedureSlugs.ProcessedFood, await app.WorkingDaysAgoAsync(22));
        var due = (await app.ReadFileAsync(file.Id)).SlaDueOn!.Value;
        using var citizen = await app.SignedInSessionAsync(file.Citizen.Account);

        var page = await citizen.GetPageAsync(file.CitizenUrl);

        Assert.Contains($"El plazo legal venció el {GuatemalaTime.FormatDate(due)}.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Details_BeforePayment_ShowsNoLegalTime()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var submitted = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = ProcedureSlugs.ProcessedFood, Submitted = true });
        using var browser = await app.SignedInSessionAsync(citizen);

        var page = await browser.GetPageAsync(submitted.Url);

        Assert.DoesNotContain("Plazo para resolver", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackofficeFile_ShowsTheSameDaysLeftAndItsLight()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.InReviewAsync(analyst, ProcedureSlugs.ProcessedFood, await app.WorkingDaysAgoAsync(17));
        using var browser = await app.SignedInSessionAsync(analyst.Account);

        var page = await browser.GetPageAsync(file.BackofficeUrl);

        Assert.Contains("quedan 3 días hábiles", page.Text, StringComparison.Ordinal);
        Assert.Equal("amber", page.ShownLight());
    }
}
