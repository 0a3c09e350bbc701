using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MspasTramite.Core;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Payments;

namespace MspasTramite.Web.Pages.Citizen.Applications;

public sealed class ReceiptDownloadModel(ApplicationService applications, UserManager<ApplicationUser> users, PublicAddress address, AppDbContext db, IStringLocalizer<SharedResource> l)
    : ApplicationPageModel(applications, users, l)
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id, requireDraft: false) is { } result)
        {
            return result;
        }

        var receipt = await db.Receipts.AsNoTracking().Where(r => r.ApplicationId == Application.Id).OrderBy(r => r.IssuedAt).FirstOrDefaultAsync();
        if (receipt is null)
        {
            return NotFound();
        }

        var holder = (await Users.GetUserAsync(User))!.FullName;
        var pdf = ReceiptPdf.Build(receipt, Application, holder, address.Link($"/verificar/{receipt.VerificationCode}"));
        return File(pdf, "application/pdf", $"comprobante-{receipt.Number}.pdf");
    }
}
