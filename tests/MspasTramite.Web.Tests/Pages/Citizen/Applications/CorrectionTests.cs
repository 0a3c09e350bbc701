using System.Net;
using Microsoft.Extensions.Logging;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Citizen.Applications;

[Collection(SqliteApp.Name)]
public sealed class CorrectionTests_Sqlite(SqliteAppFactory app) : CorrectionTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class CorrectionTests_Postgres(PostgresAppFactory app) : CorrectionTests<PostgresAppFactory>(app);

/// /mis-solicitudes/{id}/subsanar: the replacement documents of the one correction request, as the
/// citizen uploads them (the whole journey is in Review/ReviewJourneyTests).
public abstract class CorrectionTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    private const string Item = ReviewFlows.RejectedRequirement;

    [Fact]
    public async Task Upload_WhenStorageCannotBeWritten_AsksToTryAgainOnTheSamePageAndKeepsTheFile()
    {
        var (_, file, browser, correction) = await AwaitingCorrectionAsync();
        using var citizen = browser;
        var documentsBefore = (await app.ReadFileAsync(file.Id)).Documents.Count;
        var logged = app.Logs.Entries.Count;

        HtmlPage page;
        using (app.BreakDocumentStorage())
        {
            using var response = await browser.SubmitFileAsync(correction, FilingFlows.UploadForm(Item), TestFiles.Pdf("croquis corregido.pdf"));
            page = await response.ReadPageAsync();
        }

        Assert.Equal($"Subsanar el expediente {file.FileNumber}", page.Title);
        FormAssert.HasSummaryError(page, "No pudimos guardar su documento; intente de nuevo en unos minutos.");
        Assert.Equal("No pudimos guardar su documento; intente de nuevo en unos minutos.", page.FieldError($"Item-{Item}"));
        Assert.NotNull(page.Document.QuerySelector("main form[action$='handler=Answer'] textarea[name=Answer]"));
        var stored = await app.ReadFileAsync(file.Id);
        Assert.Equal(ApplicationStatus.AwaitingCorrection, stored.Status);
        Assert.Equal(documentsBefore, stored.Documents.Count);
        var error = Assert.Single(app.Logs.Entries.Skip(logged), e => e.Level == LogLevel.Error);
        Assert.Equal(typeof(DocumentStore).FullName, error.Category);

        // Once the storage is back, the same upload goes through.
        using var again = await browser.SubmitFileAsync(page, FilingFlows.UploadForm(Item), TestFiles.Pdf("croquis corregido.pdf"));
        Assert.Equal(file.CorrectionUrl, again.RedirectPath());
        Assert.Equal(documentsBefore + 1, (await app.ReadFileAsync(file.Id)).Documents.Count);
    }

    [Fact]
    public async Task Upload_WhenNamedAsAnotherKindOfFile_IsNamedForWhatItIs()
    {
        var (analyst, file, browser, correction) = await AwaitingCorrectionAsync();
        using var citizen = browser;

        using (var uploaded = await browser.SubmitFileAsync(correction, FilingFlows.UploadForm(Item), TestFiles.Pdf("croquis corregido.exe")))
        {
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        }

        var replacement = (await app.ReadFileAsync(file.Id)).Documents.Single(d => d.RequirementCode == Item && d.SupersededById is null);
        Assert.Equal("croquis corregido.pdf", replacement.FileName);
        using var citizenDownload = await browser.GetAsync($"{file.CitizenUrl}/documentos/{replacement.Id}");
        Assert.Equal("croquis corregido.pdf", citizenDownload.Content.Headers.ContentDisposition?.FileNameStar);
        using var staff = await app.SignedInSessionAsync(analyst.Account);
        using var staffDownload = await staff.GetAsync($"/backoffice/documentos/{replacement.Id}");
        Assert.Equal("croquis corregido.pdf", staffDownload.Content.Headers.ContentDisposition?.FileNameStar);
    }

    /// A file whose site plan was rejected, and its citizen on the correction page.
    private async Task<(Person Analyst, ReviewFile File, WebSession Browser, HtmlPage Page)> AwaitingCorrectionAsync()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.AwaitingCorrectionAsync(analyst);
        var browser = await app.SignedInSessionAsync(file.Citizen.Account);
        return (analyst, file, browser, await browser.GetPageAsync(file.CorrectionUrl));
    }
}
