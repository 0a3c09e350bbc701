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

    /// The last authenticator time step (30-second window) accepted: a code is never taken twice.
    public long? LastTotpTimeStep { get; set; }

    /// Set when an administrator disables the account: it cannot sign in, and its sessions end.
    public DateTimeOffset? DisabledAt { get; set; }

    public string? DisabledReason { get; set; }
}
