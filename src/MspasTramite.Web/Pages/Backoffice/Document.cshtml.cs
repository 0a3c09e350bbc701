using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;

namespace MspasTramite.Web.Pages.Backoffice;

/// Staff read every submitted application's documents; drafts stay private to their author.
public sealed class DocumentModel(AppDbContext db, DocumentStore store) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid documentId)
    {
        var document = await (
            from d in db.ApplicationDocuments
            join a in db.Applications on d.ApplicationId equals a.Id
            where d.Id == documentId && a.FileNumber != null
            select d).AsNoTracking().FirstOrDefaultAsync();
        return document is null
            ? NotFound()
            : File(store.OpenRead(document.StoredName), document.ContentType, document.FileName);
    }
}
