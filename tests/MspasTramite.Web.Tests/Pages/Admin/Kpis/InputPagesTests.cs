using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Performance;
using MspasTramite.Web.Tests.TestKit;
using static MspasTramite.Web.Tests.TestKit.PerformanceInputFlows;

namespace MspasTramite.Web.Tests.Pages.Admin.Kpis;

[Collection(SqliteApp.Name)]
public sealed class InputPagesTests_Sqlite(SqliteAppFactory app) : InputPagesTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class InputPagesTests_Postgres(PostgresAppFactory app) : InputPagesTests<PostgresAppFactory>(app);

/// What the two input pages share: only the product manager reaches them (a wrong role's post
/// stores nothing), and saves of the same new month at once never fail on the unique index.
public abstract class InputPagesTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Theory]
    [InlineData(Volumes)]
    [InlineData(Costs)]
    public async Task Get_WhenAnonymous_RedirectsToSignIn(string path)
    {
        using var browser = app.CreateSession();

        using var response = await browser.GetAsync(path);

        PageAssert.RedirectsToSignIn(response);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(WrongRoles), MemberType = typeof(PerformanceInputFlows))]
    public async Task Post_WithoutAdminRole_IsDeniedAndStoresNothing(string path, string role)
    {
        using var browser = await app.SignedInSessionAsync(await app.CreateAccountAsync(role));
        var procedure = await app.WithDbAsync(db => db.Procedures.Select(p => p.Id).FirstAsync());
        var month = Month(30);

        using var response = await PostWithoutTheFormAsync(browser, path, new Dictionary<string, string>
        {
            ["Input.Procedure"] = procedure.ToString(),
            ["Input.Month"] = Iso(month),
            ["Input.Count"] = "5",
            ["Input.Amount"] = "5000.00",
        });

        PageAssert.IsDenied(response);
        Assert.False(await app.WithDbAsync(db => db.NonDigitalVolumes.AnyAsync(v => v.Month == month)));
        Assert.False(await app.WithDbAsync(db => db.OperatingCosts.AnyAsync(c => c.Month == month)));
    }

    [Theory]
    [InlineData(Volumes)]
    [InlineData(Costs)]
    public async Task Save_ManyAtOnceForTheSameNewMonth_AllSucceedAndOneRowRemains(string path)
    {
        var procedure = await app.WithDbAsync(db => db.Procedures.Select(p => p.Id).FirstAsync());
        var month = Month(path == Volumes ? 10 : 11);
        var userId = await app.UserIdAsync(await app.CreateAccountAsync(Roles.AdministradorServicio));
        using var start = new SemaphoreSlim(0);

        var saves = Enumerable.Range(1, 8).Select(async n =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var inputs = scope.ServiceProvider.GetRequiredService<PerformanceInputs>();
            var figure = n.ToString(CultureInfo.InvariantCulture);
            await start.WaitAsync();
            return path == Volumes
                ? await inputs.SaveNonDigitalVolumeAsync(procedure.ToString(), Iso(month), figure, userId)
                : await inputs.SaveOperatingCostAsync(Iso(month), figure, userId);
        }).ToList();
        start.Release(saves.Count);
        var results = await Task.WhenAll(saves);

        Assert.All(results, r => Assert.True(r.Saved));
        Assert.Single(results, r => r.Outcome == PerformanceInputOutcome.Created);
        var stored = path == Volumes
            ? await app.WithDbAsync(db => db.NonDigitalVolumes.Where(v => v.ProcedureId == procedure && v.Month == month).Select(v => (decimal)v.Count).ToListAsync())
            : await app.WithDbAsync(db => db.OperatingCosts.Where(c => c.Month == month).Select(c => c.Amount).ToListAsync());
        Assert.InRange(Assert.Single(stored), 1m, 8m);
    }
}
