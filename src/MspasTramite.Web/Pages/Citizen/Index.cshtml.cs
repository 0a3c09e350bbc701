using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Pages.Citizen;

public sealed class IndexModel(UserManager<ApplicationUser> users) : PageModel
{
    public string FullName { get; private set; } = "";

    public async Task OnGetAsync() => FullName = (await users.GetUserAsync(User))?.FullName ?? "";
}
