using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Citizen.Applications;

[Collection(SqliteApp.Name)]
public sealed class FeeTests_Sqlite(SqliteAppFactory app) : FeeTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class FeeTests_Postgres(PostgresAppFactory app) : FeeTests<PostgresAppFactory>(app);

/// /mis-solicitudes/{id}/arancel: the establishment's category (DRACES) or the optional extra fees
/// (laboratory analysis); only what the procedure offers is ever saved.
public abstract class FeeTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    private const string CategoryError = "Elija la categoría del establecimiento.";

    [Fact]
    public async Task Get_ListsEachCategoryWithItsFee()
    {
        var (browser, application) = await DraftAsync(ProcedureSlugs.HealthEstablishment);
        using var _ = browser;

        var page = await browser.GetPageAsync(application.Url + "/arancel");

        Assert.Equal("Categoría y arancel", page.Title);
        var labels = page.Document.QuerySelectorAll("#Category .radio-label").Select(l => l.TextContent.Trim()).ToList();
        Assert.Equal(5, labels.Count);
        Assert.Contains("Laboratorio clínico — Q900.00", labels);
        Assert.Contains("Hospital — Q5,400.00", labels);
        Assert.Null(page.CheckedValue("Category"));
    }

    [Fact]
    public async Task Post_WhenCategoryChosen_SavesAndOpensDocumentsStep()
    {
        var (browser, application) = await DraftAsync(ProcedureSlugs.HealthEstablishment);
        using var _ = browser;

        using var response = await browser.SubmitAsync(application.Url + "/arancel", new Dictionary<string, string?> { ["Category"] = "laboratorio" });

        Assert.Equal(application.Url + "/documentos", response.RedirectPath());
        Assert.Equal("laboratorio", (await app.FindApplicationAsync(application.Id)).CategoryCode);
        var review = await browser.GetPageAsync(application.Url + "/revision");
        Assert.Equal("Q900.00", review.Document.QuerySelector(".fee")?.TextContent);
    }

    [Fact]
    public async Task Post_WhenCategoryMissing_ShowsErrorAndKeepsSavedCategory()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = ProcedureSlugs.HealthEstablishment, FilledThrough = ApplicationStep.Fee, Category = "sanatorio" });
        var before = await app.FindApplicationAsync(application.Id);
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await browser.SubmitAsync(application.Url + "/arancel", new Dictionary<string, string?> { ["Category"] = null });

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Category", CategoryError);
        var after = await app.FindApplicationAsync(application.Id);
        Assert.Equal(before.ConcurrencyStamp, after.ConcurrencyStamp);
        Assert.Equal("sanatorio", after.CategoryCode);
        Assert.Equal((TestData.ProfessionalName, TestData.EstablishmentName), (after.ProfessionalName, after.EstablishmentName));
    }

    [Theory]
    [InlineData("castillo")]
    [InlineData("HOSPITAL")]
    [InlineData("")]
    public async Task Post_WhenCategoryNotInList_ShowsError(string category)
    {
        var (browser, application) = await DraftAsync(ProcedureSlugs.HealthEstablishment);
        using var _ = browser;

        using var response = await browser.SubmitAsync(application.Url + "/arancel", new Dictionary<string, string?> { ["Category"] = category });

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Category", CategoryError);
        Assert.Null((await app.FindApplicationAsync(application.Id)).CategoryCode);
    }

    [Fact]
    public async Task Post_WhenExtrasChosen_KeepsOnlyThoseTheProcedureOffers()
    {
        var (browser, application) = await DraftAsync(ProcedureSlugs.ProcessedFood);
        using var _ = browser;
        var page = await browser.GetPageAsync(application.Url + "/arancel");
        Assert.Contains("¿Es un alimento de alto riesgo que requiere análisis de laboratorio? (Q1,640.00)", page.Text, StringComparison.Ordinal);
        // The person ticks the box; a forged second value rides along.
        page.Document.QuerySelector<IHtmlInputElement>("#extra-analisis-laboratorio")!.IsChecked = true;
        var forged = page.Document.CreateElement("input");
        forged.SetAttribute("type", "hidden");
        forged.SetAttribute("name", "Extras");
        forged.SetAttribute("value", "descuento-especial");
        page.Document.QuerySelector("main form")!.AppendChild(forged);

        using var response = await browser.SubmitAsync(page, new Dictionary<string, string?>());

        Assert.Equal(application.Url + "/documentos", response.RedirectPath());
        var saved = await app.FindApplicationAsync(application.Id);
        Assert.Equal(["analisis-laboratorio"], saved.ExtraFeeCodes);
        Assert.Null(saved.CategoryCode);
        var review = await browser.GetPageAsync(application.Url + "/revision");
        Assert.Equal("Q1,890.00", review.Document.QuerySelector(".fee")?.TextContent);
    }

    [Fact]
    public async Task Post_WhenExtraUnticked_RemovesIt()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = ProcedureSlugs.ProcessedFood, FilledThrough = ApplicationStep.Fee, Extras = ["analisis-laboratorio"] });
        using var browser = await app.SignedInSessionAsync(citizen);
        var page = await browser.GetPageAsync(application.Url + "/arancel");
        var box = page.Document.QuerySelector<IHtmlInputElement>("#extra-analisis-laboratorio")!;
        Assert.True(box.IsChecked);
        box.IsChecked = false;

        using var response = await browser.SubmitAsync(page, new Dictionary<string, string?>());

        Assert.Equal(application.Url + "/documentos", response.RedirectPath());
        Assert.Empty((await app.FindApplicationAsync(application.Id)).ExtraFeeCodes);
    }

    [Fact]
    public async Task Post_WhenSaveAndExit_GoesToDetailsWithNotice()
    {
        var (browser, application) = await DraftAsync(ProcedureSlugs.HealthEstablishment);
        using var _ = browser;

        using var response = await browser.SubmitAsync(application.Url + "/arancel", new Dictionary<string, string?> { ["Category"] = "hospital", ["accion"] = "salir" });

        Assert.Equal(application.Url, response.RedirectPath());
        Assert.Equal("Guardamos su avance. Puede continuar cuando quiera desde «Mis solicitudes».", (await browser.FollowAsync(response)).Notice);
        Assert.Equal("hospital", (await app.FindApplicationAsync(application.Id)).CategoryCode);
    }

    [Fact]
    public async Task Post_WithFeeFieldsThePageDoesNotOwn_SavesOnlyTheCategory()
    {
        var (browser, application) = await DraftAsync(ProcedureSlugs.HealthEstablishment);
        using var _ = browser;

        using var response = await browser.SubmitAsync(application.Url + "/arancel", new Dictionary<string, string?>
        {
            ["Category"] = "hospital",
            ["FeeAmount"] = "0",
            ["Application.FeeAmount"] = "0",
            ["Application.Status"] = "Approved",
            ["Application.FileNumber"] = "X",
            ["Version.Categories[4].Amount"] = "1",
        });

        Assert.Equal(application.Url + "/documentos", response.RedirectPath());
        var saved = await app.FindApplicationAsync(application.Id);
        Assert.Equal(("hospital", (decimal?)null, ApplicationStatus.Draft, (string?)null), (saved.CategoryCode, saved.FeeAmount, saved.Status, saved.FileNumber));
        var review = await browser.GetPageAsync(application.Url + "/revision");
        Assert.Equal("Q5,400.00", review.Document.QuerySelector(".fee")?.TextContent);
    }

    [Fact]
    public async Task GetAndPost_WhenProcedureHasNoFeeChoices_Return404()
    {
        var (browser, application) = await DraftAsync(ProcedureSlugs.FoodFactory);
        using var _ = browser;
        var details = await browser.GetPageAsync(application.Url);

        using var get = await browser.GetAsync(application.Url + "/arancel");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = details.AntiforgeryToken,
            ["Category"] = "hospital",
        });
        using var post = await browser.Client.PostAsync(new Uri(application.Url + "/arancel", UriKind.Relative), content);

        await PageAssert.IsNotFoundAsync(get);
        await PageAssert.IsNotFoundAsync(post);
        Assert.Null((await app.FindApplicationAsync(application.Id)).CategoryCode);
    }

    private async Task<(WebSession Browser, TestApplication Application)> DraftAsync(string procedure)
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = procedure, FilledThrough = ApplicationStep.Professional });
        return (await app.SignedInSessionAsync(citizen), application);
    }
}
