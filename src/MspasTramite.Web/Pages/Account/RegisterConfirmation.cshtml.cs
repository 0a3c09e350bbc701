using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MspasTramite.Web.Pages.Account;

public sealed class RegisterConfirmationModel : PageModel
{
    public string? Email { get; private set; }

    public void OnGet(string? email) => Email = email;
}
