using Microsoft.AspNetCore.Identity;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Pages.Account;

/// Where a person lands after signing in: the page they asked for, if it is on this site, or their
/// role's home, as the sign-in page sends them.
public static class SignInHome
{
    public static async Task<string> PathAsync(UserManager<ApplicationUser> users, ApplicationUser user, string? returnUrl, Func<string?, bool> isLocalUrl)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(isLocalUrl);
        if (isLocalUrl(returnUrl))
        {
            return returnUrl!;
        }

        var roles = await users.GetRolesAsync(user);
        return roles switch
        {
            _ when roles.Contains(Roles.Solicitante) => "/mis-solicitudes",
            _ when roles.Contains(Roles.Analista) || roles.Contains(Roles.Jefe) => "/backoffice",
            _ when roles.Contains(Roles.Finanzas) => "/finanzas",
            _ when roles.Contains(Roles.AdministradorServicio) => "/admin",
            _ => "/",
        };
    }
}
