using Microsoft.AspNetCore.Mvc.RazorPages;
using MspasTramite.Core.Review;

namespace MspasTramite.Web.Pages.Backoffice;

/// /backoffice/flujo: the workflow as the staff work it, both kinds of procedure, with the text
/// forms (Mermaid, DOT) for whoever maintains the table.
public sealed class WorkflowModel : PageModel
{
    public int Version => ApplicationWorkflow.CurrentVersion;

    public IReadOnlyList<Transition> Rows => ApplicationWorkflow.Table;

    public static string Mermaid(bool withInspection) => ApplicationWorkflow.Mermaid(withInspection);

    public static string Dot(bool withInspection) => ApplicationWorkflow.Dot(withInspection);

    public void OnGet()
    {
    }
}
