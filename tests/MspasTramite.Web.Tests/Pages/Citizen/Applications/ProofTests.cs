using System.Text;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Citizen.Applications;

[Collection(SqliteApp.Name)]
public sealed class ProofTests_Sqlite(SqliteAppFactory app) : ProofTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class ProofTests_Postgres(PostgresAppFactory app) : ProofTests<PostgresAppFactory>(app);

/// /mis-solicitudes/{id}/constancia: the proof of filing, a PDF, only once there is a file number.
public abstract class ProofTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Fact]
    public async Task Get_WhenSubmitted_ReturnsPdfNamedForTheFile()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await browser.GetAsync(application.Url + "/constancia");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"constancia-{application.FileNumber}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        Assert.EndsWith("%%EOF", Encoding.ASCII.GetString(pdf).TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WhenDraft_Returns404()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen);
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await browser.GetAsync(application.Url + "/constancia");

        await PageAssert.IsNotFoundAsync(response);
    }
}
