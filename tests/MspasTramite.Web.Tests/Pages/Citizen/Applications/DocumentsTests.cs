using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Citizen.Applications;

[Collection(SqliteApp.Name)]
public sealed class DocumentsTests_Sqlite(SqliteAppFactory app) : DocumentsTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class DocumentsTests_Postgres(PostgresAppFactory app) : DocumentsTests<PostgresAppFactory>(app);

/// /mis-solicitudes/{id}/documentos: one upload form per requirement. What a file is comes from its
/// first bytes, never from its name or the type the browser claims; names are cleaned before anyone
/// sees them; documents of the person's earlier submitted applications can be reused.
public abstract class DocumentsTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    private const string Croquis = "croquis";
    private const string CroquisName = "Croquis de ubicación y plano de distribución de la fábrica";
    private const string Deed = "escritura-constitucion";

    [Fact]
    public async Task Get_ListsRequirementsAndTakesDpiFromTheAccountCui()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;

        var page = await browser.GetPageAsync(application.Url + "/documentos");

        Assert.Equal("Documentos", page.Title);
        Assert.Equal(["formulario-drca-004", "dpi", "resolucion-marn", Croquis, "listado-productos"],
            page.Document.QuerySelectorAll("section.requirement").Select(s => s.Id!["req-".Length..]));
        var dpi = page.Document.GetElementById("req-dpi")!;
        Assert.Contains("Se verifica con su CUI registrado", dpi.TextContent, StringComparison.Ordinal);
        Assert.Null(dpi.QuerySelector("form.upload"));
        Assert.Contains("Base legal: Acuerdo Gubernativo 137-2016", page.Document.GetElementById("req-resolucion-marn")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("hasta 10 MB cada uno", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pdf", "application/pdf", "application/pdf")]
    [InlineData("png", "image/png", "image/png")]
    [InlineData("jpeg", "image/jpeg", "image/jpeg")]
    [InlineData("png", "application/octet-stream", "image/png")] // what the browser claims does not matter
    [InlineData("pdf", "text/html", "application/pdf")]
    public async Task Post_WhenPdfPngOrJpeg_StoresItWithTheTypeOfItsContent(string kind, string claimedType, string storedType)
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;
        var file = (kind switch { "png" => TestFiles.Png("Plano planta.png"), "jpeg" => TestFiles.Jpeg("Plano planta.jpg"), _ => TestFiles.Pdf("Plano planta.pdf") }) with { ContentType = claimedType };

        using var response = await browser.UploadAsync(application.Id, Croquis, file);

        Assert.Equal(application.Url + "/documentos", response.RedirectPath());
        Assert.EndsWith("#req-croquis", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var document = Assert.Single((await app.FindApplicationAsync(application.Id)).Documents);
        Assert.Equal((Croquis, file.FileName, storedType, (long)file.Content.Length), (document.RequirementCode, document.FileName, document.ContentType, document.Size));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file.Content)), document.Sha256);
        Assert.Null(document.ReusedFromId);
        var page = await browser.FollowAsync(response);
        Assert.Equal($"Documento agregado: {CroquisName}.", page.Notice);
        var link = page.Document.QuerySelector($"#req-croquis a[href='{application.Url}/documentos/{document.Id}']");
        Assert.Equal(file.FileName, link?.TextContent);
        Assert.Contains("document-added", (await app.FindApplicationAsync(application.Id)).Events.Select(e => e.Kind));
    }

    [Theory]
    [InlineData("exe")]
    [InlineData("html")]
    public async Task Post_WhenProgramOrWebPageNamedPdf_RefusesWithSpanishMessageAndStoresNothing(string kind)
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;
        using (var first = await browser.UploadAsync(application.Id, "formulario-drca-004", TestFiles.Pdf("formulario.pdf")))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        var filesBefore = app.StoredFileCount();
        var spoofed = kind == "exe" ? TestFiles.ExeAsPdf("plano.pdf") : TestFiles.HtmlAsPdf("plano.pdf");

        using var response = await browser.UploadAsync(application.Id, Croquis, spoofed);

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "archivo-croquis",
            $"El archivo para «{CroquisName}» no es un PDF, JPG ni PNG. Guárdelo en uno de esos formatos y súbalo de nuevo.");
        var saved = await app.FindApplicationAsync(application.Id);
        Assert.Equal(["formulario-drca-004"], saved.Documents.Select(d => d.RequirementCode));
        Assert.Equal(filesBefore, app.StoredFileCount());
        // What was already uploaded is still there and shown.
        Assert.Equal("formulario.pdf", page.Document.QuerySelector("#req-formulario-drca-004 .file-list a")?.TextContent);
    }

    [Fact]
    public async Task Post_WhenFileEmpty_RefusesWithSpanishMessage()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;
        var filesBefore = app.StoredFileCount();

        using var response = await browser.UploadAsync(application.Id, Croquis, TestFiles.Empty("plano.pdf"));

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "archivo-croquis", $"El archivo para «{CroquisName}» está vacío.");
        Assert.Empty((await app.FindApplicationAsync(application.Id)).Documents);
        Assert.Equal(filesBefore, app.StoredFileCount());
    }

    [Fact]
    public async Task Post_WhenStorageCannotBeWritten_AsksToTryAgainOnTheSameStepAndKeepsTheDraft()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;
        using (var first = await browser.UploadAsync(application.Id, "formulario-drca-004", TestFiles.Pdf("formulario.pdf")))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        var logged = app.Logs.Entries.Count;
        HtmlPage page;
        using (app.BreakDocumentStorage())
        {
            using var response = await browser.UploadAsync(application.Id, Croquis, TestFiles.Pdf("plano.pdf"));
            page = await response.ReadPageAsync();
        }

        Assert.Equal("Documentos", page.Title);
        FormAssert.HasFieldError(page, "archivo-croquis", "No pudimos guardar su documento; intente de nuevo en unos minutos.");
        Assert.NotNull(page.Document.QuerySelector(FilingFlows.UploadForm(Croquis)));
        var stored = await app.FindApplicationAsync(application.Id);
        Assert.Equal(ApplicationStatus.Draft, stored.Status);
        Assert.Equal(TestData.EstablishmentName, stored.EstablishmentName);
        Assert.Equal(["formulario-drca-004"], stored.Documents.Select(d => d.RequirementCode));
        var error = Assert.Single(app.Logs.Entries.Skip(logged), e => e.Level == LogLevel.Error);
        Assert.Equal(typeof(DocumentStore).FullName, error.Category);
        Assert.StartsWith("System.IO.", error.Exception, StringComparison.Ordinal); // the file system's own exception, logged whole

        // Once the storage is back, the same upload goes through and the earlier document is still there.
        using var again = await browser.UploadAsync(application.Id, Croquis, TestFiles.Pdf("plano.pdf"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(2, (await app.FindApplicationAsync(application.Id)).Documents.Count);
        using var download = await browser.GetAsync($"{application.Url}/documentos/{stored.Documents[0].Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
    }

    [Fact]
    public async Task Post_WhenNoFileChosen_AsksForOne()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;

        using var response = await browser.UploadAsync(application.Id, Croquis, file: null);

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "archivo-croquis", $"Elija un archivo para «{CroquisName}».");
        Assert.Empty((await app.FindApplicationAsync(application.Id)).Documents);
    }

    [Fact]
    public async Task Post_WhenRequirementAlreadyHasMaxFiles_RefusesAnother()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;
        for (var i = 1; i <= 2; i++)
        {
            using var uploaded = await browser.UploadAsync(application.Id, Croquis, TestFiles.Pdf($"plano-{i}.pdf"));
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        }

        // The page with the form still open, as in a second browser tab.
        var stale = await browser.GetPageAsync(application.Url + "/documentos");
        using (var third = await browser.SubmitFileAsync(stale, FilingFlows.UploadForm(Croquis), TestFiles.Pdf("plano-3.pdf")))
        {
            Assert.Equal(HttpStatusCode.Redirect, third.StatusCode);
        }

        using var response = await browser.SubmitFileAsync(stale, FilingFlows.UploadForm(Croquis), TestFiles.Pdf("plano-4.pdf"));

        var page = await response.ReadPageAsync();
        // The form is gone (the maximum is reached), so the message is in the summary at the top.
        Assert.Contains(("#archivo-croquis", $"«{CroquisName}» admite como máximo 3 archivos. Quite uno antes de subir otro."), page.SummaryErrors);
        Assert.Equal(["plano-1.pdf", "plano-2.pdf", "plano-3.pdf"],
            (await app.FindApplicationAsync(application.Id)).Documents.Select(d => d.FileName).Order(StringComparer.Ordinal));
        var fresh = await browser.GetPageAsync(application.Url + "/documentos");
        Assert.Null(fresh.Document.QuerySelector(FilingFlows.UploadForm(Croquis)));
        Assert.Contains("Ya subió el máximo de 3 archivos para este requisito.", fresh.Document.GetElementById("req-croquis")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../x.pdf", "x.pdf")]
    [InlineData(@"..\..\Windows\x.pdf", "x.pdf")]
    [InlineData("/etc/passwd", "passwd.pdf")]
    [InlineData("contrato\u202Efdp.exe", "contratofdp.pdf")] // shown right to left, it would read "contratoexe.pdf"
    [InlineData("ac\u0001ta\u0007 \u001Bfinal\u200B.pdf", "acta final.pdf")]
    [InlineData("<script>alert(1)<", "_script_alert(1)_.pdf")]
    [InlineData("...", "documento.pdf")]
    public async Task Post_WhenFileNameHostile_StoresAndShowsItSanitized(string name, string shown)
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;

        using var response = await browser.UploadAsync(application.Id, Croquis, TestFiles.Pdf(name));

        var document = Assert.Single((await app.FindApplicationAsync(application.Id)).Documents);
        Assert.Equal(shown, document.FileName);
        Assert.Equal("application/pdf", document.ContentType);
        var page = await browser.FollowAsync(response);
        Assert.Equal(shown, page.Document.QuerySelector("#req-croquis .file-list a")?.TextContent);
        Assert.DoesNotContain("\u202E", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x202E;", page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script>alert", page.Html, StringComparison.Ordinal);
        using var download = await browser.GetAsync($"{application.Url}/documentos/{document.Id}");
        Assert.Equal(shown, download.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task Post_WhenFileNameLongerThan100_KeepsItsStartAndExtension()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;
        var name = "Plano " + new string('x', 290) + ".pdf"; // 300 characters

        using var response = await browser.UploadAsync(application.Id, Croquis, TestFiles.Pdf(name));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var document = Assert.Single((await app.FindApplicationAsync(application.Id)).Documents);
        Assert.Equal(100, document.FileName.Length);
        Assert.Equal(name[..96] + ".pdf", document.FileName);
        var page = await browser.FollowAsync(response);
        Assert.Equal(document.FileName, page.Document.QuerySelector("#req-croquis .file-list a")?.TextContent);
    }

    [Theory]
    [InlineData("no-existe")]
    [InlineData("dpi")]  // checked by the account's CUI: nothing to upload
    [InlineData(Deed)]   // companies only; this application is a person's
    public async Task Post_WhenRequirementNotUploadable_Returns404(string requirement)
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;
        var page = await browser.GetPageAsync(application.Url + "/documentos");
        var form = FilingFlows.AimForm(page, FilingFlows.UploadForm(Croquis), $"{application.Url}/documentos?handler=Upload&requisito={requirement}");

        using var response = await browser.SubmitFileAsync(page, form, TestFiles.Pdf());

        await PageAssert.IsNotFoundAsync(response);
        Assert.Empty((await app.FindApplicationAsync(application.Id)).Documents);
    }

    [Fact]
    public async Task Post_Remove_TakesTheDocumentOffTheApplication()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen);
        using var browser = await app.SignedInSessionAsync(citizen);
        var croquis = application.Document(Croquis);
        var page = await browser.GetPageAsync(application.Url + "/documentos");

        using var response = await browser.SubmitAsync(page, new Dictionary<string, string?>(), $"main form[action*='handler=Remove'][action*='documento={croquis.Id}']");

        Assert.Equal(application.Url + "/documentos", response.RedirectPath());
        Assert.Equal("Documento quitado.", (await browser.FollowAsync(response)).Notice);
        var saved = await app.FindApplicationAsync(application.Id);
        Assert.DoesNotContain(croquis.Id, saved.Documents.Select(d => d.Id));
        Assert.Equal(application.Documents.Count - 1, saved.Documents.Count);
        Assert.Contains(saved.Events, e => e.Kind == "document-removed" && e.Note == croquis.FileName);
    }

    [Fact]
    public async Task Post_RemoveOfUnknownDocument_Returns404()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen);
        var other = await TestData.CreateApplicationAsync(app, citizen); // the same person's other draft
        using var browser = await app.SignedInSessionAsync(citizen);
        var page = await browser.GetPageAsync(application.Url + "/documentos");
        var form = FilingFlows.AimForm(page, $"main form[action*='documento={application.Document(Croquis).Id}']",
            $"{application.Url}/documentos?handler=Remove&documento={other.Document(Croquis).Id}");

        using var response = await browser.SubmitAsync(page, new Dictionary<string, string?>(), form);

        await PageAssert.IsNotFoundAsync(response);
        Assert.Equal(application.Documents.Count, (await app.FindApplicationAsync(application.Id)).Documents.Count);
        Assert.Equal(other.Documents.Count, (await app.FindApplicationAsync(other.Id)).Documents.Count);
    }

    [Fact]
    public async Task Get_WhenEarlierSubmittedApplicationHasReusableDocument_OffersOnlyThat()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var earlier = await TestData.CreateApplicationAsync(app, citizen, new() { Kind = ApplicantKind.Company, Submitted = true });
        await TestData.CreateApplicationAsync(app, citizen, new() { Kind = ApplicantKind.Company }); // a draft: nothing of it is offered
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Kind = ApplicantKind.Company, FilledThrough = ApplicationStep.Professional });
        using var browser = await app.SignedInSessionAsync(citizen);

        var page = await browser.GetPageAsync(application.Url + "/documentos");

        var offer = Assert.Single(page.Document.QuerySelectorAll("form.reuse"));
        Assert.Equal($"Usar «escritura-constitucion.pdf» del expediente {earlier.FileNumber}", offer.TextContent.Trim());
        Assert.Contains($"requisito={Deed}", offer.GetAttribute("action"), StringComparison.Ordinal);
        Assert.Contains($"documento={earlier.Document(Deed).Id}", offer.GetAttribute("action"), StringComparison.Ordinal);
        Assert.NotNull(offer.Closest("#req-" + Deed));
    }

    [Fact]
    public async Task Post_Reuse_AddsTheEarlierDocumentWithoutUpload()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var earlier = await TestData.CreateApplicationAsync(app, citizen, new() { Kind = ApplicantKind.Company, Submitted = true });
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = ProcedureSlugs.ProcessedFood, Kind = ApplicantKind.Company, FilledThrough = ApplicationStep.Fee });
        using var browser = await app.SignedInSessionAsync(citizen);
        var page = await browser.GetPageAsync(application.Url + "/documentos");
        var filesBefore = app.StoredFileCount();

        using var response = await browser.SubmitAsync(page, new Dictionary<string, string?>(), "main form.reuse");

        Assert.Equal(application.Url + "/documentos", response.RedirectPath());
        var source = earlier.Document(Deed);
        var reused = Assert.Single((await app.FindApplicationAsync(application.Id)).Documents);
        Assert.Equal((Deed, source.Id, source.StoredName, source.Sha256, source.FileName),
            (reused.RequirementCode, reused.ReusedFromId, reused.StoredName, reused.Sha256, reused.FileName));
        Assert.Equal(filesBefore, app.StoredFileCount());
        var after = await browser.FollowAsync(response);
        Assert.StartsWith("Documento agregado: Escritura de constitución", after.Notice, StringComparison.Ordinal);
        Assert.Empty(after.Document.QuerySelectorAll("form.reuse")); // offered once, then it is there
        Assert.Contains((await app.FindApplicationAsync(application.Id)).Events, e => e.Kind == "document-reused");
        using var original = await browser.GetAsync($"{earlier.Url}/documentos/{source.Id}");
        using var copy = await browser.GetAsync($"{application.Url}/documentos/{reused.Id}");
        Assert.Equal(await original.Content.ReadAsByteArrayAsync(), await copy.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_NeverOffersAnotherCitizensDocument()
    {
        var someoneElse = await app.CreateAccountAsync(Roles.Solicitante);
        await TestData.CreateApplicationAsync(app, someoneElse, new() { Kind = ApplicantKind.Company, Submitted = true });
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Kind = ApplicantKind.Company, FilledThrough = ApplicationStep.Professional });
        using var browser = await app.SignedInSessionAsync(citizen);

        var page = await browser.GetPageAsync(application.Url + "/documentos");

        Assert.Empty(page.Document.QuerySelectorAll("form.reuse"));
        Assert.NotNull(page.Document.QuerySelector(FilingFlows.UploadForm(Deed)));
    }

    [Fact]
    public async Task Post_ReuseOfAnotherCitizensDocument_Returns404AndAddsNothing()
    {
        var someoneElse = await app.CreateAccountAsync(Roles.Solicitante);
        var theirs = await TestData.CreateApplicationAsync(app, someoneElse, new() { Kind = ApplicantKind.Company, Submitted = true });
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Kind = ApplicantKind.Company, FilledThrough = ApplicationStep.Professional });
        using var browser = await app.SignedInSessionAsync(citizen);
        var page = await browser.GetPageAsync(application.Url + "/documentos");
        var form = FilingFlows.AimForm(page, FilingFlows.UploadForm(Deed), $"{application.Url}/documentos?handler=Reuse&requisito={Deed}&documento={theirs.Document(Deed).Id}");

        using var response = await browser.SubmitAsync(page, new Dictionary<string, string?>(), form);

        await PageAssert.IsNotFoundAsync(response);
        Assert.Empty((await app.FindApplicationAsync(application.Id)).Documents);
        var theirId = theirs.Document(Deed).Id;
        Assert.False(await app.WithDbAsync(db => db.ApplicationDocuments.AnyAsync(d => d.ReusedFromId == theirId)));
    }

    [Fact]
    public async Task Post_ReuseForRequirementThatIsNotReusable_Returns404()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var earlier = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { FilledThrough = ApplicationStep.Professional });
        using var browser = await app.SignedInSessionAsync(citizen);
        var page = await browser.GetPageAsync(application.Url + "/documentos");
        var form = FilingFlows.AimForm(page, FilingFlows.UploadForm(Croquis), $"{application.Url}/documentos?handler=Reuse&requisito={Croquis}&documento={earlier.Document(Croquis).Id}");

        using var response = await browser.SubmitAsync(page, new Dictionary<string, string?>(), form);

        await PageAssert.IsNotFoundAsync(response);
        Assert.Empty((await app.FindApplicationAsync(application.Id)).Documents);
    }

    private async Task<(WebSession Browser, TestApplication Application)> DraftAsync()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { FilledThrough = ApplicationStep.Professional });
        return (await app.SignedInSessionAsync(citizen), application);
    }
}
