using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Notifications;
using MspasTramite.Core.Review;
using MspasTramite.Web.Account;

namespace MspasTramite.Web.Tests.TestKit;

/// A staff member (or citizen) with the id and roles the workflow sees.
public sealed record Person(TestAccount Account, string Id, IReadOnlySet<string> Roles)
{
    public string Email => Account.Email;
    public string FullName => Account.FullName;
    public WorkflowActor Actor => new(Id, Roles);
}

/// A submitted file: its owner and the documents it was filed with.
public sealed record ReviewFile(Guid Id, string FileNumber, Person Citizen, IReadOnlyList<ApplicationDocument> Documents)
{
    public string BackofficeUrl => $"/backoffice/expedientes/{Id}";
    public string CitizenUrl => $"/mis-solicitudes/{Id}";
    public string CorrectionUrl => $"/mis-solicitudes/{Id}/subsanar";

    public ApplicationDocument Document(string requirementCode) => Documents.First(d => d.RequirementCode == requirementCode);
}

/// Gets a file into a given state of the back-office workflow quickly, through ReviewService (the
/// same calls the pages make), so that each test drives through the pages only the step it is about.
public static class ReviewFlows
{
    /// The document rejected by default: the food factory's site plan.
    public const string RejectedRequirement = "croquis";

    public const string RejectionReason = "El croquis no muestra la distribución de las áreas de proceso.";

    public const string FavourableOpinion = "Cumple los requisitos documentales y la inspección fue favorable.";

    /// A confirmed account with these roles (the first is the one it is created with), named uniquely
    /// so that pages showing "assigned to" tell people apart.
    public static async Task<Person> CreatePersonAsync(this MspasAppFactory app, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(roles);
        var first = roles[0];
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var account = TestData.NewAccount(first) with { FullName = $"{string.Join(" y ", roles)} {suffix}" };
        await using var scope = app.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<AccountSeeder>();
        var created = await seeder.CreateAsync(account.Email, account.FullName, first, account.Password, emailConfirmed: true,
            cui: first == Roles.Solicitante ? TestData.NewCui() : null);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (var role in roles.Skip(1))
        {
            var added = await users.AddToRoleAsync(created.User, role);
            Assert.True(added.Succeeded, string.Join("; ", added.Errors.Select(e => e.Description)));
        }

        return new Person(account, created.User.Id, roles.ToHashSet());
    }

    /// A file submitted and paid: Received, its legal clock started at <paramref name="paidAt"/> (now by
    /// default), unassigned.
    public static async Task<ReviewFile> ReceivedAsync(this MspasAppFactory app, string procedure = ProcedureSlugs.FoodFactory, DateTimeOffset? paidAt = null, Person? citizen = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        citizen ??= await app.CreatePersonAsync(Roles.Solicitante);
        var submitted = await TestData.CreateApplicationAsync(app, citizen.Account, new() { Procedure = procedure, Submitted = true });
        await app.MarkPaidAsync(submitted.Id, paidAt);
        return new ReviewFile(submitted.Id, submitted.FileNumber!, citizen, submitted.Documents);
    }

    /// What PaymentService.SettleAsync does to the file once the gateway confirms the payment: the
    /// workflow's Pay fired by the service, and the legal clock started with its 80% warning.
    public static async Task MarkPaidAsync(this MspasAppFactory app, Guid id, DateTimeOffset? paidAt = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = paidAt ?? scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        await db.InTransactionAsync(async transaction =>
        {
            var application = await db.Applications.Include(a => a.ProcedureVersion).SingleAsync(a => a.Id == id);
            db.ApplicationEvents.Add(ApplicationWorkflow.Fire(new WorkflowContext(application, WorkflowActor.System, now), WorkflowTrigger.Pay, "Pago de prueba"));
            await LegalClock.StartAsync(db, scope.ServiceProvider.GetRequiredService<HolidayCalendar>(), application, now, CancellationToken.None);
            application.UpdatedAt = now;
            application.ConcurrencyStamp = Guid.NewGuid();
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return true;
        });
    }

    /// Runs one ReviewService action in its own scope (its own unit of work, as one request would).
    public static async Task<ReviewResult> ReviewAsync(this MspasAppFactory app, Func<ReviewService, Task<ReviewResult>> action)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ReviewService>());
    }

    /// Reads the file's current stamp and runs the action with it, which must succeed.
    public static async Task DoAsync(this MspasAppFactory app, Guid id, Func<ReviewService, Guid, Task<ReviewResult>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var stamp = await app.StampAsync(id);
        var result = await app.ReviewAsync(r => action(r, stamp));
        Assert.True(result.Succeeded, $"{result.Outcome}: {string.Join(" | ", result.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
    }

    public static Task<Guid> StampAsync(this MspasAppFactory app, Guid id)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.ConcurrencyStamp).SingleAsync());
    }

    /// Received, then claimed by <paramref name="analyst"/>: InReview, every document pending.
    public static async Task<ReviewFile> InReviewAsync(this MspasAppFactory app, Person analyst, string procedure = ProcedureSlugs.FoodFactory, DateTimeOffset? paidAt = null, Person? citizen = null)
    {
        ArgumentNullException.ThrowIfNull(analyst);
        var file = await app.ReceivedAsync(procedure, paidAt, citizen);
        await app.DoAsync(file.Id, (r, stamp) => r.ClaimAsync(file.Id, analyst.Actor, stamp));
        return file;
    }

    /// The assigned analyst accepts every current document still pending, except those of <paramref name="rejectCodes"/>, which they reject.
    public static async Task ReviewDocumentsAsync(this MspasAppFactory app, ReviewFile file, Person analyst, params string[] rejectCodes)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(analyst);
        var pending = await app.WithDbAsync(db => db.ApplicationDocuments.AsNoTracking()
            .Where(d => d.ApplicationId == file.Id && d.SupersededById == null && d.Review == DocumentReview.Pending).ToListAsync());
        foreach (var document in pending)
        {
            var reject = rejectCodes.Contains(document.RequirementCode);
            await app.DoAsync(file.Id, (r, stamp) => r.ReviewDocumentAsync(file.Id, analyst.Actor, stamp, document.Id, accept: !reject, reject ? RejectionReason : null));
        }
    }

    /// In review with one document rejected, then the correction requested: AwaitingCorrection, clock stopped.
    public static async Task<ReviewFile> AwaitingCorrectionAsync(this MspasAppFactory app, Person analyst, string procedure = ProcedureSlugs.FoodFactory, string rejectCode = RejectedRequirement, DateTimeOffset? paidAt = null, Person? citizen = null)
    {
        var file = await app.InReviewAsync(analyst, procedure, paidAt, citizen);
        await app.ReviewDocumentsAsync(file, analyst, rejectCode);
        await app.DoAsync(file.Id, (r, stamp) => r.RequestCorrectionAsync(file.Id, analyst.Actor, stamp, null));
        return file;
    }

    /// The citizen's replacement for one listed item, stored and recorded the way the correction page does.
    public static async Task ReplaceDocumentAsync(this MspasAppFactory app, ReviewFile file, string requirementCode)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(file);
        await using var scope = app.Services.CreateAsyncScope();
        var review = scope.ServiceProvider.GetRequiredService<ReviewService>();
        var store = scope.ServiceProvider.GetRequiredService<DocumentStore>();
        var application = await review.FindAsync(file.Id) ?? throw new InvalidOperationException($"No file {file.Id}.");
        var upload = TestFiles.Pdf($"{requirementCode}-corregido.pdf");
        using var content = new MemoryStream(upload.Content);
        var (stored, problem) = await store.SaveAsync(content, CancellationToken.None);
        Assert.True(stored is not null, $"The replacement was refused: {problem}");
        var (result, _) = await review.AddCorrectionDocumentAsync(application, file.Citizen.Id, requirementCode, stored, upload.FileName);
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors.Select(e => e.Message)));
    }

    /// Every rejected document replaced and the correction answered by the citizen: InReview again.
    public static async Task AnswerCorrectionAsync(this MspasAppFactory app, ReviewFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var items = await app.WithDbAsync(db => db.CorrectionRequests.AsNoTracking().Where(c => c.ApplicationId == file.Id).Select(c => c.Items).SingleAsync());
        foreach (var item in items)
        {
            await app.ReplaceDocumentAsync(file, item.RequirementCode);
        }

        await app.DoAsync(file.Id, (r, stamp) => r.AnswerCorrectionAsync(file.Id, file.Citizen.Actor, stamp, null));
    }

    /// Every document accepted and, for a procedure with an inspection, the inspection scheduled and
    /// recorded with <paramref name="favourable"/>: ready for the opinion.
    public static async Task<ReviewFile> ReadyForOpinionAsync(this MspasAppFactory app, Person analyst, string procedure = ProcedureSlugs.FoodFactory, bool favourable = true, Person? citizen = null)
    {
        var file = await app.InReviewAsync(analyst, procedure, citizen: citizen);
        await app.ReviewDocumentsAsync(file, analyst);
        if (procedure == ProcedureSlugs.FoodFactory)
        {
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            await app.DoAsync(file.Id, (r, stamp) => r.ScheduleInspectionAsync(file.Id, analyst.Actor, stamp, now.AddDays(2)));
            await app.DoAsync(file.Id, (r, stamp) => r.RecordInspectionAsync(file.Id, analyst.Actor, stamp, favourable,
                favourable ? "Instalaciones limpias y ordenadas." : "Sin separación entre áreas de materia prima y producto terminado."));
        }

        return file;
    }

    /// The analyst's opinion given: AwaitingApproval, for a head of section to decide.
    public static async Task<ReviewFile> AwaitingApprovalAsync(this MspasAppFactory app, Person analyst, Recommendation recommendation = Recommendation.Approve, string procedure = ProcedureSlugs.FoodFactory, Person? citizen = null)
    {
        var file = await app.ReadyForOpinionAsync(analyst, procedure, citizen: citizen);
        await app.DoAsync(file.Id, (r, stamp) => r.RecommendAsync(file.Id, analyst.Actor, stamp, recommendation,
            recommendation == Recommendation.Approve ? FavourableOpinion : "El establecimiento no cumple las condiciones sanitarias mínimas."));
        return file;
    }

    /// The file as stored, with its documents, history and correction request.
    public static Task<Application> ReadFileAsync(this MspasAppFactory app, Guid id)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.WithDbAsync(db => db.Applications.AsNoTracking()
            .Include(a => a.ProcedureVersion)
            .Include(a => a.Documents)
            .Include(a => a.Events)
            .Include(a => a.CorrectionRequest)
            .AsSplitQuery()
            .SingleAsync(a => a.Id == id));
    }

    public static Task<List<WorkflowTimer>> TimersAsync(this MspasAppFactory app, Guid id)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.WithDbAsync(db => db.WorkflowTimers.AsNoTracking().Where(t => t.ApplicationId == id).ToListAsync());
    }

    /// The emails of one kind written for one address (sent or not): the outbox is the source of truth.
    public static Task<List<OutboxMessage>> OutboxAsync(this MspasAppFactory app, string to, string kind)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.To == to && m.Kind == kind).ToListAsync());
    }

    /// The working-day calendar the app uses now (the Holidays table).
    public static async Task<WorkingCalendar> CalendarAsync(this MspasAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        return await app.WithDbAsync(db => WorkingCalendar.LoadAsync(db, now));
    }

    /// 10:00 in Guatemala, <paramref name="workingDays"/> working days before today.
    public static async Task<DateTimeOffset> WorkingDaysAgoAsync(this MspasAppFactory app, int workingDays)
    {
        var calendar = await app.CalendarAsync();
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var today = GuatemalaTime.Today(now);
        var day = today;
        while (calendar.WorkingDaysBetween(day, today) < workingDays)
        {
            day = day.AddDays(-1);
        }

        return GuatemalaTime.StartOf(day).AddHours(10).ToUniversalTime();
    }
}
