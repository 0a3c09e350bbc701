using System.Globalization;
using System.Xml.Linq;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Review;

namespace MspasTramite.Core.Tests.Review;

/// The workflow drawn as inline SVG from the same Stateless machine that runs it.
public class WorkflowDiagramTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // Names of the length the public page uses, so the layout is tested with real text.
    private static readonly Dictionary<string, string> StateNames = new()
    {
        [ApplicationStatus.Draft] = "Borrador",
        [ApplicationStatus.AwaitingPayment] = "Pendiente de pago",
        [ApplicationStatus.Received] = "Recibida",
        [ApplicationStatus.InReview] = "En revisión",
        [ApplicationStatus.AwaitingCorrection] = "En espera de subsanación",
        [ApplicationStatus.InspectionScheduled] = "Inspección programada",
        [ApplicationStatus.AwaitingApproval] = "En espera de aprobación",
        [ApplicationStatus.Approved] = "Aprobada",
        [ApplicationStatus.Rejected] = "Denegada",
        [ApplicationStatus.Abandoned] = "Archivada por abandono",
        [ApplicationStatus.Withdrawn] = "Retirada",
        [ApplicationStatus.Expired] = "Vencida por falta de pago",
    };

    private static readonly Dictionary<string, string> TriggerNames = new()
    {
        [nameof(WorkflowTrigger.Submit)] = "Enviar",
        [nameof(WorkflowTrigger.Withdraw)] = "Retirar",
        [nameof(WorkflowTrigger.Pay)] = "Pago confirmado",
        [nameof(WorkflowTrigger.ExpireUnpaid)] = "Vence sin pago",
        [nameof(WorkflowTrigger.Claim)] = "Tomar expediente",
        [nameof(WorkflowTrigger.Assign)] = "Asignar analista",
        [nameof(WorkflowTrigger.Release)] = "Liberar expediente",
        [nameof(WorkflowTrigger.RequestCorrection)] = "Solicitar subsanación",
        [nameof(WorkflowTrigger.AnswerCorrection)] = "Responder subsanación",
        [nameof(WorkflowTrigger.Abandon)] = "Archivar por abandono",
        [nameof(WorkflowTrigger.ScheduleInspection)] = "Programar inspección",
        [nameof(WorkflowTrigger.RecordInspection)] = "Registrar inspección",
        [nameof(WorkflowTrigger.Recommend)] = "Emitir dictamen",
        [nameof(WorkflowTrigger.Approve)] = "Aprobar",
        [nameof(WorkflowTrigger.Reject)] = "Denegar",
        [nameof(WorkflowTrigger.SendBack)] = "Devolver al analista",
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Svg_IsWellFormedXml_AndAnImageWithTitleAndDescription(bool withInspection)
    {
        var svg = Parse(Render(withInspection, id: "flujo-x"));

        Assert.Equal(Svg + "svg", svg.Name);
        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("100%", (string?)svg.Attribute("width"));
        Assert.Null(svg.Attribute("height"));
        Assert.Equal(4, ((string)svg.Attribute("viewBox")!).Split(' ').Select(n => double.Parse(n, CultureInfo.InvariantCulture)).Count());
        Assert.Equal("flujo-x-title flujo-x-desc", (string?)svg.Attribute("aria-labelledby"));
        var title = svg.Elements().First();
        Assert.Equal(Svg + "title", title.Name);
        Assert.Equal("flujo-x-title", (string?)title.Attribute("id"));
        Assert.Equal("Cómo se tramita", title.Value);
        Assert.Equal("Resumen del flujo.", svg.Element(Svg + "desc")!.Value);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Svg_ShowsEveryStateAndTriggerOfTheVariant(bool withInspection)
    {
        var rows = ApplicationWorkflow.For(withInspection).ToList();
        var text = Text(Parse(Render(withInspection)));

        foreach (var state in rows.Select(r => r.From).Concat(rows.Select(r => r.To)).Distinct())
        {
            Assert.Contains(StateNames[state], text, StringComparison.Ordinal);
        }

        foreach (var trigger in rows.Select(r => r.Trigger).Distinct())
        {
            Assert.Contains(TriggerNames[trigger.ToString()], text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Svg_WithoutInspection_LeavesTheInspectionOut()
    {
        var text = Text(Parse(Render(withInspection: false)));

        Assert.DoesNotContain("Inspección programada", text, StringComparison.Ordinal);
        Assert.DoesNotContain("inspección", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Svg_DrawsEachTriggerThatStaysInItsStateAsALoop(bool withInspection)
    {
        var reentries = ApplicationWorkflow.For(withInspection).Count(r => r.From == r.To);
        var svg = Parse(Render(withInspection));

        var loops = svg.Descendants(Svg + "path").Count(p => ((string)p.Attribute("d")!).Contains(" C", StringComparison.Ordinal));

        Assert.Equal(reentries, loops);
        Assert.Equal(withInspection ? 2 : 1, loops);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Svg_MarksEveryStateWithoutAWayOutWithADoubleBorder(bool withInspection)
    {
        var rows = ApplicationWorkflow.For(withInspection).ToList();
        var closed = rows.Select(r => r.To).Distinct().Count(s => !rows.Any(r => r.From == s && r.To != s));
        var svg = Parse(Render(withInspection));

        var innerBorders = svg.Descendants(Svg + "rect").Count(r => (string?)r.Attribute("fill") == "none");

        Assert.Equal(closed + 1, innerBorders); // and the legend's sample
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Svg_NoStatesOrLabelsOverlap_AndAllFitTheViewBox(bool withInspection)
    {
        var svg = Parse(Render(withInspection));
        var view = ((string)svg.Attribute("viewBox")!).Split(' ').Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray();
        var states = svg.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("rx") == "6").Select(Box).ToList();
        var labels = svg.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("fill") == "#ffffff").Select(Box).ToList();
        List<(double X, double Y, double W, double H)> all = [.. states, .. labels];

        Assert.Equal(StateNames.Count - (withInspection ? 0 : 1) + 1, states.Count); // and the legend's sample
        for (var a = 0; a < all.Count; a++)
        {
            Assert.InRange(all[a].X, view[0], view[0] + view[2] - all[a].W);
            Assert.InRange(all[a].Y, view[1], view[1] + view[3] - all[a].H);
            for (var b = a + 1; b < all.Count; b++)
            {
                Assert.False(Overlap(all[a], all[b]), $"{all[a]} overlaps {all[b]}");
            }
        }
    }

    [Fact]
    public void Svg_HasNoScriptStyleOrOutsideReference()
    {
        // The CSP allows no inline script or style, and the drawing must stand on its own.
        var markup = Render(withInspection: true);
        var svg = Parse(markup);

        Assert.DoesNotContain(svg.DescendantsAndSelf(), e => e.Name.LocalName is "script" or "style" or "foreignObject" or "image" or "a");
        Assert.DoesNotContain(svg.DescendantsAndSelf().Attributes(), a => a.Name.LocalName is "style" or "href" || a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
        Assert.Equal(1, markup.Split("http").Length - 1); // only the SVG namespace
    }

    [Fact]
    public void Svg_EscapesWhatTheLabelsSay()
    {
        var info = ApplicationWorkflow.Describe(false).GetInfo();

        var markup = WorkflowDiagram.Svg(info, new DiagramText("d", "<Título> & \"más\"", "'desc'", s => s + " <&>", t => t + " \"x\""));

        var svg = Parse(markup);
        Assert.Equal("<Título> & \"más\"", svg.Element(Svg + "title")!.Value);
        Assert.Contains("Draft <&>", Text(svg), StringComparison.Ordinal);
        Assert.Contains("Submit \"x\"", Text(svg), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1flujo")]
    [InlineData("flujo x")]
    [InlineData("flujo\"")]
    public void Svg_WhenTheIdIsNotAName_Throws(string id)
    {
        var info = ApplicationWorkflow.Describe(false).GetInfo();

        Assert.Throws<ArgumentException>(() => WorkflowDiagram.Svg(info, new DiagramText(id, "t", "d", s => s, t => t)));
    }

    [Fact]
    public void Svg_TwoDiagramsWithTheirOwnIds_ShareNoId()
    {
        var first = Parse(Render(false, id: "sin-inspeccion"));
        var second = Parse(Render(true, id: "con-inspeccion"));

        var ids = first.Descendants().Concat(second.Descendants()).Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(6, ids.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Describe_HasExactlyTheRowsOfTheTable(bool withInspection)
    {
        var info = ApplicationWorkflow.Describe(withInspection).GetInfo();

        var drawn = info.States.SelectMany(s => s.FixedTransitions.Select(t => $"{s.UnderlyingState} --{t.Trigger.UnderlyingTrigger}--> {t.DestinationState.UnderlyingState}"));

        Assert.Equal(
            ApplicationWorkflow.For(withInspection).Select(r => $"{r.From} --{r.Trigger}--> {r.To}").Order(StringComparer.Ordinal),
            drawn.Order(StringComparer.Ordinal));
        Assert.Equal(ApplicationStatus.Draft, info.InitialState.UnderlyingState);
    }

    private static string Render(bool withInspection, string id = "flujo") =>
        WorkflowDiagram.Svg(
            ApplicationWorkflow.Describe(withInspection).GetInfo(),
            new DiagramText(id, "Cómo se tramita", "Resumen del flujo.", s => StateNames[s], t => TriggerNames[t], "Inicio", "Estado final"));

    private static XElement Parse(string markup) => XDocument.Parse(markup).Root!;

    /// Every text of the drawing, in order: a name wrapped over two lines reads as one again.
    private static string Text(XElement svg) => string.Join(" ", svg.Descendants(Svg + "text").Select(t => t.Value));

    private static (double X, double Y, double W, double H) Box(XElement rect) =>
        (D(rect, "x"), D(rect, "y"), D(rect, "width"), D(rect, "height"));

    private static double D(XElement e, string name) => double.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);

    private static bool Overlap((double X, double Y, double W, double H) a, (double X, double Y, double W, double H) b) =>
        a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H;
}
