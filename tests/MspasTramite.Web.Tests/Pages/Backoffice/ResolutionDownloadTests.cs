using System.Net;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Review;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Backoffice;

[Collection(SqliteApp.Name)]
public sealed class ResolutionDownloadTests_Sqlite(SqliteAppFactory app) : ResolutionDownloadTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class ResolutionDownloadTests_Postgres(PostgresAppFactory app) : ResolutionDownloadTests<PostgresAppFactory>(app);

/// /backoffice/expedientes/{id}/resolucion: analysts and heads download any file's resolution.
public abstract class ResolutionDownloadTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Theory]
    [InlineData(Roles.Analista, ResolutionKind.Licence)]
    [InlineData(Roles.Jefe, ResolutionKind.Licence)]
    [InlineData(Roles.Analista, ResolutionKind.Rejection)]
    public async Task Get_WhenBackofficeStaff_ReturnsThePdf(string role, ResolutionKind kind)
    {
        var (application, resolution) = await app.ApplicationWithResolutionAsync(kind);
        var staff = await app.CreateAccountAsync(role);
        using var browser = await app.SignedInSessionAsync(staff);

        using var response = await browser.GetAsync(Url(application));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith($"-{resolution.Number}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        Assert.Equal("%PDF-"u8.ToArray(), (await response.Content.ReadAsByteArrayAsync())[..5]);
    }

    [Fact]
    public async Task Get_WhenNoResolution_Returns404()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
        var analyst = await app.CreateAccountAsync(Roles.Analista);
        using var browser = await app.SignedInSessionAsync(analyst);

        using var response = await browser.GetAsync(Url(application));

        await PageAssert.IsNotFoundAsync(response);
    }

    [Fact]
    public async Task Get_WhenUnknownApplication_Returns404()
    {
        var analyst = await app.CreateAccountAsync(Roles.Analista);
        using var browser = await app.SignedInSessionAsync(analyst);

        using var response = await browser.GetAsync($"/backoffice/expedientes/{Guid.NewGuid()}/resolucion");

        await PageAssert.IsNotFoundAsync(response);
    }

    [Fact]
    public async Task Get_WhenCitizenEvenTheOwner_IsDenied()
    {
        var (application, _) = await app.ApplicationWithResolutionAsync();
        using var browser = await app.SignedInSessionAsync(application.Owner);

        using var response = await browser.GetAsync(Url(application));

        PageAssert.IsDenied(response);
    }

    [Theory]
    [InlineData(Roles.Finanzas)]
    [InlineData(Roles.AdministradorServicio)]
    public async Task Get_WhenStaffWithoutBackofficeRole_IsDenied(string role)
    {
        var (application, _) = await app.ApplicationWithResolutionAsync();
        var staff = await app.CreateAccountAsync(role);
        using var browser = await app.SignedInSessionAsync(staff);

        using var response = await browser.GetAsync(Url(application));

        PageAssert.IsDenied(response);
    }

    [Fact]
    public async Task Get_WhenAnonymous_RedirectsToSignIn()
    {
        var (application, _) = await app.ApplicationWithResolutionAsync();
        using var browser = app.CreateSession();

        using var response = await browser.GetAsync(Url(application));

        PageAssert.RedirectsToSignIn(response);
    }

    private static string Url(TestApplication application) => $"/backoffice/expedientes/{application.Id}/resolucion";
}
