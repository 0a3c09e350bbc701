using System.Net;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Procedures;

[Collection(SqliteApp.Name)]
public sealed class DetailsTests_Sqlite(SqliteAppFactory app) : DetailsTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class DetailsTests_Postgres(PostgresAppFactory app) : DetailsTests<PostgresAppFactory>(app);

/// /tramites/{slug}: everything a person needs before starting, for anyone, signed in or not.
public abstract class DetailsTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Theory]
    [InlineData(ProcedureSlugs.Pharmacy)]
    [InlineData(ProcedureSlugs.ProcessedFood)]
    [InlineData(ProcedureSlugs.FoodFactory)]
    [InlineData(ProcedureSlugs.HealthEstablishment)]
    public async Task Get_WhenAnonymous_ListsEveryRequirementWithItsLegalBasis(string slug)
    {
        var expected = ProcedureCatalogueSeed.Build(DateTimeOffset.UtcNow).Single(p => p.Slug == slug).Versions.Single();
        using var browser = app.CreateSession();

        var page = await browser.GetPageAsync("/tramites/" + slug);

        Assert.Equal(expected.Name, page.Title);
        var items = page.Document.QuerySelectorAll("ol.requirements > li").ToList();
        Assert.Equal(expected.Requirements.Select(r => r.Name), items.Select(li => li.QuerySelector("strong")!.TextContent.Trim()));
        foreach (var (requirement, item) in expected.Requirements.Zip(items))
        {
            Assert.Contains("Base legal: " + requirement.LegalBasis, item.TextContent, StringComparison.Ordinal);
        }

        Assert.Contains(expected.LegalBasis, page.Text, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector($"a[href='/mis-solicitudes/nueva?tramite={slug}']"));
    }

    [Fact]
    public async Task Get_FoodFactory_ShowsFixedFeeInQuetzales()
    {
        using var browser = app.CreateSession();

        var page = await browser.GetPageAsync("/tramites/" + ProcedureSlugs.FoodFactory);

        Assert.Contains("Arancel Q500.00", Cost(page), StringComparison.Ordinal);
        Assert.Contains("20 días hábiles, contados desde el pago", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_HealthEstablishment_ShowsFeeOfEachCategory()
    {
        using var browser = app.CreateSession();

        var page = await browser.GetPageAsync("/tramites/" + ProcedureSlugs.HealthEstablishment);

        var rows = page.Document.QuerySelectorAll("table tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(["Q90.00", "Q500.00", "Q900.00", "Q2,500.00", "Q5,400.00"], rows.Select(r => r[1]));
        Assert.Equal("Hospital", rows[^1][0]);
        Assert.Contains("Arancel de Q90.00 a Q5,400.00 según categoría", Cost(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ProcessedFood_ShowsBaseFeeAndOptionalLaboratoryFee()
    {
        using var browser = app.CreateSession();

        var page = await browser.GetPageAsync("/tramites/" + ProcedureSlugs.ProcessedFood);

        Assert.Contains("Arancel Q250.00", Cost(page), StringComparison.Ordinal);
        Assert.Contains("Adicional: Análisis de laboratorio (alimento de alto riesgo), Q1,640.00.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Pharmacy_SaysFeeIsNotPublishedYet()
    {
        using var browser = app.CreateSession();

        var page = await browser.GetPageAsync("/tramites/" + ProcedureSlugs.Pharmacy);

        Assert.Contains("Arancel por confirmar", Cost(page), StringComparison.Ordinal);
        Assert.Contains("El MSPAS aún no publica el arancel de este trámite.", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Solicitante)]
    [InlineData(Roles.Jefe)]
    public async Task Get_WhenSignedIn_ShowsProcedureToo(string role)
    {
        var account = await app.CreateAccountAsync(role);
        using var browser = await app.SignedInSessionAsync(account);

        var page = await browser.GetPageAsync("/tramites/" + ProcedureSlugs.FoodFactory);

        Assert.Equal("Licencia sanitaria de fábrica de alimentos", page.Title);
    }

    [Theory]
    [InlineData("no-existe")]
    [InlineData("LICENCIA-SANITARIA-FABRICA-ALIMENTOS-2")]
    public async Task Get_WhenSlugUnknown_Returns404EvenForAnonymous(string slug)
    {
        using var browser = app.CreateSession();

        using var response = await browser.GetAsync("/tramites/" + slug);

        await PageAssert.IsNotFoundAsync(response);
    }

    private static string Cost(HtmlPage page) =>
        page.Document.QuerySelectorAll("dl.summary-list > div").Single(d => d.QuerySelector("dt")!.TextContent.Trim() == "Costo").QuerySelector("dd")!.TextContent;
}
