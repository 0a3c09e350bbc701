using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Pages.Account;

public sealed class ConfirmEmailModel(UserManager<ApplicationUser> users) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(string? userId, string? code)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(code))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var user = await users.FindByIdAsync(userId);
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            token = "";
        }

        Confirmed = user is not null && token.Length > 0 && (await users.ConfirmEmailAsync(user, token)).Succeeded;
        if (!Confirmed)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
