using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Core.Tests.Applications;

public sealed class ApplicationServiceTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"apps-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 31, 20, 0, 0, TimeSpan.FromHours(-6)));
    private readonly string applicantId = Guid.NewGuid().ToString();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        await using var db = NewContext();
        await db.Database.MigrateAsync();
        await ProcedureCatalogueSeed.EnsureSeededAsync(db, clock);
        db.Users.Add(new ApplicationUser { Id = applicantId, UserName = "ana@example.com", Email = "ana@example.com", FullName = "Ana", Cui = "1580352240101" });
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Submit_GivesPerDepartmentPerYearFileNumbers()
    {
        var first = await SubmitCompleteAsync("licencia-sanitaria-fabrica-alimentos");
        var second = await SubmitCompleteAsync("registro-sanitario-alimento-procesado");
        var otherDepartment = await SubmitCompleteAsync("licencia-sanitaria-establecimiento-salud", category: "hospital");
        clock.Advance(TimeSpan.FromHours(5)); // 1 January 2027 in Guatemala
        var nextYear = await SubmitCompleteAsync("licencia-sanitaria-fabrica-alimentos");

        Assert.Equal("DRCA-2026-000001", first.FileNumber);
        Assert.Equal("DRCA-2026-000002", second.FileNumber);
        Assert.Equal("DRACES-2026-000001", otherDepartment.FileNumber);
        Assert.Equal("DRCA-2027-000001", nextYear.FileNumber);
    }

    [Fact]
    public async Task Submit_FreezesFeeAndVersion_AndMovesToAwaitingPayment()
    {
        var application = await SubmitCompleteAsync("licencia-sanitaria-establecimiento-salud", category: "laboratorio");

        Assert.Equal(ApplicationStatus.AwaitingPayment, application.Status);
        Assert.Equal(900.00m, application.FeeAmount);
        Assert.Equal(clock.GetUtcNow(), application.SubmittedAt);

        // A later fee change in the procedure does not touch the submitted application.
        await using var db = NewContext();
        var version = await db.ProcedureVersions.SingleAsync(v => v.Id == application.ProcedureVersionId);
        version.Categories.Single(c => c.Code == "laboratorio").Amount = 1200m;
        await db.SaveChangesAsync();
        var reloaded = await db.Applications.SingleAsync(a => a.Id == application.Id);
        Assert.Equal(900.00m, reloaded.FeeAmount);
    }

    [Fact]
    public async Task Submit_WhenDocumentsMissing_ListsThemAndStaysDraft()
    {
        await using var db = NewContext();
        var service = Service(db);
        var version = (await service.PublishedVersionAsync("licencia-sanitaria-fabrica-alimentos"))!;
        var draft = await service.CreateDraftAsync(applicantId, version);
        FillForm(draft);

        var (outcome, missing) = await service.SubmitAsync(draft, applicantHasNit: false, applicantId);

        Assert.Equal(SubmitOutcome.Incomplete, outcome);
        Assert.Contains(missing, m => m.Message == "Formulario DRCA-004");
        Assert.DoesNotContain(missing, m => m.Message.StartsWith("DPI", StringComparison.Ordinal)); // the CUI stands in for it
        Assert.Equal(ApplicationStatus.Draft, draft.Status);
        Assert.Null(draft.FileNumber);
    }

    [Fact]
    public async Task Submit_WhenFeeNotPublished_KeepsTheDraft()
    {
        var application = await SubmitCompleteAsync("licencia-sanitaria-farmacia", expect: SubmitOutcome.FeeNotPublished);

        Assert.Equal(ApplicationStatus.Draft, application.Status);
        Assert.Null(application.FileNumber);
    }

    [Fact]
    public async Task Withdraw_OnlyBeforePayment()
    {
        var application = await SubmitCompleteAsync("licencia-sanitaria-fabrica-alimentos");
        await using var db = NewContext();
        var service = Service(db);
        var loaded = (await service.FindForApplicantAsync(application.Id, applicantId))!;

        Assert.True(await service.WithdrawAsync(loaded, applicantId));
        Assert.False(await service.WithdrawAsync(loaded, applicantId));
        var timeline = await service.TimelineAsync(application.Id, includeInternal: false);
        Assert.Equal(["draft-created", "document-added", "submitted", "withdrawn"], timeline.Select(e => e.Kind).Distinct());
    }

    [Fact]
    public async Task FindForApplicant_SomeoneElsesApplication_IsNotFound()
    {
        var application = await SubmitCompleteAsync("licencia-sanitaria-fabrica-alimentos");
        await using var db = NewContext();

        Assert.Null(await Service(db).FindForApplicantAsync(application.Id, Guid.NewGuid().ToString()));
    }

    [Fact]
    public async Task ReuseDocument_FromAnEarlierFile_PointsToTheSameStoredFile()
    {
        var earlier = await SubmitCompleteAsync("licencia-sanitaria-fabrica-alimentos", company: true);
        await using var db = NewContext();
        var service = Service(db);
        var version = (await service.PublishedVersionAsync("registro-sanitario-alimento-procesado"))!;
        var draft = await service.CreateDraftAsync(applicantId, version);
        var requirement = version.Requirements.Single(r => r.Code == "escritura-constitucion");

        var candidates = await service.ReusableDocumentsAsync(draft, requirement.Code);
        var reused = await service.ReuseDocumentAsync(draft, requirement, candidates.Single().Document.Id, applicantId);

        var original = earlier.Documents.Single(d => d.RequirementCode == "escritura-constitucion");
        Assert.Equal(earlier.FileNumber, candidates.Single().FileNumber);
        Assert.Equal(original.StoredName, reused!.StoredName);
        Assert.Equal(original.Id, reused.ReusedFromId);
        Assert.Empty(await service.ReusableDocumentsAsync(draft, requirement.Code)); // not offered twice
    }

    private async Task<Application> SubmitCompleteAsync(string slug, string? category = null, bool company = false, SubmitOutcome expect = SubmitOutcome.Submitted)
    {
        await using var db = NewContext();
        var service = Service(db);
        var version = (await service.PublishedVersionAsync(slug))!;
        var draft = await service.CreateDraftAsync(applicantId, version);
        FillForm(draft, company);
        draft.CategoryCode = category;
        await service.SaveAsync(draft);
        foreach (var requirement in version.RequirementsFor(draft.ApplicantKind).Where(r => r.Required && r.SatisfiedByIdentifier is null))
        {
            var (_, problem) = await service.AddDocumentAsync(draft, requirement, requirement.Code + ".pdf", new MemoryStream("%PDF-1.4 prueba"u8.ToArray()), applicantId);
            Assert.Equal(UploadProblem.None, problem);
        }

        var (outcome, _) = await service.SubmitAsync(draft, applicantHasNit: false, applicantId);
        Assert.Equal(expect, outcome);
        return draft;
    }

    private static void FillForm(Application draft, bool company = false)
    {
        draft.ApplicantKind = company ? ApplicantKind.Company : ApplicantKind.Person;
        draft.CompanyName = company ? "Alimentos La Ceiba, S.A." : null;
        draft.CompanyNit = company ? "576937-K" : null;
        draft.EstablishmentName = "La Ceiba";
        draft.EstablishmentAddress = "6a avenida 1-23 zona 1";
        draft.DepartmentCode = 1;
        draft.MunicipalityCode = 8;
        draft.ProfessionalName = "Luis Pérez";
        draft.ProfessionalColegiado = "12345";
    }

    private ApplicationService Service(AppDbContext db) =>
        new(db, new DocumentStore(Options.Create(new DatabaseOptions { DataDirectory = folder }), Options.Create(new UploadOptions()), NullLogger<DocumentStore>.Instance), clock);

    private SqliteAppDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={Path.Combine(folder, "apps.db")}")
            .AddInterceptors(new SqlitePragmaInterceptor())
            .Options);
}
