using System.Net;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Citizen.Applications;

[Collection(SqliteApp.Name)]
public sealed class DocumentTests_Sqlite(SqliteAppFactory app) : DocumentTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class DocumentTests_Postgres(PostgresAppFactory app) : DocumentTests<PostgresAppFactory>(app);

/// /mis-solicitudes/{id}/documentos/{documentId}: a document, to its owner only, always as an
/// attachment with the type found at upload and nosniff, so it can never run as a page of this site.
public abstract class DocumentTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Theory]
    [InlineData("pdf", "application/pdf")]
    [InlineData("png", "image/png")]
    public async Task Get_WhenOwner_ServesTheFileAsAttachmentWithStoredTypeAndNosniff(string kind, string type)
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { FilledThrough = ApplicationStep.Professional });
        using var browser = await app.SignedInSessionAsync(citizen);
        var file = kind == "png" ? TestFiles.Png("Plano de planta ñ.png") : TestFiles.Pdf("Plano de planta ñ.pdf");
        using (var uploaded = await browser.UploadAsync(application.Id, "croquis", file with { ContentType = "text/html" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        }

        var document = Assert.Single((await app.FindApplicationAsync(application.Id)).Documents);

        using var response = await browser.GetAsync($"{application.Url}/documentos/{document.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(file.Content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(file.FileName, response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("pdf", "Plano.exe", "Plano.pdf")]
    [InlineData("png", "escaneo.jpg", "escaneo.png")]
    [InlineData("jpeg", "Foto del local", "Foto del local.jpg")]
    public async Task Get_WhenUploadedUnderAnotherExtension_IsNamedForWhatItIs(string kind, string uploadedAs, string expected)
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { FilledThrough = ApplicationStep.Professional });
        using var browser = await app.SignedInSessionAsync(citizen);
        var file = kind switch { "png" => TestFiles.Png(uploadedAs), "jpeg" => TestFiles.Jpeg(uploadedAs), _ => TestFiles.Pdf(uploadedAs) };
        using (var uploaded = await browser.UploadAsync(application.Id, "croquis", file))
        {
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        }

        var document = Assert.Single((await app.FindApplicationAsync(application.Id)).Documents);
        var page = await browser.GetPageAsync(application.Url + "/documentos");

        using var response = await browser.GetAsync($"{application.Url}/documentos/{document.Id}");

        Assert.Equal(expected, document.FileName);
        Assert.Equal(expected, page.Document.QuerySelector($"a[href='{application.Url}/documentos/{document.Id}']")?.TextContent);
        Assert.Equal(expected, response.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task Get_WhenStoredNameHasAnotherExtension_DownloadsUnderTheExtensionOfTheFile()
    {
        // A name stored before downloads were named for their content.
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
        var croquis = application.Document("croquis");
        await app.WithDbAsync(db => db.ApplicationDocuments.Where(d => d.Id == croquis.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.FileName, "croquis.exe")));
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await browser.GetAsync($"{application.Url}/documentos/{croquis.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("croquis.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task Get_WhenOwnerAfterSubmission_StillServesTheFile()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await browser.GetAsync($"{application.Url}/documentos/{application.Document("croquis").Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await response.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.Equal("croquis.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task Get_WhenAnotherCitizen_Returns404WithoutTheFile()
    {
        var owner = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, owner, new() { Submitted = true });
        var someoneElse = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = await app.SignedInSessionAsync(someoneElse);

        using var response = await browser.GetAsync($"{application.Url}/documentos/{application.Document("croquis").Id}");

        await PageAssert.IsNotFoundAsync(response);
        Assert.Null(response.Content.Headers.ContentDisposition);
    }

    [Fact]
    public async Task Get_WhenAnotherCitizenUsesTheirOwnApplicationInTheAddress_Returns404()
    {
        var owner = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, owner);
        var someoneElse = await app.CreateAccountAsync(Roles.Solicitante);
        var theirs = await TestData.CreateApplicationAsync(app, someoneElse);
        using var browser = await app.SignedInSessionAsync(someoneElse);

        using var response = await browser.GetAsync($"{theirs.Url}/documentos/{application.Document("croquis").Id}");

        await PageAssert.IsNotFoundAsync(response);
    }

    [Fact]
    public async Task Get_WhenDocumentOfOwnersOtherApplication_Returns404()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var first = await TestData.CreateApplicationAsync(app, citizen);
        var second = await TestData.CreateApplicationAsync(app, citizen);
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await browser.GetAsync($"{second.Url}/documentos/{first.Document("croquis").Id}");

        await PageAssert.IsNotFoundAsync(response);
    }

    [Fact]
    public async Task Get_WhenDocumentUnknown_Returns404()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen);
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await browser.GetAsync($"{application.Url}/documentos/{Guid.NewGuid()}");

        await PageAssert.IsNotFoundAsync(response);
    }

    [Fact]
    public async Task Get_WhenDocumentRemoved_Returns404()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen);
        var croquis = application.Document("croquis");
        using var browser = await app.SignedInSessionAsync(citizen);
        using (var removed = await browser.SubmitAsync(application.Url + "/documentos", new Dictionary<string, string?>(), $"main form[action*='documento={croquis.Id}']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }

        using var response = await browser.GetAsync($"{application.Url}/documentos/{croquis.Id}");

        await PageAssert.IsNotFoundAsync(response);
    }
}
