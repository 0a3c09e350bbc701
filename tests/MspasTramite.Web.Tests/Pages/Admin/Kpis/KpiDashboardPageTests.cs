using System.Net;
using System.Text;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.Performance;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Admin.Kpis;

public sealed class KpiDashboardPageTests_Sqlite(KpiSqliteAppFactory app) : KpiDashboardPageTests<KpiSqliteAppFactory>(app), IClassFixture<KpiSqliteAppFactory>;

public sealed class KpiDashboardPageTests_Postgres(KpiPostgresAppFactory app) : KpiDashboardPageTests<KpiPostgresAppFactory>(app), IClassFixture<KpiPostgresAppFactory>;

/// /admin/indicadores over the hand-computed fixture (KpiFixture): what the product manager reads,
/// the CSV of each table, and every bad period refused in Spanish with what was typed kept.
public abstract class KpiDashboardPageTests<TFactory>(TFactory app) : IAsyncLifetime
    where TFactory : MspasAppFactory, IReviewApp
{
    private const string October = "/admin/indicadores?desde=2026-10-01&hasta=2026-10-31&tramite=licencia-sanitaria-farmacia";

    private WebSession admin = null!;

    public async Task InitializeAsync()
    {
        await KpiFixture.EnsureAsync(app);
        admin = await app.SignedInSessionAsync(await app.CreateAccountAsync(Roles.AdministradorServicio));
    }

    public Task DisposeAsync()
    {
        admin.Dispose();
        return Task.CompletedTask;
    }

    private static string Row(HtmlPage page, string indicator) =>
        page.Document.QuerySelectorAll("table tbody tr").First(tr => tr.QuerySelector("th")!.TextContent.StartsWith(indicator, StringComparison.Ordinal)).TextContent;

    [Fact]
    public async Task Get_October_ShowsTheFourKpisBesideTheMonthBefore()
    {
        var page = await admin.GetPageAsync(October);

        Assert.Equal("Indicadores del servicio", page.Title);
        Assert.Contains("Del 01/10/2026 al 31/10/2026 — Licencia sanitaria de apertura de farmacia", page.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Periodo anterior: del 01/09/2026 al 30/09/2026.", page.Text, StringComparison.Ordinal);
        var completion = Row(page, "Tasa de finalización");
        Assert.Contains("Pagadas (3) ÷ iniciadas (4)", completion, StringComparison.Ordinal);
        Assert.Contains("75 %", completion, StringComparison.Ordinal);
        Assert.Contains("+75 pp", completion, StringComparison.Ordinal);
        Assert.Contains("40 %", Row(page, "Adopción digital"), StringComparison.Ordinal);
        Assert.Contains("66.7 %", Row(page, "Satisfacción"), StringComparison.Ordinal);
        Assert.Contains("Q760.17", Row(page, "Costo por transacción"), StringComparison.Ordinal);
        Assert.Contains("Q5,325.00", Row(page, "Tiempo del personal"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_October_ShowsPromiseWaitsFunnelPaymentsWithACanvasAndATableEach()
    {
        var page = await admin.GetPageAsync(October);

        var promise = Row(page, "Licencia sanitaria de apertura de farmacia");
        Assert.Contains("60 días hábiles", promise, StringComparison.Ordinal);
        Assert.Equal(4, page.Document.QuerySelectorAll("canvas[data-chart][role=img][aria-label]").Length);
        foreach (var canvas in page.Document.QuerySelectorAll("canvas[data-chart]"))
        {
            var data = page.Document.GetElementById(canvas.GetAttribute("data-chart")!);
            Assert.Equal("application/json", data?.GetAttribute("type"));
        }

        Assert.Contains("Tardó mucho; mi CUI es [número], escríbanme a [correo] sobre [expediente].", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("ana.perez@correo.gt", page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("kpi@prueba.mspas.gt", page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Ana Pérez", page.Html, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("script[src*='chart.umd.min.js']"));
    }

    [Fact]
    public async Task GetCsv_Indicators_GivesTheSameFiguresAsFractions()
    {
        using var response = await admin.GetAsync(October + "&tabla=indicadores");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("indicadores-indicadores-licencia-sanitaria-farmacia-2026-10-01-2026-10-31.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n");
        Assert.Equal("indicador,periodo,periodo_anterior", lines[0]);
        Assert.Contains("tasa_finalizacion,0.75,0", lines);
        Assert.Contains("costo_por_transaccion_gtq,760.17,", lines);
        Assert.Contains("mediana_dias_habiles,9,", lines);
    }

    [Theory]
    [InlineData("plazos", "tramite,plazo_legal,unidad,resueltas,mediana,p90,dentro_del_plazo,vencidos_ahora", "Licencia sanitaria de apertura de farmacia,60,dias_habiles,2,9,10,0.5,1")]
    [InlineData("embudo", "paso,llegaron,guardaron,se_quedaron,abandono", "Establecimiento,3,2,1,0.3333")]
    [InlineData("pagos", "dia,pagos,ingresos_gtq,pagos_no_completados,monto_distinto,duplicados,reembolsos,reembolsado_gtq", "2026-10-10,0,0,1,0,0,0,0")]
    [InlineData("comentarios", "dia,tramite,calificacion,comentario", "2026-10-16,Licencia sanitaria de apertura de farmacia,3,")]
    public async Task GetCsv_EachTable_HasItsHeaderAndRows(string table, string header, string line)
    {
        using var response = await admin.GetAsync(October + "&tabla=" + table);

        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n");
        Assert.Equal(header, lines[0]);
        Assert.Contains(lines, l => l.StartsWith(line, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task GetCsv_UnknownTable_Is404()
    {
        using var response = await admin.GetAsync(October + "&tabla=usuarios");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_WithoutAPeriod_ShowsThisMonthSoFar()
    {
        var page = await admin.GetPageAsync("/admin/indicadores");

        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(-6)).DateTime);
        Assert.Equal(today.ToString("yyyy-MM-01", System.Globalization.CultureInfo.InvariantCulture), page.InputValue("Desde"));
        Assert.Equal(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), page.InputValue("Hasta"));
        Assert.NotNull(page.Document.QuerySelector("table"));
    }

    [Theory]
    [InlineData("desde=2026-10-31&hasta=2026-10-01", "Hasta", "La fecha final debe ser igual o posterior a la fecha de inicio.")]
    [InlineData("desde=9999-01-01&hasta=9999-12-31", "Desde", "Elija la fecha de inicio entre el 01/01/2024 y hoy")]
    [InlineData("desde=2023-12-31&hasta=2024-01-31", "Desde", "Elija la fecha de inicio entre el 01/01/2024 y hoy")]
    [InlineData("desde=ayer&hasta=2026-10-31", "Desde", "Escriba la fecha de inicio como una fecha válida, por ejemplo 01/10/2026.")]
    [InlineData("desde=2026-10-01&hasta=", "Hasta", "Escriba la fecha final.")]
    [InlineData("desde=2026-10-01&hasta=2026-10-31&tramite=no-existe", "Tramite", "Elija un trámite de la lista.")]
    public async Task Get_WithABadPeriod_SaysWhatIsWrongAndKeepsWhatWasTyped(string query, string field, string message)
    {
        var page = await admin.GetPageAsync("/admin/indicadores?" + query);

        Assert.Contains(page.SummaryErrors, e => e.Target == "#" + field && e.Message.StartsWith(message, StringComparison.Ordinal));
        Assert.StartsWith(message, page.FieldError(field), StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("main table"));
        var typed = System.Web.HttpUtility.ParseQueryString(query);
        if (field != "Tramite")
        {
            Assert.Equal(typed["desde"], page.InputValue("Desde"));
        }
    }
}
