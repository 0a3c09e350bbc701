using System.Net;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Procedures;

[Collection(SqliteApp.Name)]
public sealed class IndexTests_Sqlite(SqliteAppFactory app) : IndexTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class IndexTests_Postgres(PostgresAppFactory app) : IndexTests<PostgresAppFactory>(app);

/// /tramites: the public catalogue, searched the way people type on a phone (no accents, any case)
/// and filtered by department.
public abstract class IndexTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Fact]
    public async Task Get_WhenAnonymous_ListsEveryPublishedProcedureWithItsFee()
    {
        using var browser = app.CreateSession();
        // Other tests in this app publish procedures of their own: every one published is listed.
        var published = await app.WithDbAsync(db => db.Procedures.CountAsync(p => p.Versions.Any(v => v.Status == VersionStatus.Published)));

        var page = await browser.GetPageAsync("/tramites");

        Assert.Equal("Catálogo de trámites", page.Title);
        Assert.Equal(
            [ProcedureSlugs.HealthEstablishment, ProcedureSlugs.FoodFactory, ProcedureSlugs.Pharmacy, ProcedureSlugs.ProcessedFood],
            ResultSlugs(page).Order(StringComparer.Ordinal));
        Assert.Contains($"{published} trámite(s) encontrado(s).", page.Text, StringComparison.Ordinal);
        Assert.Contains("Arancel Q500.00", Card(page, ProcedureSlugs.FoodFactory), StringComparison.Ordinal);
        Assert.Contains("Arancel por confirmar", Card(page, ProcedureSlugs.Pharmacy), StringComparison.Ordinal);
        Assert.Contains("Arancel de Q90.00 a Q5,400.00 según categoría", Card(page, ProcedureSlugs.HealthEstablishment), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Solicitante)]
    [InlineData(Roles.Analista)]
    public async Task Get_WhenSignedIn_ShowsCatalogueToo(string role)
    {
        var account = await app.CreateAccountAsync(role);
        using var browser = await app.SignedInSessionAsync(account);

        var page = await browser.GetPageAsync("/tramites");

        Assert.Equal(4, ResultSlugs(page).Count);
    }

    [Theory]
    [InlineData("fabrica alimentos")]
    [InlineData("FÁBRICA ALIMENTOS")]
    [InlineData("Fábrica de alimentos")]
    [InlineData("  fabrica   ALIMENTOS ")]
    public async Task Get_WhenSearchWithOrWithoutAccents_FindsFoodFactory(string query)
    {
        using var browser = app.CreateSession();

        var page = await browser.GetPageAsync("/tramites?q=" + Uri.EscapeDataString(query));

        Assert.Equal([ProcedureSlugs.FoodFactory], ResultSlugs(page));
        Assert.Equal(query, page.InputValue("q"));
    }

    [Fact]
    public async Task Get_WhenSearchIsOneWord_MatchesNameAndSummaryWithoutAccents()
    {
        using var browser = app.CreateSession();

        // "fabrica" is in the factory's name (fábrica) and in the processed food's summary (fabricar).
        var page = await browser.GetPageAsync("/tramites?q=fabrica");

        Assert.Equal([ProcedureSlugs.FoodFactory, ProcedureSlugs.ProcessedFood], ResultSlugs(page).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("DRCA", new[] { ProcedureSlugs.FoodFactory, ProcedureSlugs.ProcessedFood })]
    [InlineData("DRACES", new[] { ProcedureSlugs.HealthEstablishment })]
    [InlineData("DRCPFA", new[] { ProcedureSlugs.Pharmacy })]
    [InlineData("drca", new[] { ProcedureSlugs.FoodFactory, ProcedureSlugs.ProcessedFood })]
    public async Task Get_WhenDepartmentFilter_ListsOnlyItsProcedures(string department, string[] expected)
    {
        using var browser = app.CreateSession();

        var page = await browser.GetPageAsync("/tramites?departamento=" + department);

        Assert.Equal(expected, ResultSlugs(page).Order(StringComparer.Ordinal));
        Assert.Equal(department.ToUpperInvariant(), page.SelectedValue("departamento"));
    }

    [Fact]
    public async Task Get_WhenSearchAndDepartmentFilter_AppliesBoth()
    {
        using var browser = app.CreateSession();

        var page = await browser.GetPageAsync("/tramites?q=licencia&departamento=DRCA");

        Assert.Equal([ProcedureSlugs.FoodFactory], ResultSlugs(page));
    }

    [Fact]
    public async Task Get_WhenNothingMatches_SaysSoInSpanish()
    {
        using var browser = app.CreateSession();

        var page = await browser.GetPageAsync("/tramites?q=tatuajes");

        Assert.Empty(ResultSlugs(page));
        Assert.Contains("0 trámite(s) encontrado(s).", page.Text, StringComparison.Ordinal);
        Assert.Contains("No encontramos trámites con esos datos.", page.Text, StringComparison.Ordinal);
    }

    /// The seeded procedures the page lists. Other tests publish procedures of their own in the shared
    /// database (slugs "prueba-…", PublishedProcedures); those are left out.
    private static List<string> ResultSlugs(HtmlPage page) =>
        [.. page.Document.QuerySelectorAll(".card-list .card__title a").Select(a => a.GetAttribute("href")!["/tramites/".Length..])
            .Where(slug => !slug.StartsWith("prueba-", StringComparison.Ordinal))];

    private static string Card(HtmlPage page, string slug) =>
        page.Document.QuerySelectorAll(".card-list .card").Single(c => c.QuerySelector($"a[href='/tramites/{slug}']") is not null).TextContent;
}
