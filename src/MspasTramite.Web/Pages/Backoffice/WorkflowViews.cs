using Microsoft.Extensions.Localization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Review;

namespace MspasTramite.Web.Pages.Backoffice;

/// The workflow drawn for one kind of procedure (_WorkflowDiagram.cshtml). Id keeps the SVG's ids
/// apart when a page shows both kinds.
public sealed record WorkflowDiagramView(bool WithInspection, string Id, string Caption)
{
    public string Svg(IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(l);
        var rows = ApplicationWorkflow.For(WithInspection).ToList();
        var closed = rows.Select(r => r.To).Distinct()
            .Where(s => !rows.Any(r => r.From == s && r.To != s))
            .Select(s => l[WorkflowNames.State(s)].Value);
        var text = new DiagramText(
            Id,
            WithInspection ? l["Estados de una solicitud con inspección del establecimiento"] : l["Estados de una solicitud"],
            l["Diagrama de estados. La solicitud empieza en «{0}» y termina en uno de estos estados: {1}. Cada flecha es una acción que la lleva de un estado a otro. La tabla de pasos dice lo mismo en texto, con quién puede hacer cada acción y sus condiciones.",
                l[WorkflowNames.State(ApplicationStatus.Draft)], string.Join(", ", closed)],
            s => l[WorkflowNames.State(s)],
            t => l[WorkflowNames.Trigger(t)],
            l["Punto de inicio"],
            l["Estado final"]);
        return WorkflowDiagram.Svg(ApplicationWorkflow.Describe(WithInspection).GetInfo(), text);
    }
}

/// The same rows as a table (_WorkflowTable.cshtml): the accessible alternative to the drawing.
/// For the staff, MarkInspectionRows tags the rows that exist only for procedures with an
/// inspection and ShowRefusals adds the message a person gets when a condition fails.
public sealed record WorkflowTableView(IReadOnlyList<Transition> Rows, string Caption, bool MarkInspectionRows = false, bool ShowRefusals = false);
