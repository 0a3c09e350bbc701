using Microsoft.AspNetCore.Identity;

namespace MspasTramite.Core.Identity;

public class ApplicationUser : IdentityUser
{
    public string FullName { get; set; } = "";

    /// Código Único de Identificación of the DPI, checked by its check digit at registration.
    public string? Cui { get; set; }

    /// NIT for company representatives (optional); stored normalised as "1234567-8".
    public string? Nit { get; set; }

    public bool IsStaff { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
