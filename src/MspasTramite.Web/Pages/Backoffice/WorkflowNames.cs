// PLACEHOLDER: replaced by the diagram branch.
using MspasTramite.Core.Review;

namespace MspasTramite.Web.Pages.Backoffice;

public static class WorkflowNames
{
    public static string State(string status) => MspasTramite.Web.Pages.Citizen.Applications.DetailsModel.StatusName(status);

    public static string Trigger(WorkflowTrigger trigger) => trigger.ToString();
}
