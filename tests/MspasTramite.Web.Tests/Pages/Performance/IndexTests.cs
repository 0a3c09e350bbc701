using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Performance;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Performance;

/// An app with a database of its own: the public figures are the whole service's, so no other test's
/// applications may land in them.
public sealed class SqlitePublicPerformanceAppFactory : SqliteReviewAppFactory, IPublicPerformanceApp
{
    public PublicFixture Fixture { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Fixture = await PublicFixture.SeedAsync(this);
    }
}

public sealed class PostgresPublicPerformanceAppFactory : PostgresReviewAppFactory, IPublicPerformanceApp
{
    public PublicFixture Fixture { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Fixture = await PublicFixture.SeedAsync(this);
    }
}

public interface IPublicPerformanceApp
{
    PublicFixture Fixture { get; }
}

/// Hand-made daily figures for the food-factory licence in past months (computed by hand below), and
/// one real citizen's paid file this month, counted by the rollup itself.
public sealed record PublicFixture(DateOnly CurrentMonth, ReviewFile CitizenFile)
{
    public DateOnly Full => CurrentMonth.AddMonths(-1);

    public DateOnly Small => CurrentMonth.AddMonths(-2);

    public static async Task<PublicFixture> SeedAsync(MspasAppFactory app)
    {
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var today = GuatemalaTime.Today(now);
        var current = new DateOnly(today.Year, today.Month, 1);
        await app.WithDbAsync(async db =>
        {
            var food = await db.Procedures.Where(p => p.Slug == ProcedureSlugs.FoodFactory).Select(p => p.Id).SingleAsync();
            var full = current.AddMonths(-1);
            var small = current.AddMonths(-2);
            db.AddRange(
                // Full month: started 20, submitted 16, paid 15, decided 10 (7 in time), 10 answers (8 satisfied).
                new DailyProcedureFigures { Day = full.AddDays(9), ProcedureId = food, Started = 12, Submitted = 10, Paid = 9, Approved = 6, Rejected = 2, DecidedInTime = 6, SurveyAnswers = 7, SurveySatisfied = 5 },
                new DailyProcedureFigures { Day = full.AddDays(19), ProcedureId = food, Started = 8, Submitted = 6, Paid = 6, Approved = 2, DecidedInTime = 1, SurveyAnswers = 3, SurveySatisfied = 3 },
                // Small month: started 9, nothing submitted, paid 4, one decided, 4 answers.
                new DailyProcedureFigures { Day = small.AddDays(9), ProcedureId = food, Started = 3, Paid = 2, Approved = 1, DecidedInTime = 1, SurveyAnswers = 4, SurveySatisfied = 4 },
                new DailyProcedureFigures { Day = small.AddDays(10), ProcedureId = food, Started = 6, Paid = 2 });
            // Processing times of the full month: 3 3 5 5 5 8 8 12 20 20 (median 5, p90 20); two in the small one.
            foreach (var (value, count) in new[] { (3, 2), (5, 3), (8, 2), (12, 1), (20, 2) })
            {
                db.Add(new DailyDurationCount { Day = full.AddDays(value), ProcedureId = food, Measure = DailyDurationCount.Processing, Value = value, Count = count });
            }

            db.Add(new DailyDurationCount { Day = small.AddDays(9), ProcedureId = food, Measure = DailyDurationCount.Processing, Value = 4, Count = 2 });
            // A state's dwell time is not a processing time.
            db.Add(new DailyDurationCount { Day = full.AddDays(9), ProcedureId = food, Measure = "Received", Value = 99, Count = 50 });
            db.Add(new NonDigitalVolume { Id = Guid.NewGuid(), ProcedureId = food, Month = full, Count = 24, EnteredById = "fixture", EnteredAt = now });
            // Thirteen older months with a start each: only the newest ten of them fit in the twelve shown.
            for (var back = 3; back <= 15; back++)
            {
                db.Add(new DailyProcedureFigures { Day = current.AddMonths(-back).AddDays(4), ProcedureId = food, Started = 1 });
            }

            // The rollup's state says these days are final, so a refresh recomputes only the last ones.
            await db.Set<PerformanceRollupState>().ExecuteDeleteAsync();
            db.Add(new PerformanceRollupState { OpenFrom = today.AddDays(-PerformanceRollup.ReopenDays), RefreshedAt = now });
            return await db.SaveChangesAsync();
        });

        var file = await app.ReceivedAsync(ProcedureSlugs.FoodFactory);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PerformanceRollup>().RefreshAsync();
        return new PublicFixture(current, file);
    }
}

public sealed class IndexTests_Sqlite(SqlitePublicPerformanceAppFactory app) : IndexTests<SqlitePublicPerformanceAppFactory>(app), IClassFixture<SqlitePublicPerformanceAppFactory>;

public sealed class IndexTests_Postgres(PostgresPublicPerformanceAppFactory app) : IndexTests<PostgresPublicPerformanceAppFactory>(app), IClassFixture<PostgresPublicPerformanceAppFactory>;

/// /desempeno and its open data: for anyone, per procedure and month, nothing under 5.
public abstract class IndexTests<TFactory>(TFactory app) where TFactory : MspasAppFactory, IPublicPerformanceApp
{
    private const string Withheld = "menos de 5";
    private const string NoData = "sin dato";
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-GT");

    private PublicFixture Fixture => app.Fixture;

    [Fact]
    public async Task Get_WhenAnonymous_ShowsEveryProcedureWithItsOwnSection()
    {
        using var browser = app.CreateSession();

        var page = await browser.GetPageAsync("/desempeno");

        Assert.Equal("Desempeño del servicio", page.Title);
        foreach (var slug in new[] { ProcedureSlugs.Pharmacy, ProcedureSlugs.ProcessedFood, ProcedureSlugs.FoodFactory, ProcedureSlugs.HealthEstablishment })
        {
            var section = page.Document.GetElementById(slug);
            Assert.NotNull(section);
            Assert.NotNull(section.QuerySelector("div.table-scroll[role=region][tabindex='0'][aria-label] table caption"));
        }

        Assert.Contains("con tan pocos casos se podría reconocer a una persona", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_FullMonth_ShowsTheHandComputedFigures()
    {
        var row = await RowAsync(Fixture.Full);

        Assert.Equal(
            ["20", "16", "15", "10", Percent(0.75m), "24", Percent(0.4m), "10", Percent(0.8m), "5", "20", Percent(0.7m)],
            row);
    }

    [Fact]
    public async Task Get_SmallMonth_ShowsUnderFiveAsMenosDe5_AndHidesRatesOverFewerThanFive()
    {
        var row = await RowAsync(Fixture.Small);

        // Started 9 is shown; nothing submitted (0) and 4 paid are withheld, and so is the completion
        // rate (4 of 9 would give the paid count back); 1 decided, 4 answers, 2 timed files.
        Assert.Equal(["9", Withheld, Withheld, Withheld, Withheld, NoData, NoData, Withheld, Withheld, Withheld, Withheld, Withheld], row);
    }

    [Fact]
    public async Task Get_ListsTheCurrentMonthAndTheTwelveNewestWithData()
    {
        using var browser = app.CreateSession();

        var page = await browser.GetPageAsync("/desempeno");

        var months = page.Document.GetElementById(ProcedureSlugs.FoodFactory)!.QuerySelectorAll("tbody th[scope=row]").Select(th => th.TextContent.Trim()).ToList();
        var expected = Enumerable.Range(0, 13).Select(back => MonthName(Fixture.CurrentMonth.AddMonths(-back))).ToList();
        expected[0] += " (en curso)";
        Assert.Equal(expected, months);
        // The real file of this month: one of everything, so all withheld.
        var current = await RowAsync(Fixture.CurrentMonth);
        Assert.Equal([Withheld, Withheld, Withheld, Withheld, Withheld, NoData, NoData, Withheld, Withheld, Withheld, Withheld, Withheld], current);
    }

    [Fact]
    public async Task OpenData_CsvAndJson_CarryTheSameRowsAndSuppression()
    {
        using var browser = app.CreateSession();

        using var csvResponse = await browser.GetAsync("/desempeno/datos.csv");
        using var jsonResponse = await browser.GetAsync("/desempeno/datos.json");

        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/json", jsonResponse.Content.Headers.ContentType?.MediaType);
        var bytes = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("", lines[^1]);
        var header = lines[0].Split(',');
        Assert.Equal(PublicPerformance.Columns.Select(c => c.Name), header);
        var csvRows = lines[1..^1].Select(l => l.Split(',')).ToList();

        using var json = JsonDocument.Parse(await jsonResponse.Content.ReadAsStringAsync());
        Assert.Equal(PublicPerformance.SchemaVersion, json.RootElement.GetProperty("schema_version").GetInt32());
        Assert.True(json.RootElement.GetProperty("generated_at").TryGetDateTimeOffset(out _));
        var jsonRows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(3 + 13, jsonRows.Count); // three procedures with only the current month, the food factory's thirteen
        Assert.Equal(jsonRows.Count, csvRows.Count);
        foreach (var (csv, row) in csvRows.Zip(jsonRows))
        {
            var suppressed = row.GetProperty("suppressed").EnumerateArray().Select(s => s.GetString()).ToHashSet();
            for (var i = 0; i < header.Length; i++)
            {
                var value = row.GetProperty(header[i]);
                var expected = suppressed.Contains(header[i]) ? Withheld : value.ValueKind switch
                {
                    JsonValueKind.Null => "",
                    JsonValueKind.String => value.GetString(),
                    _ => value.GetRawText(),
                };
                Assert.True(!suppressed.Contains(header[i]) || value.ValueKind == JsonValueKind.Null, header[i] + " is suppressed but has a value");
                Assert.Equal(expected, csv[i]);
            }
        }

        var full = jsonRows.Single(r => r.GetProperty("procedure_slug").GetString() == ProcedureSlugs.FoodFactory && r.GetProperty("month").GetString() == Fixture.Full.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        Assert.Equal((20, 0.75m, 5, 20, 0.4m, true), (full.GetProperty("started").GetInt32(), full.GetProperty("completion_rate").GetDecimal(),
            full.GetProperty("processing_median_days").GetInt32(), full.GetProperty("processing_p90_days").GetInt32(), full.GetProperty("digital_take_up").GetDecimal(),
            full.GetProperty("month_complete").GetBoolean()));
        Assert.Empty(full.GetProperty("suppressed").EnumerateArray());
        var small = jsonRows.Single(r => r.GetProperty("procedure_slug").GetString() == ProcedureSlugs.FoodFactory && r.GetProperty("month").GetString() == Fixture.Small.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        Assert.Equal(
            ["submitted", "paid", "decided", "completion_rate", "survey_answers", "satisfaction", "processing_median_days", "processing_p90_days", "decided_in_time_share"],
            small.GetProperty("suppressed").EnumerateArray().Select(s => s.GetString()));
        // Not entered is unknown, not withheld.
        Assert.Equal(JsonValueKind.Null, small.GetProperty("non_digital").ValueKind);
    }

    [Fact]
    public async Task EveryResponse_CarriesNoPersonalDataOfTheCitizen()
    {
        var file = Fixture.CitizenFile;
        using var browser = app.CreateSession();

        foreach (var url in new[] { "/desempeno", "/desempeno/datos.csv", "/desempeno/datos.json" })
        {
            using var response = await browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            foreach (var personal in new[] { file.Citizen.Account.Email, file.Citizen.Account.FullName, file.FileNumber, file.Id.ToString(), file.Citizen.Id })
            {
                Assert.DoesNotContain(personal, text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    private async Task<List<string>> RowAsync(DateOnly month)
    {
        using var browser = app.CreateSession();
        var page = await browser.GetPageAsync("/desempeno");
        var name = MonthName(month);
        var row = page.Document.GetElementById(ProcedureSlugs.FoodFactory)!.QuerySelectorAll("tbody tr")
            .Single(tr => tr.QuerySelector("th")!.TextContent.Trim().StartsWith(name, StringComparison.Ordinal));
        return [.. row.QuerySelectorAll("td").Select(td => td.TextContent.Trim())];
    }

    private static string MonthName(DateOnly month) => month.ToDateTime(TimeOnly.MinValue).ToString("MMMM yyyy", Spanish);

    private static string Percent(decimal share) => share.ToString("P0", Spanish);
}
