using MspasTramite.Core.Applications;
using MspasTramite.Core.Review;

namespace MspasTramite.Bench;

/// One view of /backoffice: the filter its query string makes, and which generated files it must
/// count (written from the page's rules, apart from WorkQueues, so a wrong load or a changed filter shows).
internal sealed record Scenario(string Name, WorkQueueFilter Filter, string? UserId, Func<ApplicationRow, bool> Matches);

internal static class Scenarios
{
    public static IReadOnlyList<Scenario> For(Population population)
    {
        ArgumentNullException.ThrowIfNull(population);
        var today = population.Today;
        var analyst = population.Analysts[0];
        // The busiest procedure: the largest queue an officer filters by.
        var procedure = population.Procedures.MaxBy(p => p.Share)!;

        static bool Open(ApplicationRow a) => ApplicationStatus.Open.Contains(a.Status);
        bool Red(ApplicationRow a) => a.ClockStoppedAt is null && a.SlaDueOn < today;
        bool Amber(ApplicationRow a) => a.ClockStoppedAt is null && a.SlaDueOn >= today && a.SlaWarnOn <= today;

        return
        [
            new("open, page 1", new WorkQueueFilter(), null, Open),
            new("open, page 200", new WorkQueueFilter { Page = 200 }, null, Open),
            new("open, last page", new WorkQueueFilter { Page = int.MaxValue }, null, Open),
            new("state InReview", new WorkQueueFilter { Status = ApplicationStatus.InReview }, null, a => a.Status == ApplicationStatus.InReview),
            new($"procedure {procedure.Prefix}", new WorkQueueFilter { ProcedureId = procedure.ProcedureId }, null, a => Open(a) && a.ProcedureId == procedure.ProcedureId),
            new("red light", new WorkQueueFilter { Light = SlaLight.Red }, null, a => Open(a) && Red(a)),
            new("amber light", new WorkQueueFilter { Light = SlaLight.Amber }, null, a => Open(a) && Amber(a)),
            new("mine (one analyst)", new WorkQueueFilter { Assignment = QueueAssignment.Mine }, analyst.Id, a => Open(a) && a.AssignedToId == analyst.Id),
            new("unassigned", new WorkQueueFilter { Assignment = QueueAssignment.Unassigned }, null, a => Open(a) && a.AssignedToId is null),
            new("mine, red light", new WorkQueueFilter { Assignment = QueueAssignment.Mine, Light = SlaLight.Red }, analyst.Id, a => Open(a) && a.AssignedToId == analyst.Id && Red(a)),
        ];
    }
}
