using System.Net;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Backoffice;

[Collection(SqliteApp.Name)]
public sealed class DocumentTests_Sqlite(SqliteAppFactory app) : DocumentTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class DocumentTests_Postgres(PostgresAppFactory app) : DocumentTests<PostgresAppFactory>(app);

/// /backoffice/documentos/{documentId}: staff read the documents of submitted applications; a
/// draft's documents stay private to their author, and citizens have their own address.
public abstract class DocumentTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Theory]
    [InlineData(Roles.Analista)]
    [InlineData(Roles.Jefe)]
    public async Task Get_WhenStaffAndApplicationSubmitted_ServesTheFileAsAttachment(string role)
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
        var document = application.Document("croquis");
        var staff = await app.CreateAccountAsync(role);
        using var browser = await app.SignedInSessionAsync(staff);

        using var response = await browser.GetAsync($"/backoffice/documentos/{document.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(document.Size, (await response.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(document.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(document.FileName, response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?ver=1")]
    public async Task Get_WhenStoredNameHasAnotherExtension_ServesItUnderTheExtensionOfTheFile(string query)
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
        var document = application.Document("croquis");
        // A PDF whose name, stored before downloads were named for their content, says it is a program.
        await app.WithDbAsync(db => db.ApplicationDocuments.Where(d => d.Id == document.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.FileName, "Croquis planta.exe")));
        var analyst = await app.CreateAccountAsync(Roles.Analista);
        using var browser = await app.SignedInSessionAsync(analyst);

        using var response = await browser.GetAsync($"/backoffice/documentos/{document.Id}{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal(query.Length == 0 ? "attachment" : "inline", disposition?.DispositionType);
        Assert.Equal("Croquis planta.pdf", disposition?.FileNameStar ?? disposition?.FileName?.Trim('"'));
    }

    [Fact]
    public async Task Get_WhenApplicationIsDraft_Returns404()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen);
        var analyst = await app.CreateAccountAsync(Roles.Analista);
        using var browser = await app.SignedInSessionAsync(analyst);

        using var response = await browser.GetAsync($"/backoffice/documentos/{application.Document("croquis").Id}");

        await PageAssert.IsNotFoundAsync(response);
    }

    [Fact]
    public async Task Get_WhenDocumentUnknown_Returns404()
    {
        var analyst = await app.CreateAccountAsync(Roles.Analista);
        using var browser = await app.SignedInSessionAsync(analyst);

        using var response = await browser.GetAsync($"/backoffice/documentos/{Guid.NewGuid()}");

        await PageAssert.IsNotFoundAsync(response);
    }

    [Fact]
    public async Task Get_WhenCitizenEvenTheOwner_IsDenied()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await browser.GetAsync($"/backoffice/documentos/{application.Document("croquis").Id}");

        PageAssert.IsDenied(response);
    }

    [Theory]
    [InlineData(Roles.Finanzas)]
    [InlineData(Roles.AdministradorServicio)]
    public async Task Get_WhenStaffWithoutBackofficeRole_IsDenied(string role)
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
        var staff = await app.CreateAccountAsync(role);
        using var browser = await app.SignedInSessionAsync(staff);

        using var response = await browser.GetAsync($"/backoffice/documentos/{application.Document("croquis").Id}");

        PageAssert.IsDenied(response);
    }

    [Fact]
    public async Task Get_WhenAnonymous_RedirectsToSignIn()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
        using var browser = app.CreateSession();

        using var response = await browser.GetAsync($"/backoffice/documentos/{application.Document("croquis").Id}");

        PageAssert.RedirectsToSignIn(response);
    }
}
