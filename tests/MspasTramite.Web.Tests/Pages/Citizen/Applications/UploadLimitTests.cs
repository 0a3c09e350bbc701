using System.Net;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Citizen.Applications;

public sealed class UploadLimitTests_Sqlite(SqliteSmallUploadAppFactory app) : UploadLimitTests<SqliteSmallUploadAppFactory>(app);

public sealed class UploadLimitTests_Postgres(PostgresSmallUploadAppFactory app) : UploadLimitTests<PostgresSmallUploadAppFactory>(app);

/// The per-file upload limit (Uploads:MaxFileBytes, here 1 MB): an upload whose request is clearly
/// too big is turned back before its body is read (UploadLimitMiddleware, 303 to the documents page);
/// one that only turns out too big while it is read is refused by the document store. Either way
/// nothing is kept and the person reads why.
public abstract class UploadLimitTests<TFactory>(TFactory app) : IClassFixture<TFactory> where TFactory : MspasAppFactory
{
    private const int Limit = (int)SqliteSmallUploadAppFactory.MaxFileBytes;
    private const string TooLarge = "El archivo para «Croquis de ubicación y plano de distribución de la fábrica» supera el límite de 1 MB. Redúzcalo o escanéelo con menor resolución.";

    [Fact]
    public async Task Post_WhenRequestOverLimit_Answers303ToDocumentsPageWithMessageAndStoresNothing()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;
        var filesBefore = app.StoredFileCount();

        // Over the limit by more than the room left for the form's other fields.
        using var response = await browser.UploadAsync(application.Id, "croquis", TestFiles.PdfOfSize(Limit + 100_000, "plano escaneado.pdf"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Equal($"{application.Url}/documentos?problema=tamano&requisito=croquis", location);
        var page = await browser.GetPageAsync(location);
        FormAssert.HasFieldError(page, "archivo-croquis", TooLarge);
        Assert.Empty((await app.FindApplicationAsync(application.Id)).Documents);
        Assert.Equal(filesBefore, app.StoredFileCount());
    }

    [Fact]
    public async Task Post_WhenFileJustOverLimit_RefusesWithMessageAndLeavesNoFileBehind()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;
        var filesBefore = app.StoredFileCount();

        // Within the request allowance, so the store reads it and stops at the limit.
        using var response = await browser.UploadAsync(application.Id, "croquis", TestFiles.PdfOfSize(Limit + 1, "plano escaneado.pdf"));

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "archivo-croquis", TooLarge);
        Assert.Empty((await app.FindApplicationAsync(application.Id)).Documents);
        Assert.Equal(filesBefore, app.StoredFileCount());
    }

    [Fact]
    public async Task Post_WhenFileExactlyAtLimit_StoresIt()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;

        using var response = await browser.UploadAsync(application.Id, "croquis", TestFiles.PdfOfSize(Limit, "plano escaneado.pdf"));

        Assert.Equal(application.Url + "/documentos", response.RedirectPath());
        var document = Assert.Single((await app.FindApplicationAsync(application.Id)).Documents);
        Assert.Equal(Limit, document.Size);
        var page = await browser.FollowAsync(response);
        Assert.Contains("(1 MB)", page.Document.QuerySelector("#req-croquis .file-list")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("hasta 1 MB cada uno", page.Text, StringComparison.Ordinal);
    }

    private async Task<(WebSession Browser, TestApplication Application)> DraftAsync()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { FilledThrough = ApplicationStep.Professional });
        return (await app.SignedInSessionAsync(citizen), application);
    }
}
