using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Performance;
using MspasTramite.Core.Review;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Admin;

[Collection(SqliteApp.Name)]
public sealed class HolidaysTests_Sqlite(SqliteAppFactory app) : HolidaysTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class HolidaysTests_Postgres(PostgresAppFactory app) : HolidaysTests<PostgresAppFactory>(app);

/// /admin/feriados: the administrator keeps the public holidays that legal times skip. The app's
/// database is shared by the whole collection, so the tests change only days no seeded holiday or
/// near deadline uses (weekdays of February two years ahead), each its own, and put them back.
public abstract class HolidaysTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    private const string AddForm = "main form.add-holiday";

    [Fact]
    public async Task Get_WhenAnonymous_RedirectsToSignIn()
    {
        using var browser = app.CreateSession();

        using var response = await browser.GetAsync("/admin/feriados");

        PageAssert.RedirectsToSignIn(response);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString("/admin/feriados"), response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(Roles.Solicitante)]
    [InlineData(Roles.Analista)]
    public async Task Get_WithoutAdminRole_IsDenied(string role)
    {
        using var browser = await app.SignedInSessionAsync(await app.CreateAccountAsync(role));

        using var response = await browser.GetAsync("/admin/feriados");

        PageAssert.IsDenied(response);
        using var denied = await browser.GetAsync(response.Headers.Location!.PathAndQueryOf());
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task PostRemove_WithoutAdminRole_IsDeniedAndKeepsTheHoliday()
    {
        using var analyst = await app.SignedInSessionAsync(await app.CreateAccountAsync(Roles.Analista));
        var token = (await analyst.GetPageAsync("/cuenta/salir")).AntiforgeryToken; // any page: only for the token
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });

        using var response = await analyst.Client.PostAsync(new Uri("/admin/feriados?handler=Remove&fecha=2026-09-15", UriKind.Relative), content);

        PageAssert.IsDenied(response);
        Assert.True(await app.WithDbAsync(db => db.Holidays.AnyAsync(h => h.Date == new DateOnly(2026, 9, 15))));
    }

    [Fact]
    public async Task Get_WithoutYear_ShowsTheCurrentGuatemalaYear()
    {
        using var admin = await SignedInAdminAsync();
        var year = GuatemalaTime.Today(app.Services.GetRequiredService<TimeProvider>().GetUtcNow()).Year;

        var page = await admin.GetPageAsync("/admin/feriados");

        Assert.Equal("Feriados", page.Title);
        Assert.Null(page.Document.QuerySelector(".error-summary"));
        Assert.Equal(year.ToString(CultureInfo.InvariantCulture), page.SelectedValue("anio"));
        Assert.Contains($"Feriados de {year}", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Year2026_ListsTheSeededHolidaysWithARemoveButtonEach()
    {
        using var admin = await SignedInAdminAsync();

        var page = await admin.GetPageAsync("/admin/feriados?anio=2026");

        Assert.Equal("2026", page.SelectedValue("anio"));
        var rows = Rows(page);
        Assert.Contains(("02/04/2026", "jueves", "Jueves Santo"), rows);
        Assert.Contains(("03/04/2026", "viernes", "Viernes Santo"), rows);
        Assert.Contains(("29/06/2026", "lunes", "Día del Ejército (30 de junio, se goza el lunes)"), rows);
        Assert.Contains(("15/09/2026", "martes", "Día de la Independencia"), rows);
        Assert.Contains(("31/12/2026", "jueves", "Fin de año"), rows);
        Assert.DoesNotContain(rows, r => r.Date.EndsWith("/2025", StringComparison.Ordinal));
        Assert.Equal(rows.Select(r => DateOnly.ParseExact(r.Date, "dd/MM/yyyy", CultureInfo.InvariantCulture)).Order(), rows.Select(r => DateOnly.ParseExact(r.Date, "dd/MM/yyyy", CultureInfo.InvariantCulture)));
        Assert.NotNull(RemoveButton(page, new DateOnly(2026, 9, 15)));
        Assert.Contains("2030", page.Document.QuerySelectorAll("#anio option").Select(o => o.TextContent));
    }

    [Fact]
    public async Task Get_AdminHome_LinksToHolidays()
    {
        using var admin = await SignedInAdminAsync();

        var home = await admin.GetPageAsync("/admin");

        var link = home.Document.QuerySelector("main a[href='/admin/feriados']");
        Assert.Equal("Feriados", link?.TextContent);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1999")]
    [InlineData("2101")]
    public async Task Get_WhenYearOutOfRange_Returns404(string year)
    {
        using var admin = await SignedInAdminAsync();

        using var response = await admin.GetAsync("/admin/feriados?anio=" + year);

        await PageAssert.IsNotFoundAsync(response);
    }

    [Fact]
    public async Task PostAdd_WhenValid_AddsTheHolidayAndListsIt()
    {
        using var admin = await SignedInAdminAsync();
        var day = FreeWeekday(0);
        try
        {
            using var response = await admin.SubmitAsync("/admin/feriados", new Dictionary<string, string?>
            {
                ["Input.Date"] = Iso(day),
                ["Input.Name"] = "  Asueto por elecciones  ",
            }, AddForm);

            Assert.Equal($"/admin/feriados?anio={day.Year}", response.Headers.Location!.PathAndQueryOf());
            var page = await admin.FollowAsync(response);
            Assert.Equal($"Feriado agregado: {Display(day)}, Asueto por elecciones.", page.Notice);
            Assert.Contains((Display(day), "martes", "Asueto por elecciones"), Rows(page)); // FreeWeekday(0) is a Tuesday
            Assert.NotNull(RemoveButton(page, day));
            Assert.Equal("Asueto por elecciones", await app.WithDbAsync(db => db.Holidays.Where(h => h.Date == day).Select(h => h.Name).SingleAsync()));
        }
        finally
        {
            await RemoveAsync(day);
        }
    }

    [Fact]
    public async Task PostAdd_DayWrittenAsPeopleWriteIt_IsAccepted()
    {
        using var admin = await SignedInAdminAsync();
        var day = FreeWeekday(1);
        try
        {
            using var response = await admin.SubmitAsync("/admin/feriados", new Dictionary<string, string?>
            {
                ["Input.Date"] = day.ToString("d/M/yyyy", CultureInfo.InvariantCulture),
                ["Input.Name"] = "Asueto escrito a mano",
            }, AddForm);

            Assert.Equal($"/admin/feriados?anio={day.Year}", response.Headers.Location!.PathAndQueryOf());
            Assert.True(await app.WithDbAsync(db => db.Holidays.AnyAsync(h => h.Date == day)));
        }
        finally
        {
            await RemoveAsync(day);
        }
    }

    [Fact]
    public async Task PostAdd_WhenDateTaken_ShowsErrorKeepsInputAndChangesNothing()
    {
        using var admin = await SignedInAdminAsync();

        using var response = await admin.SubmitAsync("/admin/feriados?anio=2026", new Dictionary<string, string?>
        {
            ["Input.Date"] = "2026-09-15",
            ["Input.Name"] = "Independencia (otra vez)",
        }, AddForm);

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Date", "Ya hay un feriado el 15/09/2026: Día de la Independencia. Quítelo primero si quiere cambiarlo.");
        Assert.Equal("2026-09-15", page.InputValue("Input.Date"));
        Assert.Equal("Independencia (otra vez)", page.InputValue("Input.Name"));
        Assert.Contains(("15/09/2026", "martes", "Día de la Independencia"), Rows(page));
        Assert.Equal("Día de la Independencia", await app.WithDbAsync(db => db.Holidays.Where(h => h.Date == new DateOnly(2026, 9, 15)).Select(h => h.Name).SingleAsync()));
    }

    [Theory]
    [InlineData("", "Escriba la fecha del feriado.")]
    [InlineData("2027-02-30", "Escriba una fecha válida, por ejemplo 15/09/2027.")]
    [InlineData("mañana", "Escriba una fecha válida, por ejemplo 15/09/2027.")]
    [InlineData("15/09/0227", "Escriba una fecha entre los años 2000 y 2100.")]
    public async Task PostAdd_WhenDateInvalid_ShowsErrorAndKeepsInput(string date, string message)
    {
        using var admin = await SignedInAdminAsync();
        var before = await app.WithDbAsync(db => db.Holidays.CountAsync());

        using var response = await admin.SubmitAsync("/admin/feriados", new Dictionary<string, string?>
        {
            ["Input.Date"] = date,
            ["Input.Name"] = "Feriado con fecha mala",
        }, AddForm);

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Date", message);
        Assert.Equal("Feriado con fecha mala", page.InputValue("Input.Name"));
        Assert.Equal(before, await app.WithDbAsync(db => db.Holidays.CountAsync()));
    }

    [Theory]
    [InlineData("", "Escriba el nombre del feriado.")]
    [InlineData("   ", "Escriba el nombre del feriado.")]
    [InlineData(null, "El nombre puede tener como máximo 120 caracteres.")]
    public async Task PostAdd_WhenNameMissingOrTooLong_ShowsErrorAndKeepsDate(string? name, string message)
    {
        using var admin = await SignedInAdminAsync();
        var day = FreeWeekday(2);

        using var response = await admin.SubmitAsync("/admin/feriados", new Dictionary<string, string?>
        {
            ["Input.Date"] = Iso(day),
            ["Input.Name"] = name ?? new string('x', 121),
        }, AddForm);

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Name", message);
        Assert.Equal(Iso(day), page.InputValue("Input.Date"));
        Assert.False(await app.WithDbAsync(db => db.Holidays.AnyAsync(h => h.Date == day)));
    }

    [Fact]
    public async Task PostRemove_TheRowsButton_RemovesTheHoliday()
    {
        using var admin = await SignedInAdminAsync();
        var day = FreeWeekday(3);
        await app.WithDbAsync(db =>
        {
            db.Holidays.Add(new Holiday { Date = day, Name = "Asueto que se quita" });
            return db.SaveChangesAsync();
        });
        try
        {
            var page = await admin.GetPageAsync($"/admin/feriados?anio={day.Year}");
            var button = RemoveButton(page, day);
            Assert.NotNull(button);

            using var response = await admin.SubmitAsync(page, new Dictionary<string, string?>(), FormOf(day));

            Assert.Equal($"/admin/feriados?anio={day.Year}", response.Headers.Location!.PathAndQueryOf());
            var after = await admin.FollowAsync(response);
            Assert.Equal($"Feriado quitado: {Display(day)}, Asueto que se quita.", after.Notice);
            Assert.DoesNotContain(Rows(after), r => r.Date == Display(day));
            Assert.False(await app.WithDbAsync(db => db.Holidays.AnyAsync(h => h.Date == day)));
        }
        finally
        {
            await RemoveAsync(day);
        }
    }

    [Theory]
    [InlineData("2026-02-11")] // a day without a holiday
    [InlineData("11/02/2026")]
    [InlineData("")]
    public async Task PostRemove_WhenNoSuchHoliday_Returns404(string date)
    {
        using var admin = await SignedInAdminAsync();
        var page = await admin.GetPageAsync("/admin/feriados?anio=2026");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = page.AntiforgeryToken });

        using var response = await admin.Client.PostAsync(new Uri("/admin/feriados?handler=Remove&fecha=" + Uri.EscapeDataString(date), UriKind.Relative), content);

        await PageAssert.IsNotFoundAsync(response);
    }

    [Fact]
    public async Task PostRemove_WithoutAntiforgeryToken_IsRefused()
    {
        using var admin = await SignedInAdminAsync();

        using var response = await admin.Client.PostAsync(new Uri("/admin/feriados?handler=Remove&fecha=2026-09-15", UriKind.Relative), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Holidays.AnyAsync(h => h.Date == new DateOnly(2026, 9, 15))));
    }

    [Fact]
    public async Task PostAdd_ThenRemove_WorkingCalendarFollows()
    {
        using var admin = await SignedInAdminAsync();
        var day = FreeWeekday(4);
        var dayBefore = day.AddDays(-1);
        try
        {
            Assert.True((await LoadCalendarAsync()).IsWorkingDay(day));

            using var added = await admin.SubmitAsync("/admin/feriados", new Dictionary<string, string?>
            {
                ["Input.Date"] = Iso(day),
                ["Input.Name"] = "Asueto decretado",
            }, AddForm);
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

            var withHoliday = await LoadCalendarAsync();
            Assert.False(withHoliday.IsWorkingDay(day));
            Assert.Equal(day.AddDays(1), withHoliday.AddWorkingDays(dayBefore, 1));

            var page = await admin.GetPageAsync($"/admin/feriados?anio={day.Year}");
            using var removed = await admin.SubmitAsync(page, new Dictionary<string, string?>(), FormOf(day));
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);

            var withoutHoliday = await LoadCalendarAsync();
            Assert.True(withoutHoliday.IsWorkingDay(day));
            Assert.Equal(day, withoutHoliday.AddWorkingDays(dayBefore, 1));
        }
        finally
        {
            await RemoveAsync(day);
        }
    }

    [Fact]
    public async Task PostAdd_ThenRemove_TheDaysLeftOnAFileFollowAtOnce()
    {
        using var admin = await SignedInAdminAsync();
        var file = await app.ReceivedAsync(ProcedureSlugs.ProcessedFood);
        using var citizen = await app.SignedInSessionAsync(file.Citizen.Account);
        Assert.Contains("Quedan 20 días hábiles", (await citizen.GetPageAsync(file.CitizenUrl)).Text, StringComparison.Ordinal);
        var holidays = app.Services.GetRequiredService<HolidayCalendar>();
        var loads = holidays.Loads;
        Assert.Contains("Quedan 20 días hábiles", (await citizen.GetPageAsync(file.CitizenUrl)).Text, StringComparison.Ordinal);
        Assert.Equal(loads, holidays.Loads); // kept, not read again for the second page
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var calendar = await LoadCalendarAsync();
        var day = GuatemalaTime.Today(now).AddDays(1);
        while (!calendar.IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        try
        {
            using var added = await admin.SubmitAsync("/admin/feriados", new Dictionary<string, string?>
            {
                ["Input.Date"] = Iso(day),
                ["Input.Name"] = "Asueto de un día",
            }, AddForm);
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

            Assert.Contains("Quedan 19 días hábiles", (await citizen.GetPageAsync(file.CitizenUrl)).Text, StringComparison.Ordinal);

            var page = await admin.GetPageAsync($"/admin/feriados?anio={day.Year}");
            using var removed = await admin.SubmitAsync(page, new Dictionary<string, string?>(), FormOf(day));
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);

            Assert.Contains("Quedan 20 días hábiles", (await citizen.GetPageAsync(file.CitizenUrl)).Text, StringComparison.Ordinal);
        }
        finally
        {
            await RemoveAsync(day);
        }
    }

    [Fact]
    public async Task PostAddAndRemove_OfAPastDay_ReopenTheKpiRollupFromThatDay()
    {
        using var admin = await SignedInAdminAsync();
        var today = GuatemalaTime.Today(app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        var past = today.AddDays(-9);
        await RefreshRollupAsync();
        Assert.Equal(today.AddDays(-PerformanceRollup.ReopenDays), await OpenFromAsync());
        try
        {
            using var added = await admin.SubmitAsync("/admin/feriados", new Dictionary<string, string?>
            {
                ["Input.Date"] = Iso(past),
                ["Input.Name"] = "Asueto decretado después",
            }, AddForm);
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

            // The working days of files decided since then changed: the next refresh starts there.
            Assert.Equal(past, await OpenFromAsync());
            await RefreshRollupAsync();
            Assert.Equal(today.AddDays(-PerformanceRollup.ReopenDays), await OpenFromAsync());

            var page = await admin.GetPageAsync($"/admin/feriados?anio={past.Year}");
            using var removed = await admin.SubmitAsync(page, new Dictionary<string, string?>(), FormOf(past));
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
            Assert.Equal(past, await OpenFromAsync());

            // A day still to come changes no decided file.
            using var future = await admin.SubmitAsync("/admin/feriados", new Dictionary<string, string?>
            {
                ["Input.Date"] = Iso(FreeWeekday(5)),
                ["Input.Name"] = "Asueto futuro",
            }, AddForm);
            Assert.Equal(past, await OpenFromAsync());
        }
        finally
        {
            await RemoveAsync(past);
            await RemoveAsync(FreeWeekday(5));
            await RefreshRollupAsync();
        }
    }

    private async Task RefreshRollupAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PerformanceRollup>().RefreshAsync();
    }

    private Task<DateOnly> OpenFromAsync() =>
        app.WithDbAsync(db => db.Set<PerformanceRollupState>().Select(s => s.OpenFrom).SingleAsync());

    /// The n-th weekday from the first Tuesday of February two years ahead (Tuesday to Thursday, so
    /// the day before and after are weekdays too): no seeded holiday falls in February, and no
    /// deadline computed by other tests reaches that far.
    private DateOnly FreeWeekday(int n)
    {
        var year = GuatemalaTime.Today(app.Services.GetRequiredService<TimeProvider>().GetUtcNow()).Year + 2;
        var day = new DateOnly(year, 2, 1);
        while (day.DayOfWeek != DayOfWeek.Tuesday)
        {
            day = day.AddDays(1);
        }

        // Tuesday, Wednesday, Thursday of successive weeks.
        return day.AddDays((7 * (n / 3)) + (n % 3));
    }

    private Task<WorkingCalendar> LoadCalendarAsync() =>
        app.WithDbAsync(db => WorkingCalendar.LoadAsync(db, app.Services.GetRequiredService<TimeProvider>().GetUtcNow()));

    /// A bulk delete goes around the change tracker, so the app's cached calendar is dropped by hand.
    private async Task<int> RemoveAsync(DateOnly day)
    {
        var removed = await app.WithDbAsync(db => db.Holidays.Where(h => h.Date == day).ExecuteDeleteAsync());
        app.Services.GetRequiredService<HolidayCalendar>().Invalidate();
        return removed;
    }

    private async Task<WebSession> SignedInAdminAsync()
    {
        var account = await app.CreateAccountAsync(Roles.AdministradorServicio);
        var browser = app.CreateSession();
        Assert.Equal("/admin", await browser.SignInSuccessfullyAsync(account.Email, account.Password));
        return browser;
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Display(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string FormOf(DateOnly day) => $"main form[action*='fecha={Iso(day)}']";

    private static List<(string Date, string Weekday, string Name)> Rows(HtmlPage page) =>
        [.. page.Document.QuerySelectorAll("main table tbody tr").Select(tr =>
        {
            var cells = tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
            return (cells[0], cells[1], cells[2]);
        })];

    /// The row's button, found by the name a screen reader announces ("Quitar feriado del 15/09/2026").
    private static AngleSharp.Dom.IElement? RemoveButton(HtmlPage page, DateOnly day) =>
        page.Document.QuerySelectorAll("main table button").SingleOrDefault(b => b.TextContent.Trim() == $"Quitar feriado del {Display(day)}");
}
