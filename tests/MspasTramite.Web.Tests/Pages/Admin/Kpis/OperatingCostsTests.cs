using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Performance;
using MspasTramite.Web.Tests.TestKit;
using static MspasTramite.Web.Tests.TestKit.PerformanceInputFlows;

namespace MspasTramite.Web.Tests.Pages.Admin.Kpis;

[Collection(SqliteApp.Name)]
public sealed class OperatingCostsTests_Sqlite(SqliteAppFactory app) : OperatingCostsTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class OperatingCostsTests_Postgres(PostgresAppFactory app) : OperatingCostsTests<PostgresAppFactory>(app);

/// /admin/indicadores/costos: the product manager enters the service's operating cost per month.
/// Each test uses months of its own (Month(n)).
public abstract class OperatingCostsTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    private const string Path = Costs;

    [Fact]
    public async Task Post_WhenValid_StoresTheCostWithWhoAndWhenAndListsIt()
    {
        var (browser, account, userId) = await app.SignedInProductManagerAsync();
        using var _b = browser;
        var month = Month(0);
        var before = DateTimeOffset.UtcNow;

        using var response = await browser.SubmitAsync(Path, Form(Iso(month), "Q 125,000.50"));

        Assert.Equal(Path, response.Headers.Location!.PathAndQueryOf());
        var page = await browser.FollowAsync(response);
        Assert.Equal("Costo guardado: enero de 2024, Q125,000.50.", page.Notice);
        var stored = await app.WithDbAsync(db => db.OperatingCosts.SingleAsync(c => c.Month == month));
        Assert.Equal(125_000.50m, stored.Amount);
        Assert.Equal(userId, stored.EnteredById);
        Assert.InRange(stored.EnteredAt, before, DateTimeOffset.UtcNow);
        var row = Assert.Single(Rows(page), r => r[0] == "enero de 2024");
        Assert.Equal(("Q125,000.50", account.Email), (row[1], row[2]));
        Assert.Matches(@"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$", row[3]);
        Assert.Equal("Cambiar costo de enero de 2024", row[4]);
    }

    [Theory]
    [InlineData("10.500", 10.50)]
    [InlineData("0", 0)]
    [InlineData("100000000.00", 100_000_000)]
    [InlineData("100,000,000", 100_000_000)]
    public async Task Post_AmountsAsPeopleWriteThem_AreAccepted(string amount, double expected)
    {
        var (browser, _, _) = await app.SignedInProductManagerAsync();
        using var _b = browser;

        using var response = await browser.SubmitAsync(Path, Form(Iso(Month(1)), amount));

        Assert.Equal(Path, response.Headers.Location!.PathAndQueryOf());
        Assert.Equal((decimal)expected, await app.WithDbAsync(db => db.OperatingCosts.Where(c => c.Month == Month(1)).Select(c => c.Amount).SingleAsync()));
    }

    [Fact]
    public async Task Post_SameMonthAgain_ReplacesTheCostAndWhoEnteredIt()
    {
        var month = Month(2);
        var (first, _, _) = await app.SignedInProductManagerAsync();
        using var _f = first;
        using var saved = await first.SubmitAsync(Path, Form(Iso(month), "1000"));
        Assert.Equal(Path, saved.Headers.Location!.PathAndQueryOf());
        var (second, secondAccount, secondId) = await app.SignedInProductManagerAsync();
        using var _s = second;

        using var response = await second.SubmitAsync(Path, Form(Iso(month), "1500.25"));

        var page = await second.FollowAsync(response);
        Assert.Equal("Costo reemplazado: marzo de 2024, Q1,500.25.", page.Notice);
        var only = Assert.Single(await app.WithDbAsync(db => db.OperatingCosts.Where(c => c.Month == month).ToListAsync()));
        Assert.Equal((1500.25m, secondId), (only.Amount, only.EnteredById));
        var row = Assert.Single(Rows(page), r => r[0] == "marzo de 2024");
        Assert.Equal(("Q1,500.25", secondAccount.Email), (row[1], row[2]));
    }

    [Fact]
    public async Task Get_EditLink_FillsTheFormWithThatMonthsCost()
    {
        var (browser, _, _) = await app.SignedInProductManagerAsync();
        using var _b = browser;
        using var saved = await browser.SubmitAsync(Path, Form(Iso(Month(3)), "777.7"));
        var list = await browser.FollowAsync(saved);
        var link = list.Document.QuerySelectorAll("main table a").Single(a => a.TextContent.Trim() == "Cambiar costo de abril de 2024").GetAttribute("href")!;

        var page = await browser.GetPageAsync(link);

        Assert.Equal(Iso(Month(3)), page.InputValue("Input.Month"));
        Assert.Equal("777.70", page.InputValue("Input.Amount"));
    }

    [Theory]
    [InlineData("mayo")]
    [InlineData("2024-05")] // a month with no cost
    public async Task Get_EditLinkToNothing_Returns404(string month)
    {
        var (browser, _, _) = await app.SignedInProductManagerAsync();
        using var _b = browser;

        using var response = await browser.GetAsync(Path + "?mes=" + month);

        await PageAssert.IsNotFoundAsync(response);
    }

    [Theory]
    [InlineData("", "Escriba el mes, por ejemplo 2025-03.")]
    [InlineData("2024/05", "Escriba el mes con el formato AAAA-MM, por ejemplo 2025-03.")]
    [InlineData("2023-12", "Escriba un mes desde 2024-01: el servicio en línea empezó entonces.")]
    [InlineData("9999-01", "Escriba un mes que ya haya empezado: el último es {0}.")]
    public async Task Post_WhenMonthWrong_ShowsErrorKeepsInputAndStoresNothing(string month, string message)
    {
        var (browser, _, _) = await app.SignedInProductManagerAsync();
        using var _b = browser;
        var before = await CountRowsAsync();

        using var response = await browser.SubmitAsync(Path, Form(month, "2500.00"));

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Month", string.Format(CultureInfo.InvariantCulture, message, Iso(app.CurrentMonth())));
        Assert.Equal(month == "" ? null : month, page.InputValue("Input.Month"));
        Assert.Equal("2500.00", page.InputValue("Input.Amount"));
        Assert.Equal(before, await CountRowsAsync());
    }

    [Theory]
    [InlineData("", "Escriba el costo de operación del mes.")]
    [InlineData("Q", "Escriba el costo de operación del mes.")]
    [InlineData("-1", "El costo no puede ser negativo.")]
    [InlineData("-0.01", "El costo no puede ser negativo.")]
    [InlineData("mucho", "Escriba el costo en quetzales con punto decimal, por ejemplo 125000.50.")]
    [InlineData("12,5", "Escriba el costo en quetzales con punto decimal, por ejemplo 125000.50.")]
    [InlineData("1e5", "Escriba el costo en quetzales con punto decimal, por ejemplo 125000.50.")]
    [InlineData("12.345", "Escriba el costo con dos decimales como máximo.")]
    [InlineData("100000000.01", "Escriba un costo de Q100,000,000.00 o menos.")]
    [InlineData("99999999999999999999999999999999999999", "Escriba un costo de Q100,000,000.00 o menos.")]
    public async Task Post_WhenAmountWrong_ShowsErrorKeepsInputAndStoresNothing(string amount, string message)
    {
        var (browser, _, _) = await app.SignedInProductManagerAsync();
        using var _b = browser;
        var before = await CountRowsAsync();

        using var response = await browser.SubmitAsync(Path, Form(Iso(Month(4)), amount));

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Amount", message);
        Assert.Equal(amount == "" ? null : amount, page.InputValue("Input.Amount"));
        Assert.Equal(Iso(Month(4)), page.InputValue("Input.Month"));
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task Get_List_ShowsTheNewestMonthFirst()
    {
        var (browser, _, _) = await app.SignedInProductManagerAsync();
        using var _b = browser;
        foreach (var n in (int[])[7, 9, 6, 8])
        {
            using var saved = await browser.SubmitAsync(Path, Form(Iso(Month(n)), "100"));
            Assert.Equal(Path, saved.Headers.Location!.PathAndQueryOf());
        }

        var page = await browser.GetPageAsync(Path);

        var months = Rows(page).Select(r => r[0]).ToList();
        var all = await app.WithDbAsync(db => db.OperatingCosts.Select(c => c.Month).ToListAsync());
        Assert.Equal(all.OrderDescending().Select(m => m.ToString("MMMM 'de' yyyy", new CultureInfo("es-GT"))), months);
        Assert.Equal(["octubre de 2024", "septiembre de 2024", "agosto de 2024", "julio de 2024"], months.Where(m => m is "julio de 2024" or "agosto de 2024" or "septiembre de 2024" or "octubre de 2024"));
    }

    private static Dictionary<string, string?> Form(string month, string amount) => new()
    {
        ["Input.Month"] = month,
        ["Input.Amount"] = amount,
    };

    private Task<int> CountRowsAsync() => app.WithDbAsync(db => db.OperatingCosts.CountAsync());
}
