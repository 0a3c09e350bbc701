using System.Net;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Review;
using MspasTramite.Web.Pages.Backoffice;
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

        var rows = page.Document.QuerySelectorAll("table:not(.workflow-table) tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
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
    [InlineData(ProcedureSlugs.Pharmacy)]
    [InlineData(ProcedureSlugs.FoodFactory)]
    public async Task Get_LinksToThisProceduresSectionOfThePerformancePage(string slug)
    {
        using var browser = app.CreateSession();

        var page = await browser.GetPageAsync("/tramites/" + slug);
        var performance = await browser.GetPageAsync("/desempeno");

        var link = page.Document.QuerySelector($"a[href='/desempeno#{slug}']");
        Assert.Equal("¿Cumplimos los plazos?", link?.TextContent);
        Assert.NotNull(performance.Document.GetElementById(slug));
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

    [Fact]
    public async Task Get_FoodFactory_DrawsTheWorkflowWithTheInspection()
    {
        using var browser = app.CreateSession();

        var page = await browser.GetPageAsync("/tramites/" + ProcedureSlugs.FoodFactory);

        var svg = Diagram(page);
        Assert.Equal("Estados de una solicitud con inspección del establecimiento", svg.QuerySelector("title")!.TextContent);
        Assert.Contains("Inspección programada", SvgText(svg), StringComparison.Ordinal);
        Assert.Contains("Registrar inspección", svg.TextContent, StringComparison.Ordinal);
        Assert.Contains("con la inspección del establecimiento que este trámite requiere", page.Document.QuerySelector("figure figcaption")!.TextContent, StringComparison.Ordinal);
        var rows = StepRows(page);
        Assert.Equal(ApplicationWorkflow.For(true).Count(), rows.Count);
        Assert.Contains(rows, r => r[1] == "Programar inspección" && r[0] == "En revisión" && r[4] == "Inspección programada");
        Assert.Contains(rows, r => r[1] == "Emitir dictamen" && r[3] == "Lo hace el analista asignado al expediente. Cada documento del expediente está aceptado o rechazado. Si el trámite requiere inspección, su resultado está registrado.");
    }

    [Fact]
    public async Task Get_Pharmacy_DrawsTheWorkflowWithoutTheInspection()
    {
        using var browser = app.CreateSession();

        var page = await browser.GetPageAsync("/tramites/" + ProcedureSlugs.Pharmacy);

        var svg = Diagram(page);
        Assert.Equal("Estados de una solicitud", svg.QuerySelector("title")!.TextContent);
        Assert.Contains("En espera de subsanación", SvgText(svg), StringComparison.Ordinal);
        Assert.DoesNotContain("nspección", svg.TextContent, StringComparison.Ordinal);
        var rows = StepRows(page);
        Assert.Equal(ApplicationWorkflow.For(false).Count(), rows.Count);
        Assert.DoesNotContain(rows, r => r[0].Contains("nspección", StringComparison.Ordinal) || r[1].Contains("nspección", StringComparison.Ordinal) || r[4].Contains("nspección", StringComparison.Ordinal));
        Assert.Contains(rows, r => r[0] == "Pendiente de pago" && r[1] == "Pago confirmado" && r[2] == "El sistema (automático)" && r[3] == "Ninguna" && r[4] == "Recibida");
    }

    [Fact]
    public async Task Get_Workflow_IsAnImageWithItsTextAlternative_AndNothingTheCspBlocks()
    {
        using var browser = app.CreateSession();

        var page = await browser.GetPageAsync("/tramites/" + ProcedureSlugs.ProcessedFood);

        var svg = Diagram(page);
        var labelledBy = svg.GetAttribute("aria-labelledby")!.Split(' ');
        Assert.Equal(["flujo-title", "flujo-desc"], labelledBy);
        Assert.All(labelledBy, id => Assert.NotNull(page.Document.GetElementById(id)));
        Assert.Contains("La tabla de pasos dice lo mismo en texto", svg.QuerySelector("desc")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("100%", svg.GetAttribute("width"));
        Assert.Empty(page.Document.QuerySelectorAll("main [style], main script"));
        var details = page.Document.QuerySelector("details.workflow-details")!;
        Assert.Equal("Ver los pasos como tabla", details.QuerySelector("summary")!.TextContent.Trim());
        Assert.Equal(["Estado", "Acción", "Quién puede hacerlo", "Condiciones", "Estado siguiente"], details.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()));
    }

    [Fact]
    public async Task Get_InEnglish_DrawsTheWorkflowInEnglish()
    {
        using var browser = app.CreateSession();
        var spanish = await browser.GetPageAsync("/tramites/" + ProcedureSlugs.FoodFactory);
        using var switched = await browser.GetAsync(spanish.Document.QuerySelector("header a[href^='/idioma?']")!.GetAttribute("href")!);

        var page = await browser.FollowAsync(switched);

        var svg = Diagram(page);
        Assert.Equal("States of an application with an inspection of the establishment", svg.QuerySelector("title")!.TextContent);
        Assert.Contains("Schedule inspection", svg.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Solicitar subsanación", svg.TextContent, StringComparison.Ordinal);
        Assert.Contains(StepRows(page), r => r[1] == "Issue opinion" && r[2] == "Analyst" && r[3].Contains("If the procedure requires an inspection, its result is recorded.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_Twice_SendsTheSameDrawingLaidOutOnce()
    {
        var diagrams = app.Services.GetRequiredService<WorkflowDiagrams>();
        using var browser = app.CreateSession();
        var first = await browser.GetPageAsync("/tramites/" + ProcedureSlugs.FoodFactory);
        var layouts = diagrams.Layouts;

        var second = await browser.GetPageAsync("/tramites/" + ProcedureSlugs.FoodFactory);

        Assert.Equal(RawSvg(first), RawSvg(second));
        Assert.Equal(layouts, diagrams.Layouts);
        Assert.True(layouts > 0);
    }

    private static string RawSvg(HtmlPage page)
    {
        var start = page.Html.IndexOf("<svg", StringComparison.Ordinal);
        var end = page.Html.IndexOf("</svg>", start, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start);
        return page.Html[start..end];
    }

    private static IElement Diagram(HtmlPage page)
    {
        Assert.Equal(page.Document.QuerySelector("#como-se-tramita")?.NextElementSibling?.NextElementSibling, page.Document.QuerySelector("figure.workflow-figure"));
        var svg = page.Document.QuerySelectorAll("figure.workflow-figure > svg").Single();
        Assert.Equal("img", svg.GetAttribute("role"));
        return svg;
    }

    /// The drawing's words in order: a state's name wrapped over two lines reads as one again.
    private static string SvgText(IElement svg) => string.Join(" ", svg.QuerySelectorAll("text").Select(t => t.TextContent));

    private static List<string[]> StepRows(HtmlPage page) =>
        [.. page.Document.QuerySelectorAll("details.workflow-details table tbody tr")
            .Select(r => r.Children.Select(c => string.Join(" ", c.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))).ToArray())];

    private static string Cost(HtmlPage page) =>
        page.Document.QuerySelectorAll("dl.summary-list > div").Single(d => d.QuerySelector("dt")!.TextContent.Trim() == "Costo").QuerySelector("dd")!.TextContent;
}
