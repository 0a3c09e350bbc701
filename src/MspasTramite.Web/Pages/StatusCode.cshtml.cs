using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace MspasTramite.Web.Pages;

[IgnoreAntiforgeryToken]
public sealed class StatusCodeModel(IStringLocalizer<SharedResource> l) : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet() => Describe();

    public void OnPost() => Describe();

    private void Describe()
    {
        // Read from the address, not bound: re-executed for a refused post, the request still carries
        // that post's body, and a form the framework cannot read (a %00 in it) fails all binding.
        var code = int.TryParse(RouteData.Values["code"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 0;
        (Title, Message) = code switch
        {
            404 => (l["Página no encontrada"].Value, l["Revise la dirección. Si la copió de un correo, asegúrese de copiarla completa."].Value),
            403 => (l["Acceso denegado"].Value, l["Su cuenta no tiene permiso para ver esta página."].Value),
            400 or 415 => (l["Solicitud no válida"].Value, l["El formulario venció o no es válido. Vuelva a la página anterior, recárguela e intente de nuevo."].Value),
            _ => (l["Algo salió mal"].Value, l["Intente de nuevo en unos minutos."].Value),
        };
    }
}
