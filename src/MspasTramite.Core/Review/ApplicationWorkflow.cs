using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using Stateless;
using Stateless.Graph;

namespace MspasTramite.Core.Review;

public enum WorkflowTrigger
{
    Submit,
    Withdraw,
    Pay,
    ExpireUnpaid,
    Claim,
    Assign,
    Release,
    RequestCorrection,
    AnswerCorrection,
    Abandon,
    ScheduleInspection,
    RecordInspection,
    Recommend,
    Approve,
    Reject,
    SendBack,
}

/// Who fires a trigger: a signed-in person with their roles, or the service itself (a payment
/// webhook, a timer).
public sealed record WorkflowActor(string? UserId, IReadOnlySet<string> Roles)
{
    public static WorkflowActor System { get; } = new(null, new HashSet<string> { ApplicationWorkflow.SystemRole });

    public bool IsSystem => UserId is null;
}

/// What the guards look at: the application (with its procedure version and correction request
/// loaded), the actor and the time.
public sealed record WorkflowContext(Application Application, WorkflowActor Actor, DateTimeOffset Now);

/// A condition a transition needs, with the sentence a person reads when it is not met.
public sealed record Guard(string Description, Func<WorkflowContext, bool> Check);

/// One row of the table: from a state, a trigger, fired by one of these roles when every guard
/// holds, leads to a state. InspectionStep rows exist only for procedures with an inspection.
public sealed record Transition(string From, WorkflowTrigger Trigger, string To, IReadOnlyList<string> Roles, IReadOnlyList<Guard> Guards, bool InspectionStep = false);

/// The back office's workflow, in one table (shared/DESIGN.md: the application's life). Every status
/// change of an application goes through here; the Stateless machine built from the table decides
/// what may fire, and the diagram on the procedure's page is drawn from the same machine.
public static class ApplicationWorkflow
{
    /// Raised when the table changes in a way that would alter a file in progress: files keep the
    /// version they started under (Application.WorkflowVersion) and each event records it.
    public const int CurrentVersion = 1;

    /// The role of the service's own actions (payments confirmed by the gateway, timers).
    public const string SystemRole = "Sistema";

    private static readonly Guard IsApplicant = new("Solo quien presentó la solicitud puede hacerlo.",
        c => c.Actor.UserId is not null && c.Actor.UserId == c.Application.ApplicantId);

    private static readonly Guard IsAssignee = new("Solo el analista asignado al expediente puede hacerlo.",
        c => c.Actor.UserId is not null && c.Actor.UserId == c.Application.AssignedToId);

    private static readonly Guard NoEarlierCorrection = new("El expediente ya tuvo su única solicitud de subsanación (Decreto 5-2021, art. 12).",
        c => c.Application.CorrectionRequest is null);

    private static readonly Guard EveryDocumentReviewed = new("Primero acepte o rechace cada documento del expediente.",
        c => c.Application.CurrentDocuments.All(d => d.Review != DocumentReview.Pending));

    private static readonly Guard WithinCorrectionDeadline = new("El plazo para subsanar ya venció.",
        c => c.Application.CorrectionRequest is { } r && c.Now <= r.DueAt);

    private static readonly Guard CorrectionDeadlinePassed = new("El plazo para subsanar aún no vence.",
        c => c.Application.CorrectionRequest is { } r && c.Now > r.DueAt);

    private static readonly Guard InspectionRecordedWhenRequired = new("Primero registre el resultado de la inspección.",
        c => !c.Application.ProcedureVersion.RequiresInspection || c.Application.InspectedAt is not null);

    private static readonly Guard NotTheRecommender = new("Quien emitió el dictamen no puede resolver el mismo expediente.",
        c => c.Actor.UserId is not null && c.Actor.UserId != c.Application.RecommendedById);

    private static readonly Guard FavourableOpinion = new("El dictamen recomienda rechazar: para aprobar, devuélvalo al analista.",
        c => c.Application.Recommendation == Recommendation.Approve);

    private static readonly string[] Applicant = [Roles.Solicitante];
    private static readonly string[] Analyst = [Roles.Analista];
    private static readonly string[] Head = [Roles.Jefe];
    private static readonly string[] Service = [SystemRole];

    public static IReadOnlyList<Transition> Table { get; } =
    [
        new(ApplicationStatus.Draft, WorkflowTrigger.Submit, ApplicationStatus.AwaitingPayment, Applicant, [IsApplicant]),
        new(ApplicationStatus.Draft, WorkflowTrigger.Withdraw, ApplicationStatus.Withdrawn, Applicant, [IsApplicant]),
        new(ApplicationStatus.AwaitingPayment, WorkflowTrigger.Withdraw, ApplicationStatus.Withdrawn, Applicant, [IsApplicant]),
        new(ApplicationStatus.AwaitingPayment, WorkflowTrigger.Pay, ApplicationStatus.Received, Service, []),
        new(ApplicationStatus.AwaitingPayment, WorkflowTrigger.ExpireUnpaid, ApplicationStatus.Expired, Service, []),
        // A payment confirmed after the file expired still counts: the money was taken.
        new(ApplicationStatus.Expired, WorkflowTrigger.Pay, ApplicationStatus.Received, Service, []),

        new(ApplicationStatus.Received, WorkflowTrigger.Claim, ApplicationStatus.InReview, Analyst, []),
        new(ApplicationStatus.Received, WorkflowTrigger.Assign, ApplicationStatus.InReview, Head, []),
        new(ApplicationStatus.InReview, WorkflowTrigger.Assign, ApplicationStatus.InReview, Head, []),
        new(ApplicationStatus.InReview, WorkflowTrigger.Release, ApplicationStatus.Received, Analyst, [IsAssignee]),

        new(ApplicationStatus.InReview, WorkflowTrigger.RequestCorrection, ApplicationStatus.AwaitingCorrection, Analyst, [IsAssignee, NoEarlierCorrection, EveryDocumentReviewed]),
        new(ApplicationStatus.AwaitingCorrection, WorkflowTrigger.AnswerCorrection, ApplicationStatus.InReview, Applicant, [IsApplicant, WithinCorrectionDeadline]),
        new(ApplicationStatus.AwaitingCorrection, WorkflowTrigger.Abandon, ApplicationStatus.Abandoned, Service, [CorrectionDeadlinePassed]),

        new(ApplicationStatus.InReview, WorkflowTrigger.ScheduleInspection, ApplicationStatus.InspectionScheduled, Analyst, [IsAssignee], InspectionStep: true),
        new(ApplicationStatus.InspectionScheduled, WorkflowTrigger.ScheduleInspection, ApplicationStatus.InspectionScheduled, Analyst, [IsAssignee], InspectionStep: true),
        new(ApplicationStatus.InspectionScheduled, WorkflowTrigger.RecordInspection, ApplicationStatus.InReview, Analyst, [IsAssignee], InspectionStep: true),

        new(ApplicationStatus.InReview, WorkflowTrigger.Recommend, ApplicationStatus.AwaitingApproval, Analyst, [IsAssignee, EveryDocumentReviewed, InspectionRecordedWhenRequired]),
        new(ApplicationStatus.AwaitingApproval, WorkflowTrigger.Approve, ApplicationStatus.Approved, Head, [NotTheRecommender, FavourableOpinion]),
        new(ApplicationStatus.AwaitingApproval, WorkflowTrigger.Reject, ApplicationStatus.Rejected, Head, [NotTheRecommender]),
        new(ApplicationStatus.AwaitingApproval, WorkflowTrigger.SendBack, ApplicationStatus.InReview, Head, []),
    ];

    /// Every definition still in use, by version. A file runs on the version it was submitted under
    /// (Application.WorkflowVersion), so a new table becomes version 2 here and version 1 stays until
    /// no open file uses it.
    public static IReadOnlyDictionary<int, IReadOnlyList<Transition>> Versions { get; } = new Dictionary<int, IReadOnlyList<Transition>>
    {
        [1] = Table,
    };

    /// The rows that apply to a procedure: the inspection rows only when it has an inspection.
    public static IEnumerable<Transition> For(bool withInspection, int version = CurrentVersion) =>
        (Versions.TryGetValue(version, out var table) ? table : throw new InvalidOperationException($"Workflow version {version} is not defined."))
            .Where(t => withInspection || !t.InspectionStep);

    private static IEnumerable<Transition> For(Application application) =>
        For(application.ProcedureVersion.RequiresInspection, application.WorkflowVersion);

    /// The machine for one application and one actor. Its state lives in Application.Status, so
    /// firing a trigger changes the entity and nothing else; the caller persists it.
    public static StateMachine<string, WorkflowTrigger> Build(WorkflowContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var application = context.Application;
        var machine = new StateMachine<string, WorkflowTrigger>(() => application.Status, s => application.Status = s);
        Configure(machine, For(application), context);
        return machine;
    }

    /// Whether the actor may fire the trigger now; when not, the sentences to show them.
    public static (bool Allowed, IReadOnlyList<string> Reasons) Check(WorkflowContext context, WorkflowTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(context);
        var application = context.Application;
        if (!For(application).Any(t => t.From == application.Status && t.Trigger == trigger))
        {
            return (false, ["Esta acción no corresponde al estado actual del expediente."]);
        }

        return Build(context).CanFire(trigger, out var unmet) ? (true, []) : (false, [.. unmet]);
    }

    /// Fires a trigger on the application (its Status changes) and returns the history event that
    /// records it: who, when, from, to, why, under which procedure version and workflow version.
    /// Throws WorkflowRefusedException with the reasons when the trigger may not fire.
    public static ApplicationEvent Fire(WorkflowContext context, WorkflowTrigger trigger, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (allowed, reasons) = Check(context, trigger);
        if (!allowed)
        {
            throw new WorkflowRefusedException(trigger, reasons);
        }

        var application = context.Application;
        var from = application.Status;
        Build(context).Fire(trigger);
        var e = ApplicationEvent.Create(application.Id, context.Now, EventKind(trigger), context.Actor.UserId, from, application.Status, note);
        e.ProcedureVersion = application.ProcedureVersion.Number;
        e.WorkflowVersion = application.WorkflowVersion;
        return e;
    }

    /// The history's name for each trigger (ApplicationEvent.Kind).
    public static string EventKind(WorkflowTrigger trigger) => trigger switch
    {
        WorkflowTrigger.Submit => "submitted",
        WorkflowTrigger.Withdraw => "withdrawn",
        WorkflowTrigger.Pay => "paid",
        WorkflowTrigger.ExpireUnpaid => "expired",
        WorkflowTrigger.Claim => "claimed",
        WorkflowTrigger.Assign => "assigned",
        WorkflowTrigger.Release => "released",
        WorkflowTrigger.RequestCorrection => "correction-requested",
        WorkflowTrigger.AnswerCorrection => "correction-answered",
        WorkflowTrigger.Abandon => "abandoned",
        WorkflowTrigger.ScheduleInspection => "inspection-scheduled",
        WorkflowTrigger.RecordInspection => "inspection-recorded",
        WorkflowTrigger.Recommend => "recommended",
        WorkflowTrigger.Approve => "approved",
        WorkflowTrigger.Reject => "rejected",
        WorkflowTrigger.SendBack => "sent-back",
        _ => trigger.ToString(),
    };

    /// The triggers the actor may fire now, in the table's order (the actions a page offers).
    public static IReadOnlyList<WorkflowTrigger> Permitted(WorkflowContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var machine = Build(context);
        return [.. For(context.Application)
            .Where(t => t.From == context.Application.Status)
            .Select(t => t.Trigger).Distinct()
            .Where(machine.CanFire)];
    }

    /// The workflow of a procedure as a Mermaid state diagram (for people who maintain it).
    public static string Mermaid(bool withInspection) => MermaidGraph.Format(Describe(withInspection).GetInfo());

    /// The same as Graphviz DOT (the UML style Stateless draws).
    public static string Dot(bool withInspection) => UmlDotGraph.Format(Describe(withInspection).GetInfo());

    /// A machine for drawing only: the guards are named but never evaluated.
    public static StateMachine<string, WorkflowTrigger> Describe(bool withInspection)
    {
        var machine = new StateMachine<string, WorkflowTrigger>(ApplicationStatus.Draft);
        Configure(machine, For(withInspection), null);
        return machine;
    }

    private static void Configure(StateMachine<string, WorkflowTrigger> machine, IEnumerable<Transition> rows, WorkflowContext? context)
    {
        foreach (var row in rows)
        {
            var guards = new List<Tuple<Func<bool>, string>>
            {
                Tuple.Create<Func<bool>, string>(() => context is not null && row.Roles.Any(context.Actor.Roles.Contains), RoleSentence(row.Roles)),
            };
            guards.AddRange(row.Guards.Select(g => Tuple.Create<Func<bool>, string>(() => context is not null && g.Check(context), g.Description)));
            var state = machine.Configure(row.From);
            if (row.From == row.To)
            {
                state.PermitReentryIf(row.Trigger, [.. guards]);
            }
            else
            {
                state.PermitIf(row.Trigger, row.To, [.. guards]);
            }
        }
    }

    private static string RoleSentence(IReadOnlyList<string> roles) => roles switch
    {
        [Roles.Solicitante] => "Solo el solicitante puede hacerlo.",
        [Roles.Analista] => "Solo un analista puede hacerlo.",
        [Roles.Jefe] => "Solo un jefe de sección puede hacerlo.",
        _ => "Solo el propio servicio lo hace.",
    };
}

public sealed class WorkflowRefusedException(WorkflowTrigger trigger, IReadOnlyList<string> reasons)
    : InvalidOperationException($"{trigger} refused: {string.Join(" ", reasons)}")
{
    public WorkflowTrigger Trigger { get; } = trigger;
    public IReadOnlyList<string> Reasons { get; } = reasons;
}
