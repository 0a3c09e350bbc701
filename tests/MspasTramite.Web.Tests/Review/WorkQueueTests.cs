using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Review;

[Collection(SqliteReviewApp.Name)]
public sealed class WorkQueueTests_Sqlite(SqliteReviewAppFactory app) : WorkQueueTests<SqliteReviewAppFactory>(app);

[Collection(PostgresReviewApp.Name)]
public sealed class WorkQueueTests_Postgres(PostgresReviewAppFactory app) : WorkQueueTests<PostgresReviewAppFactory>(app);

/// /backoffice: open files filtered by state, procedure, SLA light and assignment, the soonest due
/// first, 25 to a page. Files are paid some working days ago so that each light has a file; an
/// analyst's own work ("mios") keeps each test's files apart from the others' in the shared database.
public abstract class WorkQueueTests<TFactory>(TFactory app) where TFactory : MspasAppFactory, IReviewApp
{
    private const int PageSize = 25;

    [Fact]
    public async Task Mine_ListsOnlyMyFiles_SoonestDueFirst_WithTheirLights()
    {
        var files = await FourLightsAsync();
        using var browser = await app.SignedInSessionAsync(files.Analyst.Account);

        var page = await browser.GetPageAsync("/backoffice?vista=mios");

        Assert.Equal([files.Red.FileNumber, files.Amber.FileNumber, files.Paused.FileNumber, files.Green.FileNumber], page.QueueFileNumbers());
        Assert.Equal(["red", "amber", "paused", "green"],
            page.Document.QuerySelectorAll("table.queue tbody tr .sla").Select(s => s.ClassList.First(c => c.StartsWith("sla--", StringComparison.Ordinal))[5..]));
        Assert.Contains("4 expedientes", page.Text, StringComparison.Ordinal);
        Assert.Equal("page", page.Document.QuerySelector("a[href='/backoffice?vista=mios']")?.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task Light_ShowsOnlyFilesWithThatLight()
    {
        var files = await FourLightsAsync();
        using var browser = await app.SignedInSessionAsync(files.Analyst.Account);

        foreach (var light in (string[])["red", "amber", "paused", "green"])
        {
            var page = await browser.GetPageAsync($"/backoffice?vista=mios&semaforo={light}");

            Assert.Equal([files.WithLight(light).FileNumber], page.QueueFileNumbers());
            Assert.Equal(light, page.SelectedValue("semaforo"));
        }
    }

    [Fact]
    public async Task State_ShowsOnlyFilesInThatState()
    {
        var files = await FourLightsAsync();
        using var browser = await app.SignedInSessionAsync(files.Analyst.Account);

        var waiting = await browser.GetPageAsync($"/backoffice?vista=mios&estado={ApplicationStatus.AwaitingCorrection}");
        var inReview = await browser.GetPageAsync($"/backoffice?vista=mios&estado={ApplicationStatus.InReview}");
        // A state that is not open (a decided file is nobody's work) is ignored, not an error.
        var closed = await browser.GetPageAsync($"/backoffice?vista=mios&estado={ApplicationStatus.Approved}");

        Assert.Equal([files.Paused.FileNumber], waiting.QueueFileNumbers());
        Assert.Equal([files.Red.FileNumber, files.Amber.FileNumber, files.Green.FileNumber], inReview.QueueFileNumbers());
        Assert.Equal(4, closed.QueueFileNumbers().Count);
    }

    [Fact]
    public async Task Procedure_ShowsOnlyFilesOfThatProcedure_AndCombinesWithOtherFilters()
    {
        var files = await FourLightsAsync();
        var processedFood = await ProcedureIdAsync(ProcedureSlugs.ProcessedFood);
        var foodFactory = await ProcedureIdAsync(ProcedureSlugs.FoodFactory);
        using var browser = await app.SignedInSessionAsync(files.Analyst.Account);

        var onlyProcessed = await browser.GetPageAsync($"/backoffice?vista=mios&tramite={processedFood}");
        var factoryGreen = await browser.GetPageAsync($"/backoffice?vista=mios&tramite={foodFactory}&semaforo=green");

        Assert.Equal([files.Amber.FileNumber], onlyProcessed.QueueFileNumbers());
        Assert.Equal(processedFood.ToString(), onlyProcessed.SelectedValue("tramite"));
        Assert.Equal([files.Green.FileNumber], factoryGreen.QueueFileNumbers());
    }

    [Fact]
    public async Task Unassigned_ListsFilesNobodyHas_AndAllListsBoth()
    {
        var files = await FourLightsAsync();
        using var browser = await app.SignedInSessionAsync(files.Analyst.Account);
        string[] mine = [files.Red.FileNumber, files.Amber.FileNumber, files.Paused.FileNumber, files.Green.FileNumber];

        var nobodys = await browser.AllQueueFileNumbersAsync("/backoffice?vista=sin-asignar");
        var all = await browser.AllQueueFileNumbersAsync("/backoffice");

        Assert.Contains(files.Unassigned.FileNumber, nobodys);
        Assert.Empty(nobodys.Intersect(mine));
        Assert.Superset(new HashSet<string>([files.Unassigned.FileNumber, .. mine]), all.ToHashSet());
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Empty((await browser.GetPageAsync("/backoffice?vista=mios&semaforo=red&estado=AwaitingCorrection")).QueueFileNumbers());
    }

    [Fact]
    public async Task Paging_25ToAPage_InDueDateOrderAcrossPages()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var files = new List<ReviewFile>();
        for (var i = 0; i < PageSize + 2; i++)
        {
            // Paid over the last 13 working days (none has reached its 80% warning), at distinct times.
            var paidAt = (await app.WorkingDaysAgoAsync(i % 13)).AddMinutes(i);
            files.Add(await app.InReviewAsync(analyst, ProcedureSlugs.ProcessedFood, paidAt));
        }

        var ids = files.Select(f => f.Id).ToList();
        var expected = await app.WithDbAsync(async db => (await db.Applications.AsNoTracking().Where(a => ids.Contains(a.Id))
                .Select(a => new { a.FileNumber, a.SlaDueOn, a.ReceivedAt }).ToListAsync())
            .OrderBy(a => a.SlaDueOn).ThenBy(a => a.ReceivedAt).Select(a => a.FileNumber!).ToList());
        using var browser = await app.SignedInSessionAsync(analyst.Account);

        var first = await browser.GetPageAsync("/backoffice?vista=mios");
        var next = first.Document.QuerySelector("nav.pagination a[rel=next]")?.GetAttribute("href");
        Assert.Equal("/backoffice?vista=mios&pagina=2", next);
        var second = await browser.GetPageAsync(next!);

        Assert.Equal(PageSize, first.QueueFileNumbers().Count);
        Assert.Contains("Página 1 de 2", first.Text, StringComparison.Ordinal);
        Assert.Contains($"{PageSize + 2} expedientes", first.Text, StringComparison.Ordinal);
        Assert.Null(first.Document.QuerySelector("nav.pagination a[rel=prev]"));
        Assert.Equal(2, second.QueueFileNumbers().Count);
        Assert.Contains("Página 2 de 2", second.Text, StringComparison.Ordinal);
        Assert.Null(second.Document.QuerySelector("nav.pagination a[rel=next]"));
        Assert.Equal("/backoffice?vista=mios&pagina=1", second.Document.QuerySelector("nav.pagination a[rel=prev]")?.GetAttribute("href"));
        Assert.Equal(expected, [.. first.QueueFileNumbers(), .. second.QueueFileNumbers()]);
        // A page past the end shows the last one; before the start, the first.
        Assert.Equal(second.QueueFileNumbers(), (await browser.GetPageAsync("/backoffice?vista=mios&pagina=99")).QueueFileNumbers());
        Assert.Equal(first.QueueFileNumbers(), (await browser.GetPageAsync("/backoffice?vista=mios&pagina=0")).QueueFileNumbers());
    }

    [Fact]
    public async Task Filters_ArePreservedInThePagerLinks()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var processedFood = await ProcedureIdAsync(ProcedureSlugs.ProcessedFood);
        for (var i = 0; i < PageSize + 1; i++)
        {
            await app.InReviewAsync(analyst, ProcedureSlugs.ProcessedFood);
        }

        using var browser = await app.SignedInSessionAsync(analyst.Account);
        var page = await browser.GetPageAsync($"/backoffice?vista=mios&estado=InReview&tramite={processedFood}&semaforo=green");

        Assert.Equal($"/backoffice?vista=mios&estado=InReview&tramite={processedFood}&semaforo=green&pagina=2",
            page.Document.QuerySelector("nav.pagination a[rel=next]")?.GetAttribute("href"));
    }

    /// An analyst's four files, one per light, from the soonest due: red (paid 25 working days ago),
    /// amber (17 days ago: past 80% of 20), paused (waiting for the citizen's correction), green (paid
    /// today); and a file nobody has taken.
    private async Task<FourLights> FourLightsAsync()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var red = await app.InReviewAsync(analyst, ProcedureSlugs.FoodFactory, await app.WorkingDaysAgoAsync(25));
        var amber = await app.InReviewAsync(analyst, ProcedureSlugs.ProcessedFood, await app.WorkingDaysAgoAsync(17));
        var paused = await app.AwaitingCorrectionAsync(analyst, ProcedureSlugs.FoodFactory, paidAt: await app.WorkingDaysAgoAsync(5));
        var green = await app.InReviewAsync(analyst, ProcedureSlugs.FoodFactory);
        var unassigned = await app.ReceivedAsync();
        return new(analyst, red, amber, paused, green, unassigned);
    }

    private Task<Guid> ProcedureIdAsync(string slug) =>
        app.WithDbAsync(db => db.Procedures.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync());
}

public sealed record FourLights(Person Analyst, ReviewFile Red, ReviewFile Amber, ReviewFile Paused, ReviewFile Green, ReviewFile Unassigned)
{
    public ReviewFile WithLight(string light) => light switch
    {
        "red" => Red,
        "amber" => Amber,
        "paused" => Paused,
        _ => Green,
    };
}
