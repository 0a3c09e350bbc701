using System.Globalization;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Citizen.Applications;

// Not in the shared app's collection: a class fixture of its own is a fresh database, whose file
// number series start empty.
public sealed class FileNumberTests_Sqlite(SqliteAppFactory app) : FileNumberTests<SqliteAppFactory>(app);

public sealed class FileNumberTests_Postgres(PostgresAppFactory app) : FileNumberTests<PostgresAppFactory>(app);

/// File numbers: one series per department and year (Guatemala's year), six digits, from 000001.
public abstract class FileNumberTests<TFactory>(TFactory app) : IClassFixture<TFactory> where TFactory : MspasAppFactory
{
    [Fact]
    public async Task Post_Submissions_NumberEachDepartmentsFilesInSequenceFromOne()
    {
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(-6)).Year.ToString(CultureInfo.InvariantCulture);
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var factory = await TestData.CreateApplicationAsync(app, citizen);
        var food = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = ProcedureSlugs.ProcessedFood });
        var clinic = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = ProcedureSlugs.HealthEstablishment });
        var someoneElse = await app.CreateAccountAsync(Roles.Solicitante);
        var theirs = await TestData.CreateApplicationAsync(app, someoneElse);
        using var browser = await app.SignedInSessionAsync(citizen);
        using var theirBrowser = await app.SignedInSessionAsync(someoneElse);

        Assert.Equal($"DRCA-{year}-000001", await SubmitAsync(browser, factory));
        Assert.Equal($"DRACES-{year}-000001", await SubmitAsync(browser, clinic));
        Assert.Equal($"DRCA-{year}-000002", await SubmitAsync(browser, food));
        // One series per department, whoever files.
        Assert.Equal($"DRCA-{year}-000003", await SubmitAsync(theirBrowser, theirs));
    }

    private async Task<string?> SubmitAsync(WebSession browser, TestApplication application)
    {
        using var response = await browser.SubmitAsync(application.Url + "/revision", new Dictionary<string, string?>());
        Assert.Equal(application.Url, response.RedirectPath());
        var details = await browser.FollowAsync(response);
        var fileNumber = (await app.FindApplicationAsync(application.Id)).FileNumber;
        Assert.Equal($"Expediente {fileNumber}", details.Title);
        return fileNumber;
    }
}
