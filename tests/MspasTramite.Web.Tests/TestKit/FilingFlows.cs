using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Applications;

namespace MspasTramite.Web.Tests.TestKit;

/// The filing pages as building blocks, and what the database holds about an application.
public static class FilingFlows
{
    /// The file numbers the service gives: a department, the year in Guatemala, a six-digit sequence.
    public const string FileNumberPattern = @"^(DRCPFA|DRCA|DRACES)-\d{4}-\d{6}$";

    /// A browser signed in as this account.
    public static async Task<WebSession> SignedInSessionAsync(this MspasAppFactory app, TestAccount account)
    {
        ArgumentNullException.ThrowIfNull(app);
        var browser = app.CreateSession();
        await browser.SignInSuccessfullyAsync(account.Email, account.Password);
        return browser;
    }

    public static Task<string> UserIdAsync(this MspasAppFactory app, TestAccount account)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(account);
        return app.WithDbAsync(db => db.Users.Where(u => u.Email == account.Email).Select(u => u.Id).SingleAsync());
    }

    /// How many files the document store holds, to show that a refused upload left nothing behind.
    public static int StoredFileCount(this MspasAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var root = app.Services.GetRequiredService<DocumentStore>().Root;
        return Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Count() : 0;
    }

    /// Makes the document store unwritable for real until the handle is disposed: a regular file
    /// stands where its folder is, so creating a new document's folder fails as on a full disk or a
    /// lost mount (the tests run as root, whom permissions would not stop). The documents already
    /// stored wait aside and come back.
    public static IDisposable BreakDocumentStorage(this MspasAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var root = app.Services.GetRequiredService<DocumentStore>().Root;
        var aside = $"{root}.aside-{Guid.NewGuid():N}";
        if (Directory.Exists(root))
        {
            Directory.Move(root, aside);
        }

        File.WriteAllText(root, "No es una carpeta: el almacenamiento de documentos no está disponible.");
        return new MendedStorage(root, aside);
    }

    private sealed class MendedStorage(string root, string aside) : IDisposable
    {
        public void Dispose()
        {
            File.Delete(root);
            if (Directory.Exists(aside))
            {
                Directory.Move(aside, root);
            }
        }
    }

    /// The application as stored, with its documents and history.
    public static Task<Application> FindApplicationAsync(this MspasAppFactory app, Guid id)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.WithDbAsync(db => db.Applications.AsNoTracking()
            .Include(a => a.Documents)
            .Include(a => a.Events)
            .AsSplitQuery()
            .SingleAsync(a => a.Id == id));
    }

    /// The upload form of one requirement (its action carries requisito=code, wherever in the query).
    public static string UploadForm(string requirementCode) =>
        $"main form.upload[action$='requisito={requirementCode}'], main form.upload[action*='requisito={requirementCode}&']";

    /// Points a form of the page at another address, as someone editing the page in their browser
    /// would, and returns a selector that still finds it.
    public static string AimForm(HtmlPage page, string formSelector, string action)
    {
        ArgumentNullException.ThrowIfNull(page);
        var form = page.Document.QuerySelector(formSelector)
            ?? throw new InvalidOperationException($"No form matches '{formSelector}' on {page.Url}.");
        form.SetAttribute("action", action);
        form.SetAttribute("data-aimed", "");
        return "main form[data-aimed]";
    }

    /// Opens the documents step and uploads one file for a requirement through its form.
    public static async Task<HttpResponseMessage> UploadAsync(this WebSession browser, Guid applicationId, string requirementCode, UploadFile? file)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var page = await browser.GetPageAsync($"/mis-solicitudes/{applicationId}/documentos");
        return await browser.SubmitFileAsync(page, UploadForm(requirementCode), file);
    }
}

/// The answers every filing page gives to people who may not see it.
public static class PageAssert
{
    public static async Task IsNotFoundAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var page = await response.ReadPageAsync(System.Net.HttpStatusCode.NotFound);
        Assert.Equal("Página no encontrada", page.Title);
    }

    public static void RedirectsToSignIn(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal("/cuenta/ingresar", response.RedirectPath());
        Assert.Contains("ReturnUrl=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    public static void IsDenied(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal("/cuenta/acceso-denegado", response.RedirectPath());
    }
}
