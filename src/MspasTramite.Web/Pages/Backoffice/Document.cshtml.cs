using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;

namespace MspasTramite.Web.Pages.Backoffice;

/// Staff read every submitted application's documents; drafts stay private to their author.
/// "?ver=1" shows the file in the browser instead of downloading it, in a sandbox: the response may
/// run no script, load nothing else and not be framed (only PDF, JPEG and PNG ever get stored,
/// checked by their content, and nosniff stops the browser from guessing otherwise).
public sealed class DocumentModel(AppDbContext db, DocumentStore store) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid documentId, [FromQuery(Name = "ver")] string? view = null)
    {
        // A bool parameter would not bind "1" (only "true"/"false"), and every link says "?ver=1".
        var inline = view == "1";
        var document = await (
            from d in db.ApplicationDocuments
            join a in db.Applications on d.ApplicationId equals a.Id
            where d.Id == documentId && a.FileNumber != null
            select d).AsNoTracking().FirstOrDefaultAsync();
        if (document is null)
        {
            return NotFound();
        }

        var name = DocumentStore.FileNameFor(document.FileName, document.ContentType);
        if (!inline)
        {
            return File(store.OpenRead(document.StoredName), document.ContentType, name);
        }

        // Chromium refuses to run its PDF viewer in a sandboxed document, so a PDF gets every
        // restriction but the sandbox flag; images get the full sandbox.
        Response.Headers.ContentSecurityPolicy = document.ContentType == "application/pdf"
            ? "default-src 'none'; object-src 'self'; frame-ancestors 'self'"
            : "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
        Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { Inline = true, FileName = name }.ToString();
        return File(store.OpenRead(document.StoredName), document.ContentType);
    }
}
