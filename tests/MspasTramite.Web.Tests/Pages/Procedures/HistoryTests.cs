using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Publishing;
using MspasTramite.Web.Tests.Publishing;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Procedures;

[Collection(SqliteApp.Name)]
public sealed class HistoryTests_Sqlite(SqliteAppFactory app) : HistoryTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class HistoryTests_Postgres(PostgresAppFactory app) : HistoryTests<PostgresAppFactory>(app);

/// /tramites/{slug}/historial and what the public page shows of a published version's documentation:
/// the changelog computed from the versions, the product manager's Markdown (sanitised), the FAQ, the
/// simplification record and the Mayan-language summaries.
public abstract class HistoryTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Fact]
    public async Task Get_AfterASecondPublication_ListsBothVersionsNewestFirstWithReasonAndChanges()
    {
        var (procedureId, slug) = await PublishedProcedures.CreateAsync(app.Services);
        await PublishedProcedures.PublishNewVersionAsync(app.Services, procedureId, v =>
        {
            v.FixedFee = 150m;
            v.LegalTimeDays = 20;
            v.Requirements.Add(new() { Code = "plano", Name = "Plano de distribución", Description = "Áreas del local.", LegalBasis = "Acuerdo Gubernativo 969-99, art. 10" });
        }, "Se pide el plano, como manda el reglamento.");
        using var browser = app.CreateSession();

        var page = await browser.GetPageAsync($"/tramites/{slug}/historial");

        var entries = page.Document.QuerySelectorAll(".changelog__entry").ToList();
        Assert.Equal(2, entries.Count);
        Assert.StartsWith("Versión 2", entries[0].QuerySelector("h2")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("vigente", entries[0].QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Motivo: Se pide el plano, como manda el reglamento.", entries[0].TextContent, StringComparison.Ordinal);
        var changes = entries[0].QuerySelectorAll(".version-changes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(
            ["Nuevo requisito: Plano de distribución.", "La tarifa cambia de Q100.00 a Q150.00.", "El plazo legal cambia de 30 días hábiles a 20 días hábiles."],
            changes);
        Assert.Contains("Primera versión publicada en línea.", entries[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Motivo: Primera publicación en línea.", entries[1].TextContent, StringComparison.Ordinal);

        var details = await browser.GetPageAsync($"/tramites/{slug}");
        Assert.NotNull(details.Document.QuerySelector($"a[href='/tramites/{slug}/historial']"));
        Assert.Contains("Plano de distribución", details.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_NeverPublishedProcedure_IsNotFoundAnywhereInPublic()
    {
        var slug = "borrador-" + Guid.NewGuid().ToString("N")[..12];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<ProcedurePublishing>().CreateProcedureAsync("Trámite nuevo", slug, Department.DRCA, PublishedProcedures.ActorId);
            Assert.True(created.Succeeded);
        }

        using var browser = app.CreateSession();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/tramites/{slug}/historial")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/tramites/{slug}")).StatusCode);
        Assert.DoesNotContain(slug, (await browser.GetPageAsync("/tramites")).Document.Body!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownSlug_IsNotFound()
    {
        using var browser = app.CreateSession();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/tramites/no-existe-este-tramite/historial")).StatusCode);
    }

    [Fact]
    public async Task Details_ShowsSanitisedMarkdownFaqSimplificationAndMayanSummaries()
    {
        var (_, slug) = await PublishedProcedures.CreateAsync(app.Services, v =>
        {
            v.Description = "La licencia es **obligatoria**.<script>alert(1)</script> [Más](javascript:alert(1)) <img src=x onerror=alert(1)>";
            v.Faq = "## ¿Cuánto tarda?\n\nHasta 30 días hábiles. Vea [la ley](https://www.congreso.gob.gt/).";
            v.Simplifications = [new() { Aspect = SimplificationAspect.Channel, Before = "Boleta, banco y ventanilla.", After = "Pago en línea.", Reason = "Decreto 5-2021, art. 41." }];
            v.PlainSummaries = [new() { Language = PlainSummary.Kiche, Text = "Jun tzijonem pa K'iche'.", ProvidedBy = "Comunidad Lingüística K'iche'" }];
        });
        using var browser = app.CreateSession();

        var page = await browser.GetPageAsync($"/tramites/{slug}");

        var description = page.Document.QuerySelector(".prose")!;
        Assert.Equal("obligatoria", description.QuerySelector("strong")!.TextContent);
        Assert.Empty(page.Document.QuerySelectorAll(".prose script, .prose img, .prose [onerror], .prose a[href^='javascript']"));
        Assert.Contains("¿Cuánto tarda?", page.Document.QuerySelector("#preguntas-frecuentes + .prose h4")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("https://www.congreso.gob.gt/", page.Document.QuerySelector("#preguntas-frecuentes + .prose a")!.GetAttribute("href"));
        var simplification = page.Document.QuerySelector(".simplification")!.TextContent;
        Assert.Contains("Canal de pago y entrega", simplification, StringComparison.Ordinal);
        Assert.Contains("Boleta, banco y ventanilla.", simplification, StringComparison.Ordinal);
        Assert.Contains("Pago en línea.", simplification, StringComparison.Ordinal);
        var summary = page.Document.QuerySelector(".plain-summary")!;
        Assert.Equal("quc", summary.QuerySelector("summary")!.GetAttribute("lang"));
        Assert.Equal("K'iche'", summary.QuerySelector("summary")!.TextContent.Trim());
        Assert.Equal("quc", summary.QuerySelector("p")!.GetAttribute("lang"));
        Assert.Contains("Traducción proporcionada por Comunidad Lingüística K'iche'.", summary.TextContent, StringComparison.Ordinal);
    }
}
