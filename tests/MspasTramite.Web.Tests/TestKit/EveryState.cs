using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Publishing;
using MspasTramite.Core.Review;

namespace MspasTramite.Web.Tests.TestKit;

/// One citizen with an application in every state of its life (drafts of every procedure, waiting for
/// payment, paid through the gateway, in review, correcting, inspected, decided, withdrawn, expired,
/// archived), the staff who worked on them, and the values that reach each of them by address: for
/// tests that visit every page of the app as the people allowed on it. Any of the applications can be
/// made again in the same state, for a test whose post moved one on.
public sealed partial class EveryState
{
    private readonly MspasAppFactory app;
    private readonly Dictionary<Guid, (string State, Func<Task<Guid>> Make)> makers = [];
    private readonly Dictionary<string, Guid> files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> values = new(StringComparer.OrdinalIgnoreCase);

    private EveryState(MspasAppFactory app, Person citizen, Person analyst, Person head, Person finance, Person admin)
    {
        this.app = app;
        Citizen = citizen;
        Analyst = analyst;
        Head = head;
        Finance = finance;
        Admin = admin;
    }

    public Person Citizen { get; }

    /// Claimed every file in review (their "mine" view, the assignee's forms).
    public Person Analyst { get; }

    /// Decided the approved and the denied file.
    public Person Head { get; }

    public Person Finance { get; }

    public Person Admin { get; }

    /// The applications by state ("borrador completo de …", "por subsanar", "aprobado" …).
    public IReadOnlyDictionary<string, Guid> Files => files;

    /// A person of this role.
    public Person For(string role) => role switch
    {
        Roles.Solicitante => Citizen,
        Roles.Analista => Analyst,
        Roles.Jefe => Head,
        Roles.Finanzas => Finance,
        Roles.AdministradorServicio => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// Values that lead somewhere for a route or query parameter of this name (every application and
    /// payment for "id", procedures for "slug" and "tramite", verification codes for "code" …); empty
    /// for a name nothing here answers to.
    public IReadOnlyList<string> ValuesFor(string parameter) =>
        values.TryGetValue(parameter, out var known) ? known : [];

    /// Every id of this world, for a guid parameter of a name it does not know.
    public IReadOnlyList<string> AllIds => [.. values.Values.SelectMany(v => v).Where(v => Guid.TryParse(v, out _)).Distinct()];

    public static async Task<EveryState> CreateAsync(MspasAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var world = new EveryState(
            app,
            await app.CreatePersonAsync(Roles.Solicitante),
            await app.CreatePersonAsync(Roles.Analista),
            await app.CreatePersonAsync(Roles.Jefe),
            await app.CreatePersonAsync(Roles.Finanzas),
            await app.CreatePersonAsync(Roles.AdministradorServicio));
        await world.BuildAsync();
        return world;
    }

    /// An application made the way <paramref name="id"/> was, in the same state; null for an id this
    /// world did not make.
    public async Task<Guid?> RenewAsync(Guid id)
    {
        if (!makers.TryGetValue(id, out var maker))
        {
            return null;
        }

        var renewed = await maker.Make();
        makers[renewed] = maker;
        return renewed;
    }

    /// The state of the application of this world an address is about ("" for none).
    public string StateOf(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return GuidPattern().Matches(url).Select(m => makers.TryGetValue(Guid.Parse(m.Value), out var maker) ? maker.State : null)
            .FirstOrDefault(s => s is not null) ?? "";
    }

    /// The address with every application id of this world in it replaced by a new application's in
    /// the same state; null when it holds none.
    public async Task<string?> RenewAsync(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        foreach (Match match in GuidPattern().Matches(url))
        {
            if (await RenewAsync(Guid.Parse(match.Value)) is { } renewed)
            {
                return url.Replace(match.Value, renewed.ToString(), StringComparison.OrdinalIgnoreCase);
            }
        }

        return null;
    }

    private async Task BuildAsync()
    {
        var c = Citizen;
        foreach (var slug in (string[])[ProcedureSlugs.FoodFactory, ProcedureSlugs.ProcessedFood, ProcedureSlugs.HealthEstablishment, ProcedureSlugs.Pharmacy])
        {
            await AddAsync($"borrador completo de {slug}", () => DraftAsync(new() { Procedure = slug }));
        }

        await AddAsync("borrador vacío", () => DraftAsync(new() { FilledThrough = null }));
        await AddAsync("borrador de empresa", () => DraftAsync(new() { Procedure = ProcedureSlugs.HealthEstablishment, Kind = ApplicantKind.Company }));
        await AddAsync("por pagar", () => DraftAsync(new() { Submitted = true }));
        await AddAsync("retirado", async () =>
        {
            var id = await DraftAsync(new() { Submitted = true });
            await using var scope = app.Services.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<ApplicationService>();
            Assert.True(await service.WithdrawAsync((await service.FindForApplicantAsync(id, c.Id))!, c.Id));
            return id;
        });
        await AddAsync("vencido sin pago", async () =>
        {
            var id = await DraftAsync(new() { Submitted = true });
            await FireAsSystemAsync(id, WorkflowTrigger.ExpireUnpaid);
            return id;
        });
        if (app is IPaymentsApp)
        {
            await AddAsync("pagado en línea", PaidOnlineAsync);
        }

        await AddAsync("recibido", async () => (await app.ReceivedAsync(citizen: c)).Id);
        await AddAsync("en revisión", async () => (await app.InReviewAsync(Analyst, citizen: c)).Id);
        await AddAsync("en revisión con un documento rechazado", async () =>
        {
            var file = await app.InReviewAsync(Analyst, citizen: c);
            await app.ReviewDocumentsAsync(file, Analyst, ReviewFlows.RejectedRequirement);
            return file.Id;
        });
        await AddAsync("por subsanar", async () => (await app.AwaitingCorrectionAsync(Analyst, citizen: c)).Id);
        await AddAsync("subsanado", async () =>
        {
            var file = await app.AwaitingCorrectionAsync(Analyst, citizen: c);
            await app.AnswerCorrectionAsync(file);
            return file.Id;
        });
        await AddAsync("archivado sin subsanar", async () =>
        {
            var file = await app.AwaitingCorrectionAsync(Analyst, citizen: c);
            await FireAsSystemAsync(file.Id, WorkflowTrigger.Abandon, afterCorrectionDeadline: true);
            return file.Id;
        });
        await AddAsync("inspección programada", async () =>
        {
            var file = await app.InReviewAsync(Analyst, citizen: c);
            await app.ReviewDocumentsAsync(file, Analyst);
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            await app.DoAsync(file.Id, (r, stamp) => r.ScheduleInspectionAsync(file.Id, Analyst.Actor, stamp, now.AddDays(2)));
            return file.Id;
        });
        await AddAsync("listo para dictamen", async () => (await app.ReadyForOpinionAsync(Analyst, citizen: c)).Id);
        await AddAsync("por aprobar", async () => (await app.AwaitingApprovalAsync(Analyst, citizen: c)).Id);
        await AddAsync("aprobado", async () =>
        {
            var file = await app.AwaitingApprovalAsync(Analyst, citizen: c);
            await app.DoAsync(file.Id, (r, stamp) => r.ApproveAsync(file.Id, Head.Actor, stamp));
            return file.Id;
        });
        await AddAsync("denegado", async () =>
        {
            var file = await app.AwaitingApprovalAsync(Analyst, Recommendation.Reject, citizen: c);
            await app.DoAsync(file.Id, (r, stamp) => r.RejectAsync(file.Id, Head.Actor, stamp, ResolutionFlows.RejectionGrounds));
            return file.Id;
        });

        await ReadValuesAsync();
    }

    private async Task AddAsync(string state, Func<Task<Guid>> make)
    {
        var id = await make();
        files[state] = id;
        makers[id] = (state, make);
    }

    private async Task<Guid> DraftedProcedureAsync()
    {
        var (procedureId, _) = await Publishing.PublishedProcedures.CreateAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<ProcedurePublishing>().StartDraftAsync(procedureId, Publishing.PublishedProcedures.ActorId)).Succeeded);
        return procedureId;
    }

    private async Task<Guid> DraftAsync(ApplicationSpec spec) =>
        (await TestData.CreateApplicationAsync(app, Citizen.Account, spec)).Id;

    private async Task<Guid> PaidOnlineAsync()
    {
        using var payer = await Payer.CreateAsync(app, Payer.FoodFactory, Citizen.Account);
        await payer.PayAsync();
        return payer.ApplicationId;
    }

    /// A change the service makes on its own (its timers' work), fired through the workflow table at
    /// the time its guard needs.
    private async Task FireAsSystemAsync(Guid id, WorkflowTrigger trigger, bool afterCorrectionDeadline = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var application = await db.Applications.Include(a => a.ProcedureVersion).Include(a => a.CorrectionRequest).SingleAsync(a => a.Id == id);
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        if (afterCorrectionDeadline)
        {
            now = application.CorrectionRequest!.DueAt.AddDays(1);
        }

        db.ApplicationEvents.Add(ApplicationWorkflow.Fire(new WorkflowContext(application, WorkflowActor.System, now), trigger));
        application.ConcurrencyStamp = Guid.NewGuid();
        await db.SaveChangesAsync();
    }

    private async Task ReadValuesAsync()
    {
        var ids = files.Values.ToList();
        var (payments, sessions, receipts, licences, documents, slugs) = await app.WithDbAsync(async db => (
            await db.PaymentAttempts.Where(p => ids.Contains(p.ApplicationId)).Select(p => p.Id.ToString()).ToListAsync(),
            await db.PaymentAttempts.Where(p => ids.Contains(p.ApplicationId) && p.SessionId != null).Select(p => p.SessionId!).ToListAsync(),
            await db.Receipts.Where(r => ids.Contains(r.ApplicationId)).Select(r => r.VerificationCode).ToListAsync(),
            await db.Resolutions.Where(r => ids.Contains(r.ApplicationId)).Select(r => r.VerificationCode).ToListAsync(),
            await db.ApplicationDocuments.Where(d => d.ApplicationId == files["por pagar"] || d.ApplicationId == files[$"borrador completo de {ProcedureSlugs.FoodFactory}"])
                .Select(d => new { d.ApplicationId, d.Id }).ToListAsync(),
            await db.Procedures.Select(p => p.Slug).ToListAsync()));
        values["id"] = [.. ids.Select(i => i.ToString()), .. payments];
        // One document of a submitted file and one of a draft: the download pages, for the citizen and for staff.
        values["documentId"] = [.. documents.GroupBy(d => d.ApplicationId).Select(g => g.First().Id.ToString())];
        values["slug"] = slugs;
        values["tramite"] = slugs;
        values["code"] = [.. receipts, .. licences, "404"];
        values["session_id"] = sessions;
        values["result"] = ["exito", "cancelado"];
        // The satisfaction survey's two moments.
        values["momento"] = ["pago", "decision"];
        // The account links' parameters (a code the link checks only on its post, or answers 400 for).
        values["email"] = [Citizen.Email];
        values["userId"] = [Citizen.Id];
        // A staff member of its own for the staff page: the probe's posts there change roles and disable
        // the account, which must not touch the people the probe signs in as.
        values["staffId"] = [(await app.CreatePersonAsync(Roles.Analista)).Id];
        // A procedure of its own with a draft, for the draft editor's pages (the probe's posts edit it).
        values["procedureId"] = [(await DraftedProcedureAsync()).ToString()];
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();
}
