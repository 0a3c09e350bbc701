using System.Net;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Review;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Citizen.Applications;

[Collection(SqliteApp.Name)]
public sealed class ResolutionDownloadTests_Sqlite(SqliteAppFactory app) : ResolutionDownloadTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class ResolutionDownloadTests_Postgres(PostgresAppFactory app) : ResolutionDownloadTests<PostgresAppFactory>(app);

/// /mis-solicitudes/{id}/resolucion: the applicant downloads their licence or denial; nobody else can.
public abstract class ResolutionDownloadTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Theory]
    [InlineData(ResolutionKind.Licence, "licencia")]
    [InlineData(ResolutionKind.Rejection, "resolucion")]
    public async Task Get_WhenOwner_ReturnsThePdfNamedForItsNumber(ResolutionKind kind, string name)
    {
        var (application, resolution) = await app.ApplicationWithResolutionAsync(kind);
        using var browser = await app.SignedInSessionAsync(application.Owner);

        using var response = await browser.GetAsync(application.Url + "/resolucion");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{name}-{resolution.Number}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
    }

    [Fact]
    public async Task Get_WhenRevoked_TheOwnerStillGetsIt()
    {
        var (application, licence) = await app.ApplicationWithResolutionAsync();
        await app.RevokeAsync(licence.Id, "Motivo de prueba.");
        using var browser = await app.SignedInSessionAsync(application.Owner);

        using var response = await browser.GetAsync(application.Url + "/resolucion");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_WhenNoResolutionYet_Returns404()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await browser.GetAsync(application.Url + "/resolucion");

        await PageAssert.IsNotFoundAsync(response);
    }

    [Fact]
    public async Task Get_WhenAnotherCitizen_Returns404()
    {
        var (application, _) = await app.ApplicationWithResolutionAsync();
        var stranger = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = await app.SignedInSessionAsync(stranger);

        using var response = await browser.GetAsync(application.Url + "/resolucion");

        await PageAssert.IsNotFoundAsync(response);
    }

    [Fact]
    public async Task Get_WhenStaff_IsDenied()
    {
        var (application, _) = await app.ApplicationWithResolutionAsync();
        var analyst = await app.CreateAccountAsync(Roles.Analista);
        using var browser = await app.SignedInSessionAsync(analyst);

        using var response = await browser.GetAsync(application.Url + "/resolucion");

        PageAssert.IsDenied(response);
    }

    [Fact]
    public async Task Get_WhenAnonymous_RedirectsToSignIn()
    {
        var (application, _) = await app.ApplicationWithResolutionAsync();
        using var browser = app.CreateSession();

        using var response = await browser.GetAsync(application.Url + "/resolucion");

        PageAssert.RedirectsToSignIn(response);
    }
}
