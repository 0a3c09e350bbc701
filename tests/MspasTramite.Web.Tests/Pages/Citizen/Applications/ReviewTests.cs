using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Citizen.Applications;

[Collection(SqliteApp.Name)]
public sealed class ReviewTests_Sqlite(SqliteAppFactory app) : ReviewTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class ReviewTests_Postgres(PostgresAppFactory app) : ReviewTests<PostgresAppFactory>(app);

/// /mis-solicitudes/{id}/revision: the summary, the fee, what is still missing, and submission. The
/// status, fee and file number come from the server alone.
public abstract class ReviewTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    private static readonly string Year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(-6)).Year.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Get_WhenComplete_ShowsSummaryAndFee()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen);
        using var browser = await app.SignedInSessionAsync(citizen);

        var page = await browser.GetPageAsync(application.Url + "/revision");

        Assert.Equal("Revise su solicitud antes de enviarla", page.Title);
        Assert.Contains("Paso 5 de 5", page.Text, StringComparison.Ordinal);
        Assert.Equal("Q500.00", page.Document.QuerySelector(".fee")?.TextContent);
        Assert.Null(page.Document.QuerySelector(".warning"));
        Assert.Contains(TestData.EstablishmentName, page.Text, StringComparison.Ordinal);
        Assert.Contains("Mixco, Guatemala", page.Text, StringComparison.Ordinal);
        var documents = page.Document.QuerySelectorAll("ul.file-list li").Select(li => string.Join(' ', li.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Contains("Croquis de ubicación y plano de distribución de la fábrica: croquis.pdf", documents);
        Assert.Contains("DPI del propietario: verificado con sus datos registrados", documents);
    }

    [Fact]
    public async Task Get_WhenNothingFilled_ListsEachMissingItemLinkedToItsStep()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { FilledThrough = null });
        using var browser = await app.SignedInSessionAsync(citizen);

        var page = await browser.GetPageAsync(application.Url + "/revision");

        var missing = page.Document.QuerySelectorAll(".warning li a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Equal(
        [
            ("Indique si presenta la solicitud como persona o como empresa.", application.Url + "/solicitante"),
            ("Complete los datos del establecimiento.", application.Url + "/establecimiento"),
            ("Complete los datos del profesional responsable.", application.Url + "/profesional"),
            ("Formulario DRCA-004", application.Url + "/documentos"),
            ("Resolución ambiental del MARN", application.Url + "/documentos"),
            ("Croquis de ubicación y plano de distribución de la fábrica", application.Url + "/documentos"),
            ("Listado de productos a fabricar", application.Url + "/documentos"),
        ], missing);
    }

    [Fact]
    public async Task Post_WhenDocumentsMissing_ListsThemAndStaysDraft()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { FilledThrough = ApplicationStep.Professional });
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await browser.SubmitAsync(application.Url + "/revision", new Dictionary<string, string?>());

        var page = await response.ReadPageAsync();
        Assert.Equal(
            ["Falta: Formulario DRCA-004", "Falta: Resolución ambiental del MARN", "Falta: Croquis de ubicación y plano de distribución de la fábrica", "Falta: Listado de productos a fabricar"],
            page.SummaryErrors.Select(e => e.Message));
        await AssertStillDraftAsync(application);
    }

    [Fact]
    public async Task Post_WhenApplicantBecameCompanyWithoutDeed_ListsDeedMissing()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen);
        using var browser = await app.SignedInSessionAsync(citizen);
        using (var company = await browser.SubmitAsync(application.Url + "/solicitante", new Dictionary<string, string?>
        {
            ["Input.Kind"] = "Company",
            ["Input.CompanyName"] = TestData.CompanyName,
            ["Input.CompanyNit"] = TestData.CompanyNit,
            ["Input.LegalRepresentative"] = TestData.LegalRepresentative,
        }))
        {
            Assert.Equal(application.Url + "/establecimiento", company.RedirectPath());
        }

        using var response = await browser.SubmitAsync(application.Url + "/revision", new Dictionary<string, string?>());

        var page = await response.ReadPageAsync();
        Assert.Equal(["Falta: Escritura de constitución de la sociedad y nombramiento del representante legal"], page.SummaryErrors.Select(e => e.Message));
        await AssertStillDraftAsync(application);
    }

    [Fact]
    public async Task Post_WhenFeeNotPublished_SaysSoAndStaysDraft()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = ProcedureSlugs.Pharmacy });
        using var browser = await app.SignedInSessionAsync(citizen);
        var review = await browser.GetPageAsync(application.Url + "/revision");
        Assert.Contains("Este trámite aún no tiene arancel publicado.", review.Text, StringComparison.Ordinal);
        Assert.Null(review.Document.QuerySelector(".warning"));

        using var response = await browser.SubmitAsync(review, new Dictionary<string, string?>());

        var page = await response.ReadPageAsync();
        FormAssert.HasSummaryError(page, "Este trámite aún no tiene arancel publicado. Su solicitud queda guardada como borrador y podrá enviarla cuando el MSPAS lo publique.");
        await AssertStillDraftAsync(application);
    }

    [Fact]
    public async Task Post_WhenComplete_SubmitsWithFileNumberAndComputedFee()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen);
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await browser.SubmitAsync(application.Url + "/revision", new Dictionary<string, string?>());

        Assert.Equal(application.Url, response.RedirectPath());
        var saved = await app.FindApplicationAsync(application.Id);
        Assert.Equal(ApplicationStatus.AwaitingPayment, saved.Status);
        Assert.Matches($"^DRCA-{Year}-\\d{{6}}$", saved.FileNumber);
        Assert.Equal(500m, saved.FeeAmount);
        Assert.Equal("GTQ", saved.Currency);
        Assert.NotNull(saved.SubmittedAt);
        var submitted = Assert.Single(saved.Events, e => e.Kind == "submitted");
        Assert.Equal((ApplicationStatus.Draft, ApplicationStatus.AwaitingPayment, saved.FileNumber), (submitted.FromStatus, submitted.ToStatus, submitted.Note));
        var details = await browser.FollowAsync(response);
        Assert.Equal($"Solicitud enviada con el expediente {saved.FileNumber}. El siguiente paso es pagar el arancel.", details.Notice);
    }

    [Theory]
    [InlineData(ProcedureSlugs.HealthEstablishment, "hospital", "", "DRACES", 5400)]
    [InlineData(ProcedureSlugs.HealthEstablishment, "clinica-individual", "", "DRACES", 90)]
    [InlineData(ProcedureSlugs.ProcessedFood, "", "analisis-laboratorio", "DRCA", 1890)]
    [InlineData(ProcedureSlugs.ProcessedFood, "", "", "DRCA", 250)]
    public async Task Post_WhenComplete_FreezesTheFeeOfTheChoicesMade(string procedure, string category, string extra, string department, int fee)
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new()
        {
            Procedure = procedure,
            Category = category,
            Extras = extra.Length == 0 ? [] : [extra],
        });
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await browser.SubmitAsync(application.Url + "/revision", new Dictionary<string, string?>());

        Assert.Equal(application.Url, response.RedirectPath());
        var saved = await app.FindApplicationAsync(application.Id);
        Assert.Equal(fee, saved.FeeAmount);
        Assert.StartsWith(department + "-", saved.FileNumber, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithFieldsThePageDoesNotOwn_SubmitsWithServersStatusFeeAndNumber()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen);
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await browser.SubmitAsync(application.Url + "/revision", new Dictionary<string, string?>
        {
            ["Status"] = "Approved",
            ["FeeAmount"] = "0",
            ["FileNumber"] = "X",
            ["Fee"] = "0",
            ["Currency"] = "USD",
            ["Application.Status"] = "Approved",
            ["Application.FeeAmount"] = "0",
            ["Application.FileNumber"] = "X",
            ["Application.Currency"] = "USD",
            ["Application.CategoryCode"] = "hospital",
        });

        Assert.Equal(application.Url, response.RedirectPath());
        var saved = await app.FindApplicationAsync(application.Id);
        Assert.Equal(ApplicationStatus.AwaitingPayment, saved.Status);
        Assert.Equal(500m, saved.FeeAmount);
        Assert.Matches(FilingFlows.FileNumberPattern, saved.FileNumber);
        Assert.Equal("GTQ", saved.Currency);
        Assert.Null(saved.CategoryCode);
    }

    [Fact]
    public async Task Post_WhenSubmittedTwice_KeepsTheFirstNumberAndSaysItWasSent()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen);
        using var browser = await app.SignedInSessionAsync(citizen);
        var review = await browser.GetPageAsync(application.Url + "/revision");
        using (var first = await browser.SubmitAsync(review, new Dictionary<string, string?>()))
        {
            Assert.Equal(application.Url, first.RedirectPath());
        }

        var fileNumber = (await app.FindApplicationAsync(application.Id)).FileNumber;

        // The same page again, as after a double click or the back button.
        using var response = await browser.SubmitAsync(review, new Dictionary<string, string?>());

        Assert.Equal(application.Url, response.RedirectPath());
        Assert.Equal("Esta solicitud ya fue enviada y no se puede modificar.", (await browser.FollowAsync(response)).Notice);
        var saved = await app.FindApplicationAsync(application.Id);
        Assert.Equal(fileNumber, saved.FileNumber);
        Assert.Single(saved.Events, e => e.Kind == "submitted");
    }

    [Fact]
    public async Task Post_ThenProcedureFeeChanges_ApplicationKeepsTheFeeItWasSubmittedWith()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen);
        using var browser = await app.SignedInSessionAsync(citizen);
        using (var submitted = await browser.SubmitAsync(application.Url + "/revision", new Dictionary<string, string?>()))
        {
            Assert.Equal(application.Url, submitted.RedirectPath());
        }

        // The shared catalogue is changed for this test only; tests never run at the same time.
        await SetFoodFactoryFeeAsync(650m);
        try
        {
            var saved = await app.FindApplicationAsync(application.Id);
            Assert.Equal(500m, saved.FeeAmount);
            var details = await browser.GetPageAsync(application.Url);
            Assert.Contains("Q500.00", details.Text, StringComparison.Ordinal);
            // The change itself took: a new application of the procedure owes the new fee.
            var fresh = await TestData.CreateApplicationAsync(app, citizen);
            var review = await browser.GetPageAsync(fresh.Url + "/revision");
            Assert.Equal("Q650.00", review.Document.QuerySelector(".fee")?.TextContent);
        }
        finally
        {
            await SetFoodFactoryFeeAsync(500m);
        }
    }

    private Task<int> SetFoodFactoryFeeAsync(decimal fee) =>
        app.WithDbAsync(db => db.ProcedureVersions
            .Where(v => v.Procedure.Slug == ProcedureSlugs.FoodFactory && v.Status == VersionStatus.Published)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.FixedFee, fee)));

    private async Task AssertStillDraftAsync(TestApplication application)
    {
        var saved = await app.FindApplicationAsync(application.Id);
        Assert.Equal(ApplicationStatus.Draft, saved.Status);
        Assert.Null(saved.FileNumber);
        Assert.Null(saved.FeeAmount);
        Assert.Null(saved.SubmittedAt);
        Assert.DoesNotContain(saved.Events, e => e.Kind == "submitted");
    }
}
