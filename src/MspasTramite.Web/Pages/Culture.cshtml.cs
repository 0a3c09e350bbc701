using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MspasTramite.Web.Pages;

/// /idioma: the header's language link. A GET, so that no page needs a form (and an antiforgery
/// cookie) for it: the cookie it sets is a display preference, and the worst a forged link can do
/// is show someone the other language. The return address must be local (no open redirect).
[AllowAnonymous]
public sealed class CultureModel : PageModel
{
    /// The header's link to the other language, back to the page the person is reading.
    public static string SwitchUrl(string culture, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return "/idioma?culture=" + Uri.EscapeDataString(culture) + "&returnUrl=" + Uri.EscapeDataString(request.Path + request.QueryString);
    }

    public IActionResult OnGet(string? culture, string? returnUrl) => Switch(culture, returnUrl);

    // The header's earlier form, still open in browsers when this version is deployed; it keeps its
    // antiforgery check.
    public IActionResult OnPost(string? culture, string? returnUrl) => Switch(culture, returnUrl);

    private LocalRedirectResult Switch(string? culture, string? returnUrl)
    {
        if (culture is not null && WebServiceCollectionExtensions.SupportedCultures.Any(c => c.Name == culture))
        {
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = Request.IsHttps });
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
