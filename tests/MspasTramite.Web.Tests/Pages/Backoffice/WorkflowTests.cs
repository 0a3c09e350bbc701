using System.Net;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Review;
using MspasTramite.Web.Pages.Backoffice;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Backoffice;

[Collection(SqliteApp.Name)]
public sealed class WorkflowTests_Sqlite(SqliteAppFactory app) : WorkflowTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class WorkflowTests_Postgres(PostgresAppFactory app) : WorkflowTests<PostgresAppFactory>(app);

/// /backoffice/flujo: the workflow table as the staff work it, drawn for both kinds of procedure,
/// with its version and the Mermaid and DOT text for whoever maintains it.
public abstract class WorkflowTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    private const string Path = "/backoffice/flujo";

    [Fact]
    public async Task Get_WhenAnonymous_RedirectsToSignIn()
    {
        using var browser = app.CreateSession();

        using var response = await browser.GetAsync(Path);

        PageAssert.RedirectsToSignIn(response);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(Path), response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Get_WhenCitizen_Answers403()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await browser.GetAsync(Path);

        PageAssert.IsDenied(response);
        using var denied = await browser.GetAsync(response.Headers.Location!.PathAndQueryOf());
        var page = await denied.ReadPageAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Acceso denegado", page.Title);
    }

    [Theory]
    [InlineData(Roles.Finanzas)]
    [InlineData(Roles.AdministradorServicio)]
    public async Task Get_WhenStaffOutsideTheBackOffice_IsDenied(string role)
    {
        var staff = await app.CreateAccountAsync(role);
        using var browser = await app.SignedInSessionAsync(staff);

        using var response = await browser.GetAsync(Path);

        PageAssert.IsDenied(response);
    }

    [Theory]
    [InlineData(Roles.Analista)]
    [InlineData(Roles.Jefe)]
    public async Task Get_WhenAnalystOrHead_ShowsBothDiagramsTheVersionAndTheMermaidText(string role)
    {
        var staff = await app.CreateAccountAsync(role);
        using var browser = await app.SignedInSessionAsync(staff);

        var page = await browser.GetPageAsync(Path);

        Assert.Equal("Flujo de trabajo de las solicitudes", page.Title);
        Assert.Contains($"Versión del flujo: {ApplicationWorkflow.CurrentVersion}.", page.Text, StringComparison.Ordinal);
        var diagrams = page.Document.QuerySelectorAll("figure.workflow-figure > svg").ToList();
        Assert.Equal(["flujo-sin-inspeccion-title flujo-sin-inspeccion-desc", "flujo-con-inspeccion-title flujo-con-inspeccion-desc"], diagrams.Select(d => d.GetAttribute("aria-labelledby")));
        Assert.DoesNotContain("Registrar inspección", diagrams[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Registrar inspección", diagrams[1].TextContent, StringComparison.Ordinal);
        var texts = page.Document.QuerySelectorAll("pre.code-block").Select(p => p.TextContent).ToList();
        Assert.Equal([ApplicationWorkflow.Mermaid(false), ApplicationWorkflow.Mermaid(true), ApplicationWorkflow.Dot(false), ApplicationWorkflow.Dot(true)], texts);
        Assert.StartsWith("stateDiagram-v2", texts[0].TrimStart(), StringComparison.Ordinal);
        Assert.Contains("InReview --> InspectionScheduled : ScheduleInspection", texts[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Table_ListsEveryRowWithItsRolesAndConditions()
    {
        var analyst = await app.CreateAccountAsync(Roles.Analista);
        using var browser = await app.SignedInSessionAsync(analyst);

        var page = await browser.GetPageAsync(Path);

        var rows = page.Document.QuerySelectorAll("table.workflow-table tbody tr").ToList();
        Assert.Equal(ApplicationWorkflow.Table.Count, rows.Count);
        Assert.Equal(ApplicationWorkflow.Table.Count(t => t.InspectionStep), rows.Count(r => r.QuerySelector(".tag")?.TextContent == "solo con inspección"));
        var approve = rows.Single(r => r.QuerySelector("th")!.TextContent.Trim() == "Aprobar");
        var cells = approve.Children.Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal("En espera de aprobación", cells[0]);
        Assert.Equal("Jefe de sección", cells[2]);
        var conditions = approve.QuerySelectorAll("td:nth-child(4) li").Select(li => string.Join(" ", li.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Equal(
            [
                "Lo resuelve alguien distinto de quien emitió el dictamen. Si no se cumple: «Quien emitió el dictamen no puede resolver el mismo expediente.»",
                "El dictamen recomienda aprobar. Si no se cumple: «El dictamen recomienda rechazar: para aprobar, devuélvalo al analista.»",
            ],
            conditions);
        Assert.Equal("Aprobada", cells[4]);
        var reassign = rows.Single(r => r.Children[0].TextContent.Trim() == "En revisión" && r.QuerySelector("th")!.TextContent.Trim() == "Asignar analista");
        Assert.Equal("En revisión (no cambia)", reassign.Children[4].TextContent.Trim());
    }
}

/// The names the workflow pages show: every state, action, actor and condition has one.
public class WorkflowNamesTests
{
    [Fact]
    public void EveryStateTriggerAndActor_HasASpanishName()
    {
        Assert.All(Core.Applications.ApplicationStatus.All, s => Assert.NotEqual(s, WorkflowNames.State(s)));
        Assert.All(Enum.GetValues<WorkflowTrigger>(), t => Assert.NotEqual(t.ToString(), WorkflowNames.Trigger(t)));
        Assert.All(Enum.GetValues<WorkflowTrigger>(), t => Assert.Equal(WorkflowNames.Trigger(t), WorkflowNames.Trigger(t.ToString())));
        Assert.All(ApplicationWorkflow.Table.SelectMany(r => r.Roles).Distinct(), r => Assert.Contains(r, WorkflowNames.Actors));
        Assert.Equal("El sistema (automático)", WorkflowNames.Role(ApplicationWorkflow.SystemRole));
        Assert.Equal(ApplicationWorkflow.Table.SelectMany(r => r.Roles).Distinct().Count(), ApplicationWorkflow.Table.SelectMany(r => r.Roles).Distinct().Select(WorkflowNames.Role).Distinct().Count());
    }

    [Fact]
    public void EveryGuardOfTheTable_HasItsConditionWordedAsWhatMustHold()
    {
        var guards = ApplicationWorkflow.Table.SelectMany(r => r.Guards).Select(g => g.Description).Distinct().ToList();

        Assert.All(guards, g => Assert.NotNull(WorkflowNames.Condition(g)));
        Assert.Equal(guards.Count, guards.Select(WorkflowNames.Condition).Distinct().Count());
    }
}
