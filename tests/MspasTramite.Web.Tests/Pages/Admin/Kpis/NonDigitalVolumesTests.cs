using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Performance;
using MspasTramite.Web.Tests.TestKit;
using static MspasTramite.Web.Tests.TestKit.PerformanceInputFlows;

namespace MspasTramite.Web.Tests.Pages.Admin.Kpis;

[Collection(SqliteApp.Name)]
public sealed class NonDigitalVolumesTests_Sqlite(SqliteAppFactory app) : NonDigitalVolumesTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class NonDigitalVolumesTests_Postgres(PostgresAppFactory app) : NonDigitalVolumesTests<PostgresAppFactory>(app);

/// /admin/indicadores/volumenes: the product manager enters each procedure's applications made at
/// the windows or on paper per month. Each test uses months of its own (Month(n)), on the
/// catalogue's first procedure unless it says otherwise.
public abstract class NonDigitalVolumesTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    private const string Path = Volumes;

    [Fact]
    public async Task Get_AsProductManager_OffersEveryProcedureOfTheCatalogue()
    {
        var (browser, _, _) = await app.SignedInProductManagerAsync();
        using var _b = browser;
        var procedures = await app.WithDbAsync(db => db.Procedures.Select(p => p.Id).ToListAsync());

        var page = await browser.GetPageAsync(Path);

        Assert.Equal("Volúmenes no digitales", page.Title);
        Assert.Null(page.Document.QuerySelector(".error-summary"));
        var options = page.Document.QuerySelectorAll("#Input_Procedure option").Select(o => o.GetAttribute("value")).Where(v => v != "").Select(v => Guid.Parse(v!)).ToList();
        Assert.Equal(procedures.Order(), options.Order());
        Assert.Equal("month", page.Document.QuerySelector("#Input_Month")?.GetAttribute("type"));
        Assert.Equal("true", page.Document.QuerySelector("#Input_Count")?.GetAttribute("aria-required"));
    }

    [Fact]
    public async Task Get_AdminHome_LinksToBothInputPagesUnderIndicadores()
    {
        var (browser, _, _) = await app.SignedInProductManagerAsync();
        using var _b = browser;

        var home = await browser.GetPageAsync("/admin");

        var heading = home.Document.QuerySelectorAll("main h2").SingleOrDefault(h => h.TextContent.Trim() == "Indicadores");
        Assert.NotNull(heading);
        var links = heading.NextElementSibling!.QuerySelectorAll("a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())).ToList();
        Assert.Contains(("/admin/indicadores/volumenes", "Volúmenes no digitales"), links);
        Assert.Contains(("/admin/indicadores/costos", "Costo de operación"), links);
    }

    [Fact]
    public async Task Post_WhenValid_StoresTheCountWithWhoAndWhenAndListsIt()
    {
        var (browser, account, userId) = await app.SignedInProductManagerAsync();
        using var _b = browser;
        var procedure = await FirstProcedureAsync();
        var month = Month(0);
        var before = DateTimeOffset.UtcNow;

        using var response = await browser.SubmitAsync(Path, new Dictionary<string, string?>
        {
            ["Input.Procedure"] = procedure.Id.ToString(),
            ["Input.Month"] = "2024-01",
            ["Input.Count"] = " 1,250 ",
        });

        Assert.Equal(Path, response.Headers.Location!.PathAndQueryOf());
        var page = await browser.FollowAsync(response);
        Assert.Equal($"Cantidad guardada: {procedure.Name}, enero de 2024: 1250 solicitudes.", page.Notice);
        var stored = await app.WithDbAsync(db => db.NonDigitalVolumes.SingleAsync(v => v.ProcedureId == procedure.Id && v.Month == month));
        Assert.Equal(1250, stored.Count);
        Assert.Equal(userId, stored.EnteredById);
        Assert.InRange(stored.EnteredAt, before, DateTimeOffset.UtcNow);
        var row = Assert.Single(Rows(page), r => r[0] == "enero de 2024" && r[1] == procedure.Name);
        Assert.Equal("1,250", row[2]);
        Assert.Equal(account.Email, row[3]);
        Assert.Matches(@"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$", row[4]);
        Assert.Equal($"Cambiar enero de 2024, {procedure.Name}", row[5]);
    }

    [Fact]
    public async Task Post_SameProcedureAndMonthAgain_ReplacesTheCountAndWhoEnteredIt()
    {
        var procedure = await FirstProcedureAsync();
        var month = Month(1);
        var (first, _, _) = await app.SignedInProductManagerAsync();
        using var _f = first;
        using var saved = await first.SubmitAsync(Path, Form(procedure.Id, Iso(month), "40"));
        Assert.Equal(Path, saved.Headers.Location!.PathAndQueryOf());
        var (second, secondAccount, secondId) = await app.SignedInProductManagerAsync();
        using var _s = second;

        using var response = await second.SubmitAsync(Path, Form(procedure.Id, Iso(month), "45"));

        var page = await second.FollowAsync(response);
        Assert.Equal($"Cantidad reemplazada: {procedure.Name}, febrero de 2024: 45 solicitudes.", page.Notice);
        var stored = await app.WithDbAsync(db => db.NonDigitalVolumes.Where(v => v.ProcedureId == procedure.Id && v.Month == month).ToListAsync());
        var only = Assert.Single(stored);
        Assert.Equal(45, only.Count);
        Assert.Equal(secondId, only.EnteredById);
        var row = Assert.Single(Rows(page), r => r[0] == "febrero de 2024" && r[1] == procedure.Name);
        Assert.Equal(("45", secondAccount.Email), (row[2], row[3]));
    }

    [Fact]
    public async Task Post_MonthWrittenByHand_IsAccepted()
    {
        var (browser, _, _) = await app.SignedInProductManagerAsync();
        using var _b = browser;
        var procedure = await FirstProcedureAsync();

        using var response = await browser.SubmitAsync(Path, Form(procedure.Id, "3/2024", "7"));

        Assert.Equal(Path, response.Headers.Location!.PathAndQueryOf());
        Assert.Equal(7, await app.WithDbAsync(db => db.NonDigitalVolumes.Where(v => v.ProcedureId == procedure.Id && v.Month == Month(2)).Select(v => v.Count).SingleAsync()));
    }

    [Fact]
    public async Task Get_EditLink_FillsTheFormWithThatMonthsFigure()
    {
        var (browser, _, _) = await app.SignedInProductManagerAsync();
        using var _b = browser;
        var procedure = await LastProcedureAsync();
        var month = Month(3);
        using var saved = await browser.SubmitAsync(Path, Form(procedure.Id, Iso(month), "321"));
        var list = await browser.FollowAsync(saved);
        var link = list.Document.QuerySelectorAll("main table a").Single(a => a.TextContent.Trim() == $"Cambiar abril de 2024, {procedure.Name}").GetAttribute("href")!;

        var page = await browser.GetPageAsync(link);

        Assert.Equal(procedure.Id.ToString(), page.SelectedValue("Input.Procedure"));
        Assert.Equal(Iso(month), page.InputValue("Input.Month"));
        Assert.Equal("321", page.InputValue("Input.Count"));
    }

    [Theory]
    [InlineData("tramite=no-es-un-id&mes=2024-05")]
    [InlineData("tramite={0}&mes=mayo")]
    [InlineData("tramite={0}&mes=2024-05")] // a month with no figure
    [InlineData("tramite=00000000-0000-0000-0000-000000000001&mes=2024-05")]
    [InlineData("mes=2024-05")]
    public async Task Get_EditLinkToNothing_Returns404(string query)
    {
        var (browser, _, _) = await app.SignedInProductManagerAsync();
        using var _b = browser;
        var procedure = await FirstProcedureAsync();

        using var response = await browser.GetAsync(Path + "?" + string.Format(CultureInfo.InvariantCulture, query, procedure.Id));

        await PageAssert.IsNotFoundAsync(response);
    }

    [Theory]
    [InlineData("", "Escriba el mes, por ejemplo 2025-03.")]
    [InlineData("marzo", "Escriba el mes con el formato AAAA-MM, por ejemplo 2025-03.")]
    [InlineData("2024-13", "Escriba el mes con el formato AAAA-MM, por ejemplo 2025-03.")]
    [InlineData("10000-01", "Escriba el mes con el formato AAAA-MM, por ejemplo 2025-03.")]
    [InlineData("2023-12", "Escriba un mes desde 2024-01: el servicio en línea empezó entonces.")]
    [InlineData("9999-12", "Escriba un mes que ya haya empezado: el último es {0}.")]
    [InlineData("next", "Escriba un mes que ya haya empezado: el último es {0}.")]
    public async Task Post_WhenMonthWrong_ShowsErrorKeepsInputAndStoresNothing(string month, string message)
    {
        var (browser, _, _) = await app.SignedInProductManagerAsync();
        using var _b = browser;
        var procedure = await FirstProcedureAsync();
        var current = app.CurrentMonth();
        var typed = month == "next" ? Iso(current.AddMonths(1)) : month;
        var before = await CountRowsAsync();

        using var response = await browser.SubmitAsync(Path, Form(procedure.Id, typed, "12"));

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Month", string.Format(CultureInfo.InvariantCulture, message, Iso(current)));
        Assert.Equal(typed == "" ? null : typed, page.InputValue("Input.Month"));
        Assert.Equal("12", page.InputValue("Input.Count"));
        Assert.Equal(procedure.Id.ToString(), page.SelectedValue("Input.Procedure"));
        Assert.Equal(before, await CountRowsAsync());
    }

    [Theory]
    [InlineData("", "Escriba el número de solicitudes.")]
    [InlineData("   ", "Escriba el número de solicitudes.")]
    [InlineData("-1", "El número de solicitudes no puede ser negativo.")]
    [InlineData("doce", "Escriba el número de solicitudes como un número entero, por ejemplo 120.")]
    [InlineData("12.5", "Escriba el número de solicitudes como un número entero, por ejemplo 120.")]
    [InlineData("12,5", "Escriba el número de solicitudes como un número entero, por ejemplo 120.")]
    [InlineData("1e3", "Escriba el número de solicitudes como un número entero, por ejemplo 120.")]
    [InlineData("1000001", "Escriba un número de solicitudes de 1,000,000 o menos.")]
    [InlineData("99999999999999999999999999999999999999", "Escriba un número de solicitudes de 1,000,000 o menos.")]
    public async Task Post_WhenCountWrong_ShowsErrorKeepsInputAndStoresNothing(string count, string message)
    {
        var (browser, _, _) = await app.SignedInProductManagerAsync();
        using var _b = browser;
        var procedure = await FirstProcedureAsync();
        var before = await CountRowsAsync();

        using var response = await browser.SubmitAsync(Path, Form(procedure.Id, Iso(Month(4)), count));

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Count", message);
        Assert.Equal(count == "" ? null : count, page.InputValue("Input.Count"));
        Assert.Equal(Iso(Month(4)), page.InputValue("Input.Month"));
        Assert.Equal(before, await CountRowsAsync());
    }

    [Theory]
    [InlineData("", "Elija el trámite.")]
    [InlineData("no-es-un-id", "Elija un trámite de la lista.")]
    [InlineData("00000000-0000-0000-0000-000000000001", "Elija un trámite de la lista.")]
    public async Task Post_WhenProcedureMissingOrUnknown_ShowsErrorAndStoresNothing(string procedure, string message)
    {
        var (browser, _, _) = await app.SignedInProductManagerAsync();
        using var _b = browser;
        var before = await CountRowsAsync();

        using var response = await browser.SubmitAsync(Path, new Dictionary<string, string?>
        {
            ["Input.Procedure"] = procedure,
            ["Input.Month"] = Iso(Month(5)),
            ["Input.Count"] = "3",
        });

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Procedure", message);
        Assert.Equal(Iso(Month(5)), page.InputValue("Input.Month"));
        Assert.Equal("3", page.InputValue("Input.Count"));
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task Post_WhenEverythingWrong_ShowsEveryProblemInTheSummary()
    {
        var (browser, _, _) = await app.SignedInProductManagerAsync();
        using var _b = browser;

        using var response = await browser.SubmitAsync(Path, new Dictionary<string, string?>
        {
            ["Input.Procedure"] = "",
            ["Input.Month"] = "ayer",
            ["Input.Count"] = "-3",
        });

        var page = await response.ReadPageAsync();
        Assert.Equal(
            ["#Input_Count", "#Input_Month", "#Input_Procedure"],
            page.SummaryErrors.Select(e => e.Target).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Get_List_ShowsTheNewestMonthFirst()
    {
        var (browser, _, _) = await app.SignedInProductManagerAsync();
        using var _b = browser;
        var procedure = await LastProcedureAsync();
        foreach (var n in (int[])[7, 9, 6, 8])
        {
            using var saved = await browser.SubmitAsync(Path, Form(procedure.Id, Iso(Month(n)), n.ToString(CultureInfo.InvariantCulture)));
            Assert.Equal(Path, saved.Headers.Location!.PathAndQueryOf());
        }

        var page = await browser.GetPageAsync(Path);

        var ours = Rows(page).Where(r => r[1] == procedure.Name && r[2] is "6" or "7" or "8" or "9").Select(r => r[0]).ToList();
        Assert.Equal(["octubre de 2024", "septiembre de 2024", "agosto de 2024", "julio de 2024"], ours);
        var months = Rows(page).Select(r => r[0]).ToList();
        var all = await app.WithDbAsync(db => db.NonDigitalVolumes.Select(v => v.Month).ToListAsync());
        Assert.Equal(all.Count, months.Count);
        Assert.Equal(all.OrderDescending().Select(m => m.ToString("MMMM 'de' yyyy", new CultureInfo("es-GT"))), months);
    }

    private static Dictionary<string, string?> Form(Guid procedure, string month, string count) => new()
    {
        ["Input.Procedure"] = procedure.ToString(),
        ["Input.Month"] = month,
        ["Input.Count"] = count,
    };

    private Task<int> CountRowsAsync() => app.WithDbAsync(db => db.NonDigitalVolumes.CountAsync());

    private async Task<ProcedureChoice> FirstProcedureAsync() => (await ProceduresAsync())[0];

    private async Task<ProcedureChoice> LastProcedureAsync() => (await ProceduresAsync())[^1];

    private async Task<IReadOnlyList<ProcedureChoice>> ProceduresAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PerformanceInputs>().ProceduresAsync();
    }
}
