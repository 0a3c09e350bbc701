using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Pages.Citizen.Applications;

/// A document, to its owner only (staff have their own route); always as an attachment, and
/// nosniff is on every response, so an upload can never run as a page of this site.
public sealed class DocumentModel(ApplicationService applications, UserManager<ApplicationUser> users, DocumentStore store, IStringLocalizer<SharedResource> l)
    : ApplicationPageModel(applications, users, l)
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid documentId)
    {
        if (await LoadAsync(id, requireDraft: false) is { } result)
        {
            return result;
        }

        var document = Application.Documents.FirstOrDefault(d => d.Id == documentId);
        if (document is null)
        {
            return NotFound();
        }

        return File(store.OpenRead(document.StoredName), document.ContentType, DocumentStore.FileNameFor(document.FileName, document.ContentType));
    }
}
