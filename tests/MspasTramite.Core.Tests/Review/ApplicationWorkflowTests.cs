using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Review;

namespace MspasTramite.Core.Tests.Review;

/// The one workflow table (shared/CONVENTIONS.md: "a test walks every state and trigger"): every
/// state × trigger × role, with and without inspection, then each guard failing on its own.
public class ApplicationWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    private const string ApplicantId = "ciudadano-1";
    private const string AnalystId = "analista-1";
    private const string OtherAnalystId = "analista-2";
    private const string HeadId = "jefe-1";
    private const string NotInTheTable = "Esta acción no corresponde al estado actual del expediente.";

    private static readonly string[] EveryRole = [.. Roles.All, ApplicationWorkflow.SystemRole];

    // States with no way out: the file is closed for good. Expired is final for the citizen but a
    // late payment still reopens it, so it has an exit.
    private static readonly string[] Terminal = [ApplicationStatus.Approved, ApplicationStatus.Rejected, ApplicationStatus.Abandoned, ApplicationStatus.Withdrawn];

    public static TheoryData<string, bool> StatesAndVariants()
    {
        var data = new TheoryData<string, bool>();
        foreach (var state in ApplicationStatus.All)
        {
            data.Add(state, false);
            data.Add(state, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StatesAndVariants))]
    public void Check_EveryTriggerAndRole_AllowsExactlyTheTableRows(string state, bool withInspection)
    {
        var failures = new List<string>();
        var rows = ApplicationWorkflow.For(withInspection).Where(t => t.From == state).ToList();
        foreach (var trigger in Enum.GetValues<WorkflowTrigger>())
        {
            var row = rows.SingleOrDefault(t => t.Trigger == trigger);
            foreach (var role in EveryRole)
            {
                var application = Arrange(state, trigger, withInspection);
                var context = new WorkflowContext(application, ActorFor(role), Now);
                var expected = row is not null && row.Roles.Contains(role);
                var where = $"{state} --{trigger}--> as {role} ({(withInspection ? "with" : "without")} inspection)";

                var (allowed, reasons) = ApplicationWorkflow.Check(context, trigger);
                var permitted = ApplicationWorkflow.Permitted(context).Contains(trigger);

                if (allowed != expected || permitted != expected)
                {
                    failures.Add($"{where}: expected {(expected ? "allowed" : "refused")}, Check said {allowed} [{string.Join(" | ", reasons)}], Permitted said {permitted}");
                    continue;
                }

                if (expected)
                {
                    ApplicationWorkflow.Build(context).Fire(trigger);
                    if (application.Status != row!.To)
                    {
                        failures.Add($"{where}: fired into {application.Status}, the table says {row.To}");
                    }
                }
                else if (reasons.Count == 0 || reasons.Any(string.IsNullOrWhiteSpace))
                {
                    failures.Add($"{where}: refused without a reason");
                }
                else if (row is null && reasons.Single() != NotInTheTable)
                {
                    failures.Add($"{where}: refused with [{string.Join(" | ", reasons)}] instead of \"{NotInTheTable}\"");
                }
                else if (row is not null && !reasons.Any(r => r.StartsWith("Solo ", StringComparison.Ordinal)))
                {
                    failures.Add($"{where}: refused for the wrong role without saying who may do it: [{string.Join(" | ", reasons)}]");
                }
                else if (application.Status != state)
                {
                    failures.Add($"{where}: a refused trigger changed the status to {application.Status}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Walk_CoversEveryRowOfTheTable()
    {
        // The walk above allows a row only when its state, trigger and role come up; this makes sure
        // no row has a state, role or trigger the walk never tries.
        foreach (var row in ApplicationWorkflow.Table)
        {
            Assert.Contains(row.From, ApplicationStatus.All);
            Assert.Contains(row.To, ApplicationStatus.All);
            Assert.All(row.Roles, r => Assert.Contains(r, EveryRole));
            Assert.NotEmpty(row.Roles);
            Assert.All(row.Guards, g => Assert.EndsWith(".", g.Description, StringComparison.Ordinal));
        }

        Assert.Equal(Enum.GetValues<WorkflowTrigger>().Order(), ApplicationWorkflow.Table.Select(t => t.Trigger).Distinct().Order());
    }

    [Fact]
    public void Table_IsTheDesignedWorkflow()
    {
        // The walk proves the machine follows the table; this pins the table itself, so a changed row
        // is a decision (and a new ApplicationWorkflow.CurrentVersion), never an accident.
        string[] designed =
        [
            "Draft --Submit--> AwaitingPayment by Solicitante",
            "Draft --Withdraw--> Withdrawn by Solicitante",
            "AwaitingPayment --Withdraw--> Withdrawn by Solicitante",
            "AwaitingPayment --Pay--> Received by Sistema",
            "AwaitingPayment --ExpireUnpaid--> Expired by Sistema",
            "Expired --Pay--> Received by Sistema",
            "Received --Claim--> InReview by Analista",
            "Received --Assign--> InReview by Jefe",
            "InReview --Assign--> InReview by Jefe",
            "InReview --Release--> Received by Analista",
            "InReview --RequestCorrection--> AwaitingCorrection by Analista",
            "AwaitingCorrection --AnswerCorrection--> InReview by Solicitante",
            "AwaitingCorrection --Abandon--> Abandoned by Sistema",
            "InReview --ScheduleInspection--> InspectionScheduled by Analista (inspection)",
            "InspectionScheduled --ScheduleInspection--> InspectionScheduled by Analista (inspection)",
            "InspectionScheduled --RecordInspection--> InReview by Analista (inspection)",
            "InReview --Recommend--> AwaitingApproval by Analista",
            "AwaitingApproval --Approve--> Approved by Jefe",
            "AwaitingApproval --Reject--> Rejected by Jefe",
            "AwaitingApproval --SendBack--> InReview by Jefe",
        ];

        var actual = ApplicationWorkflow.Table.Select(t => $"{t.From} --{t.Trigger}--> {t.To} by {string.Join(", ", t.Roles)}{(t.InspectionStep ? " (inspection)" : "")}");

        Assert.Equal(designed, actual);
        Assert.Equal(1, ApplicationWorkflow.CurrentVersion);
    }

    [Fact]
    public void Table_HasNoDuplicateFromTriggerPairs()
    {
        var duplicates = ApplicationWorkflow.Table.GroupBy(t => (t.From, t.Trigger)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.Empty(duplicates);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Table_EveryStateButTheClosedOnesHasAnExit(bool withInspection)
    {
        var rows = ApplicationWorkflow.For(withInspection).ToList();
        var states = States(withInspection);

        var withoutExit = states.Where(s => !rows.Any(t => t.From == s && t.To != s)).ToList();

        Assert.Equal(Terminal.Order(), withoutExit.Order());
        Assert.All(withoutExit, s => Assert.True(ApplicationStatus.IsFinal(s), s));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Table_EveryStateIsReachableFromDraft(bool withInspection)
    {
        var rows = ApplicationWorkflow.For(withInspection).ToList();
        var reached = new HashSet<string> { ApplicationStatus.Draft };
        var queue = new Queue<string>(reached);
        while (queue.TryDequeue(out var state))
        {
            foreach (var next in rows.Where(t => t.From == state).Select(t => t.To))
            {
                if (reached.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        Assert.Equal(States(withInspection).Order(), reached.Order());
    }

    [Fact]
    public void Table_InspectionRowsAreTheOnlyOnesAboutTheInspection()
    {
        var inspectionRows = ApplicationWorkflow.Table.Where(t => t.InspectionStep).ToList();

        Assert.All(inspectionRows, t => Assert.True(t.From == ApplicationStatus.InspectionScheduled || t.To == ApplicationStatus.InspectionScheduled, $"{t.From} --{t.Trigger}-->"));
        Assert.DoesNotContain(ApplicationWorkflow.For(false), t => t.From == ApplicationStatus.InspectionScheduled || t.To == ApplicationStatus.InspectionScheduled);
    }

    // --- each guard failing on its own ---

    [Fact]
    public void Submit_BySomeoneWhoIsNotTheApplicant_IsRefused()
    {
        var application = Arrange(ApplicationStatus.Draft, WorkflowTrigger.Submit, false);

        var (allowed, reasons) = Check(application, Person("otro-ciudadano", Roles.Solicitante), WorkflowTrigger.Submit);

        Assert.False(allowed);
        Assert.Equal(["Solo quien presentó la solicitud puede hacerlo."], reasons);
    }

    [Theory]
    [InlineData(WorkflowTrigger.RequestCorrection)]
    [InlineData(WorkflowTrigger.Recommend)]
    [InlineData(WorkflowTrigger.Release)]
    [InlineData(WorkflowTrigger.ScheduleInspection)]
    public void AnalystAction_ByAnAnalystWhoIsNotTheAssignee_IsRefused(WorkflowTrigger trigger)
    {
        var application = Arrange(ApplicationStatus.InReview, trigger, true);

        var (allowed, reasons) = Check(application, Person(OtherAnalystId, Roles.Analista), trigger);

        Assert.False(allowed);
        Assert.Equal(["Solo el analista asignado al expediente puede hacerlo."], reasons);
    }

    [Fact]
    public void RecordInspection_ByAnAnalystWhoIsNotTheAssignee_IsRefused()
    {
        var application = Arrange(ApplicationStatus.InspectionScheduled, WorkflowTrigger.RecordInspection, true);

        var (allowed, reasons) = Check(application, Person(OtherAnalystId, Roles.Analista), WorkflowTrigger.RecordInspection);

        Assert.False(allowed);
        Assert.Equal(["Solo el analista asignado al expediente puede hacerlo."], reasons);
    }

    [Fact]
    public void RequestCorrection_WhenNobodyIsAssigned_IsRefused()
    {
        var application = Arrange(ApplicationStatus.InReview, WorkflowTrigger.RequestCorrection, false);
        application.AssignedToId = null;

        var (allowed, _) = Check(application, Person(AnalystId, Roles.Analista), WorkflowTrigger.RequestCorrection);

        Assert.False(allowed);
    }

    [Fact]
    public void Approve_ByTheRecommender_IsRefused()
    {
        // Segregation of duties: a person who is both analyst and head wrote the opinion, so another
        // head decides.
        var application = Arrange(ApplicationStatus.AwaitingApproval, WorkflowTrigger.Approve, false);

        var (allowed, reasons) = Check(application, Person(AnalystId, Roles.Analista, Roles.Jefe), WorkflowTrigger.Approve);

        Assert.False(allowed);
        Assert.Equal(["Quien emitió el dictamen no puede resolver el mismo expediente."], reasons);
        Assert.Equal(ApplicationStatus.AwaitingApproval, application.Status);
    }

    [Fact]
    public void Reject_ByTheRecommender_IsRefused()
    {
        var application = Arrange(ApplicationStatus.AwaitingApproval, WorkflowTrigger.Reject, false);
        application.Recommendation = Recommendation.Reject;

        var (allowed, reasons) = Check(application, Person(AnalystId, Roles.Analista, Roles.Jefe), WorkflowTrigger.Reject);

        Assert.False(allowed);
        Assert.Equal(["Quien emitió el dictamen no puede resolver el mismo expediente."], reasons);
    }

    [Fact]
    public void SendBack_ByTheRecommender_IsAllowed()
    {
        // Returning the file decides nothing, so the recommender's own head role may do it.
        var application = Arrange(ApplicationStatus.AwaitingApproval, WorkflowTrigger.SendBack, false);

        var (allowed, _) = Check(application, Person(AnalystId, Roles.Analista, Roles.Jefe), WorkflowTrigger.SendBack);

        Assert.True(allowed);
    }

    [Fact]
    public void Approve_WhenTheOpinionIsUnfavourable_IsRefused()
    {
        var application = Arrange(ApplicationStatus.AwaitingApproval, WorkflowTrigger.Approve, false);
        application.Recommendation = Recommendation.Reject;

        var (allowed, reasons) = Check(application, Person(HeadId, Roles.Jefe), WorkflowTrigger.Approve);

        Assert.False(allowed);
        Assert.Equal(["El dictamen recomienda rechazar: para aprobar, devuélvalo al analista."], reasons);
    }

    [Fact]
    public void RejectOrSendBack_WhenTheOpinionIsUnfavourable_AreAllowed()
    {
        var application = Arrange(ApplicationStatus.AwaitingApproval, WorkflowTrigger.Reject, false);
        application.Recommendation = Recommendation.Reject;

        var permitted = ApplicationWorkflow.Permitted(new WorkflowContext(application, Person(HeadId, Roles.Jefe), Now));

        Assert.Equal([WorkflowTrigger.Reject, WorkflowTrigger.SendBack], permitted);
    }

    [Fact]
    public void RequestCorrection_WhenTheFileAlreadyHadOne_IsRefused()
    {
        var application = Arrange(ApplicationStatus.InReview, WorkflowTrigger.RequestCorrection, false);
        application.CorrectionRequest = Correction(dueAt: Now.AddDays(-10), answeredAt: Now.AddDays(-20));

        var (allowed, reasons) = Check(application, Person(AnalystId, Roles.Analista), WorkflowTrigger.RequestCorrection);

        Assert.False(allowed);
        Assert.Equal(["El expediente ya tuvo su única solicitud de subsanación (Decreto 5-2021, art. 12)."], reasons);
    }

    [Fact]
    public void RequestCorrection_WithADocumentNotYetReviewed_IsRefused()
    {
        var application = Arrange(ApplicationStatus.InReview, WorkflowTrigger.RequestCorrection, false);
        application.Documents.Add(Document(DocumentReview.Pending));

        var (allowed, reasons) = Check(application, Person(AnalystId, Roles.Analista), WorkflowTrigger.RequestCorrection);

        Assert.False(allowed);
        Assert.Equal(["Primero acepte o rechace cada documento del expediente."], reasons);
    }

    [Fact]
    public void AnswerCorrection_AfterTheDeadline_IsRefused()
    {
        var application = Arrange(ApplicationStatus.AwaitingCorrection, WorkflowTrigger.AnswerCorrection, false);
        application.CorrectionRequest!.DueAt = Now.AddTicks(-1);

        var (allowed, reasons) = Check(application, Person(ApplicantId, Roles.Solicitante), WorkflowTrigger.AnswerCorrection);

        Assert.False(allowed);
        Assert.Equal(["El plazo para subsanar ya venció."], reasons);
    }

    [Fact]
    public void AnswerCorrection_AtTheDeadline_IsAllowed()
    {
        var application = Arrange(ApplicationStatus.AwaitingCorrection, WorkflowTrigger.AnswerCorrection, false);
        application.CorrectionRequest!.DueAt = Now;

        var (allowed, _) = Check(application, Person(ApplicantId, Roles.Solicitante), WorkflowTrigger.AnswerCorrection);

        Assert.True(allowed);
    }

    [Fact]
    public void AnswerCorrection_BySomeoneWhoIsNotTheApplicant_IsRefused()
    {
        var application = Arrange(ApplicationStatus.AwaitingCorrection, WorkflowTrigger.AnswerCorrection, false);

        var (allowed, reasons) = Check(application, Person("otro-ciudadano", Roles.Solicitante), WorkflowTrigger.AnswerCorrection);

        Assert.False(allowed);
        Assert.Equal(["Solo quien presentó la solicitud puede hacerlo."], reasons);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public void Abandon_BeforeOrAtTheDeadline_IsRefused(int ticksAfterDeadline)
    {
        var application = Arrange(ApplicationStatus.AwaitingCorrection, WorkflowTrigger.Abandon, false);
        application.CorrectionRequest!.DueAt = Now.AddTicks(-ticksAfterDeadline);

        var (allowed, reasons) = Check(application, WorkflowActor.System, WorkflowTrigger.Abandon);

        Assert.False(allowed);
        Assert.Equal(["El plazo para subsanar aún no vence."], reasons);
    }

    [Fact]
    public void Abandon_WithoutACorrectionRequest_IsRefused()
    {
        var application = Arrange(ApplicationStatus.AwaitingCorrection, WorkflowTrigger.Abandon, false);
        application.CorrectionRequest = null;

        var (allowed, _) = Check(application, WorkflowActor.System, WorkflowTrigger.Abandon);

        Assert.False(allowed);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Recommend_WithADocumentNotYetReviewed_IsRefused(bool withInspection)
    {
        var application = Arrange(ApplicationStatus.InReview, WorkflowTrigger.Recommend, withInspection);
        application.Documents.Add(Document(DocumentReview.Pending));

        var (allowed, reasons) = Check(application, Person(AnalystId, Roles.Analista), WorkflowTrigger.Recommend);

        Assert.False(allowed);
        Assert.Equal(["Primero acepte o rechace cada documento del expediente."], reasons);
    }

    [Fact]
    public void Recommend_WhenOnlyAReplacedDocumentIsPending_IsAllowed()
    {
        // A document replaced in a correction stays in the history; only the current ones count.
        var application = Arrange(ApplicationStatus.InReview, WorkflowTrigger.Recommend, false);
        var replaced = Document(DocumentReview.Pending);
        replaced.SupersededById = application.Documents[0].Id;
        application.Documents.Add(replaced);

        var (allowed, _) = Check(application, Person(AnalystId, Roles.Analista), WorkflowTrigger.Recommend);

        Assert.True(allowed);
    }

    [Fact]
    public void Recommend_WithoutTheRequiredInspection_IsRefused()
    {
        var application = Arrange(ApplicationStatus.InReview, WorkflowTrigger.Recommend, true);
        application.InspectedAt = null;

        var (allowed, reasons) = Check(application, Person(AnalystId, Roles.Analista), WorkflowTrigger.Recommend);

        Assert.False(allowed);
        Assert.Equal(["Primero registre el resultado de la inspección."], reasons);
    }

    [Fact]
    public void Recommend_WithoutInspection_WhenTheProcedureHasNone_IsAllowed()
    {
        var application = Arrange(ApplicationStatus.InReview, WorkflowTrigger.Recommend, false);
        application.InspectedAt = null;

        var (allowed, _) = Check(application, Person(AnalystId, Roles.Analista), WorkflowTrigger.Recommend);

        Assert.True(allowed);
    }

    [Fact]
    public void Recommend_WhenSeveralConditionsFail_GivesEveryReason()
    {
        var application = Arrange(ApplicationStatus.InReview, WorkflowTrigger.Recommend, true);
        application.InspectedAt = null;
        application.Documents.Add(Document(DocumentReview.Pending));

        var (allowed, reasons) = Check(application, Person(OtherAnalystId, Roles.Analista), WorkflowTrigger.Recommend);

        Assert.False(allowed);
        string[] expected = ["Solo el analista asignado al expediente puede hacerlo.", "Primero acepte o rechace cada documento del expediente.", "Primero registre el resultado de la inspección."];
        Assert.Equal(expected.Order(StringComparer.Ordinal), reasons.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(ApplicationStatus.InReview, WorkflowTrigger.ScheduleInspection)]
    [InlineData(ApplicationStatus.InspectionScheduled, WorkflowTrigger.ScheduleInspection)]
    [InlineData(ApplicationStatus.InspectionScheduled, WorkflowTrigger.RecordInspection)]
    public void InspectionTriggers_ForAProcedureWithoutInspection_AreNotInTheTable(string state, WorkflowTrigger trigger)
    {
        var application = Arrange(state, trigger, withInspection: false);
        var analyst = Person(AnalystId, Roles.Analista);

        var (allowed, reasons) = Check(application, analyst, trigger);

        Assert.False(allowed);
        Assert.Equal([NotInTheTable], reasons);
        Assert.DoesNotContain(trigger, ApplicationWorkflow.Permitted(new WorkflowContext(application, analyst, Now)));
        Assert.Throws<InvalidOperationException>(() => ApplicationWorkflow.Build(new WorkflowContext(application, analyst, Now)).Fire(trigger));
    }

    [Fact]
    public void InspectionTriggers_ForAProcedureWithInspection_AreOfferedToTheAssignee()
    {
        var application = Arrange(ApplicationStatus.InReview, WorkflowTrigger.ScheduleInspection, withInspection: true);

        var permitted = ApplicationWorkflow.Permitted(new WorkflowContext(application, Person(AnalystId, Roles.Analista), Now));

        Assert.Equal([WorkflowTrigger.Release, WorkflowTrigger.RequestCorrection, WorkflowTrigger.ScheduleInspection, WorkflowTrigger.Recommend], permitted);
    }

    [Fact]
    public void Describe_WithoutInspection_HasNoInspectionState()
    {
        var states = ApplicationWorkflow.Describe(false).GetInfo().States.Select(s => (string)s.UnderlyingState).ToList();

        Assert.DoesNotContain(ApplicationStatus.InspectionScheduled, states);
        Assert.DoesNotContain("ScheduleInspection", ApplicationWorkflow.Mermaid(false), StringComparison.Ordinal);
        Assert.Contains("ScheduleInspection", ApplicationWorkflow.Mermaid(true), StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_AllowsNothingToFire()
    {
        // The drawing machine has no context: every guard is false, so it can never move a file.
        var machine = ApplicationWorkflow.Describe(true);

        Assert.DoesNotContain(Enum.GetValues<WorkflowTrigger>(), machine.CanFire);
    }

    // --- arrangement ---

    /// A file in the given state where every guard of the (state, trigger) row holds for the actor
    /// the row expects: the applicant, the assigned analyst, a head who did not write the opinion.
    private static Application Arrange(string state, WorkflowTrigger trigger, bool withInspection)
    {
        var application = new Application
        {
            Id = Guid.NewGuid(),
            ApplicantId = ApplicantId,
            Status = state,
            ProcedureVersion = new ProcedureVersion { Name = "Licencia de prueba", RequiresInspection = withInspection },
            AssignedToId = AnalystId,
            InspectedAt = withInspection ? Now.AddDays(-2) : null,
            Recommendation = Recommendation.Approve,
            RecommendedById = AnalystId,
            Documents = [Document(DocumentReview.Accepted), Document(DocumentReview.Rejected)],
        };
        application.CorrectionRequest = (state, trigger) switch
        {
            (ApplicationStatus.AwaitingCorrection, WorkflowTrigger.AnswerCorrection) => Correction(dueAt: Now.AddDays(30)),
            (ApplicationStatus.AwaitingCorrection, WorkflowTrigger.Abandon) => Correction(dueAt: Now.AddDays(-1)),
            (ApplicationStatus.AwaitingCorrection, _) => Correction(dueAt: Now.AddDays(30)),
            _ => null,
        };
        return application;
    }

    private static WorkflowActor ActorFor(string role) => role switch
    {
        ApplicationWorkflow.SystemRole => WorkflowActor.System,
        Roles.Solicitante => Person(ApplicantId, role),
        Roles.Analista => Person(AnalystId, role),
        Roles.Jefe => Person(HeadId, role),
        _ => Person("personal-" + role, role),
    };

    private static WorkflowActor Person(string userId, params string[] roles) => new(userId, new HashSet<string>(roles));

    private static (bool Allowed, IReadOnlyList<string> Reasons) Check(Application application, WorkflowActor actor, WorkflowTrigger trigger) =>
        ApplicationWorkflow.Check(new WorkflowContext(application, actor, Now), trigger);

    private static CorrectionRequest Correction(DateTimeOffset dueAt, DateTimeOffset? answeredAt = null) => new()
    {
        Id = Guid.NewGuid(),
        RequestedById = AnalystId,
        RequestedAt = dueAt.AddMonths(-3),
        DueAt = dueAt,
        AnsweredAt = answeredAt,
    };

    private static ApplicationDocument Document(DocumentReview review) => new()
    {
        Id = Guid.NewGuid(),
        RequirementCode = "croquis",
        FileName = "croquis.pdf",
        Review = review,
    };

    private static List<string> States(bool withInspection) =>
        [.. ApplicationStatus.All.Where(s => withInspection || s != ApplicationStatus.InspectionScheduled)];
}
