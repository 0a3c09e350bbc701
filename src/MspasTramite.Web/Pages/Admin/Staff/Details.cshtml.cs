using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Pages.MyAccount;

namespace MspasTramite.Web.Pages.Admin.Staff;

/// One staff account: its roles and state, its audit trail, and resetting its second factor (a lost
/// phone): the person must set it up again at their next sign-in, and every session of theirs ends.
public sealed class DetailsModel(
    AppDbContext db,
    UserManager<ApplicationUser> users,
    AccountAudit audit,
    AccountSessions sessions,
    TimeProvider timeProvider,
    IStringLocalizer<SharedResource> l,
    ILogger<DetailsModel> logger) : PageModel
{
    [BindProperty]
    public ResetInput Input { get; set; } = new();

    [BindProperty]
    public RolesInput RolesForm { get; set; } = new();

    [BindProperty]
    public ReasonInput StateForm { get; set; } = new();

    /// An administrator changes neither their own roles nor their own state: the service always keeps
    /// the administrator who is acting, and nobody removes their own access by mistake.
    public bool IsSelf { get; private set; }

    public ApplicationUser Staff { get; private set; } = default!;

    public IReadOnlyList<string> StaffRoles { get; private set; } = [];

    public sealed record AuditRow(DateTimeOffset At, AccountAuditAction Action, string Actor, string? Detail);

    public IReadOnlyList<AuditRow> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string staffId) =>
        await LoadAsync(staffId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostResetTwoFactorAsync(string staffId)
    {
        if (!await LoadAsync(staffId))
        {
            return NotFound();
        }

        ValidateOnly(nameof(Input));
        if (!Staff.TwoFactorEnabled)
        {
            ModelState.AddModelError(string.Empty, l["Esta cuenta no tiene la verificación en dos pasos activada."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var adminId = users.GetUserId(User);
        await db.InTransactionAsync(async transaction =>
        {
            await TwoFactorModel.TurnOffAsync(users, Staff);
            audit.Add(Staff.Id, adminId, AccountAuditAction.TwoFactorReset, Input.Reason.Trim());
            await db.SaveChangesAsync();
            await sessions.EndAllAsync(Staff.Id);
            await transaction.CommitAsync();
            return true;
        });
        logger.LogInformation("Two-factor of staff {UserId} reset by {AdminId}", Staff.Id, adminId);
        TempData["Notice"] = l["Restableció la verificación en dos pasos de {0}. Deberá configurarla de nuevo al ingresar.", Staff.FullName].Value;
        return Redirect($"/admin/personal/{Staff.Id}");
    }

    /// New roles take effect at once: every session of the person ends, so no page stays open with the
    /// roles they had (ASVS 7.4.x); they sign in again with the new ones.
    public async Task<IActionResult> OnPostRolesAsync(string staffId)
    {
        if (!await LoadAsync(staffId))
        {
            return NotFound();
        }

        ValidateOnly(nameof(RolesForm));
        var chosen = RolesForm.Roles.Where(r => Roles.Staff.Contains(r)).Distinct().ToList();
        if (chosen.Count == 0)
        {
            ModelState.AddModelError("RolesForm.Roles", l["Elija al menos un rol."]);
        }

        if (IsSelf)
        {
            ModelState.AddModelError(string.Empty, l["No puede cambiar sus propios roles; pídalo a otra persona administradora."]);
        }

        if (!ModelState.IsValid)
        {
            RolesForm.Roles = chosen;
            return Page();
        }

        if (chosen.Order().SequenceEqual(StaffRoles.Order()))
        {
            TempData["Notice"] = l["Los roles no cambiaron."].Value;
            return Redirect($"/admin/personal/{Staff.Id}");
        }

        var adminId = users.GetUserId(User);
        var before = string.Join(", ", StaffRoles.Select(r => l[Roles.DisplayName(r)].Value));
        var after = string.Join(", ", chosen.Select(r => l[Roles.DisplayName(r)].Value));
        await db.InTransactionAsync(async transaction =>
        {
            await users.RemoveFromRolesAsync(Staff, StaffRoles.Except(chosen));
            await users.AddToRolesAsync(Staff, chosen.Except(StaffRoles));
            await users.UpdateSecurityStampAsync(Staff);
            audit.Add(Staff.Id, adminId, AccountAuditAction.RolesChanged, TypedDetail(l["{0} → {1}. Motivo: {2}", before, after, RolesForm.Reason.Trim()].Value));
            await db.SaveChangesAsync();
            await sessions.EndAllAsync(Staff.Id);
            await transaction.CommitAsync();
            return true;
        });
        logger.LogInformation("Roles of staff {UserId} changed by {AdminId}", Staff.Id, adminId);
        TempData["Notice"] = l["Cambió los roles de {0}. Sus sesiones se cerraron; ingresará con los nuevos roles.", Staff.FullName].Value;
        return Redirect($"/admin/personal/{Staff.Id}");
    }

    /// A disabled account cannot sign in (the sign-in page answers as for a wrong password) and every
    /// session of it ends at once.
    public Task<IActionResult> OnPostDisableAsync(string staffId) => ChangeStateAsync(staffId, disable: true);

    public Task<IActionResult> OnPostEnableAsync(string staffId) => ChangeStateAsync(staffId, disable: false);

    private async Task<IActionResult> ChangeStateAsync(string staffId, bool disable)
    {
        if (!await LoadAsync(staffId))
        {
            return NotFound();
        }

        ValidateOnly(nameof(StateForm));
        if (IsSelf)
        {
            ModelState.AddModelError(string.Empty, l["No puede desactivar su propia cuenta."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (disable == (Staff.DisabledAt is not null))
        {
            return Redirect($"/admin/personal/{Staff.Id}");
        }

        var adminId = users.GetUserId(User);
        var reason = StateForm.Reason.Trim();
        await db.InTransactionAsync(async transaction =>
        {
            Staff.DisabledAt = disable ? timeProvider.GetUtcNow() : null;
            Staff.DisabledReason = disable ? reason : null;
            await users.UpdateSecurityStampAsync(Staff);
            audit.Add(Staff.Id, adminId, disable ? AccountAuditAction.Disabled : AccountAuditAction.Enabled, reason);
            await db.SaveChangesAsync();
            await sessions.EndAllAsync(Staff.Id);
            await transaction.CommitAsync();
            return true;
        });
        logger.LogInformation("Staff {UserId} {Change} by {AdminId}", Staff.Id, disable ? "disabled" : "enabled", adminId);
        TempData["Notice"] = disable
            ? l["Desactivó la cuenta de {0}. Sus sesiones se cerraron y no podrá ingresar.", Staff.FullName].Value
            : l["Reactivó la cuenta de {0}.", Staff.FullName].Value;
        return Redirect($"/admin/personal/{Staff.Id}");
    }

    /// Only the posted form's fields count: the page has one form per action.
    private void ValidateOnly(string prefix)
    {
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(prefix + ".", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }
    }

    private static string TypedDetail(string detail) => MspasTramite.Core.Text.TypedText.Cut(detail, AccountAuditEntry.MaxReasonLength);

    private async Task<bool> LoadAsync(string staffId)
    {
        if (await db.Users.SingleOrDefaultAsync(u => u.Id == staffId && u.IsStaff) is not { } staff)
        {
            return false;
        }

        Staff = staff;
        StaffRoles = [.. await users.GetRolesAsync(staff)];
        IsSelf = staff.Id == users.GetUserId(User);
        if (HttpMethods.IsGet(Request.Method))
        {
            RolesForm.Roles = [.. StaffRoles];
        }

        var entries = await audit.ListAsync(staff.Id);
        var actorIds = entries.Select(e => e.ActorId).OfType<string>().Distinct().ToList();
        var actors = await db.Users.Where(u => actorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName);
        History = [.. entries.Select(e => new AuditRow(e.At, e.Action,
            e.ActorId is null ? l["El sistema"] : actors.GetValueOrDefault(e.ActorId, e.ActorId), e.Detail))];
        return true;
    }

    /// The Spanish name of each audited action (a key of the shared resource files).
    public static string ActionName(AccountAuditAction action) => action switch
    {
        AccountAuditAction.StaffCreated => "Cuenta creada",
        AccountAuditAction.RolesChanged => "Roles cambiados",
        AccountAuditAction.Disabled => "Cuenta desactivada",
        AccountAuditAction.Enabled => "Cuenta reactivada",
        AccountAuditAction.TwoFactorEnabled => "Verificación en dos pasos activada",
        AccountAuditAction.TwoFactorDisabled => "Verificación en dos pasos desactivada",
        AccountAuditAction.TwoFactorReset => "Verificación en dos pasos restablecida",
        AccountAuditAction.RecoveryCodesRenewed => "Códigos de recuperación renovados",
        AccountAuditAction.RecoveryCodeUsed => "Código de recuperación usado",
        AccountAuditAction.PasswordChanged => "Contraseña cambiada",
        AccountAuditAction.PasswordReset => "Contraseña restablecida",
        AccountAuditAction.SessionsEnded => "Otras sesiones cerradas",
        AccountAuditAction.AllSessionsEnded => "Todas las sesiones cerradas",
        _ => action.ToString(),
    };

    public sealed class RolesInput
    {
        public List<string> Roles { get; set; } = [];

        [Required(ErrorMessage = "Escriba el motivo.")]
        [StringLength(AccountAuditEntry.MaxReasonLength / 2, ErrorMessage = "El motivo puede tener como máximo {1} caracteres.")]
        [DataType(DataType.MultilineText)]
        public string Reason { get; set; } = "";
    }

    public sealed class ReasonInput
    {
        [Required(ErrorMessage = "Escriba el motivo.")]
        [StringLength(AccountAuditEntry.MaxReasonLength, ErrorMessage = "El motivo puede tener como máximo {1} caracteres.")]
        [DataType(DataType.MultilineText)]
        public string Reason { get; set; } = "";
    }

    public sealed class ResetInput
    {
        [Required(ErrorMessage = "Escriba el motivo.")]
        [StringLength(AccountAuditEntry.MaxReasonLength, ErrorMessage = "El motivo puede tener como máximo {1} caracteres.")]
        [DataType(DataType.MultilineText)]
        public string Reason { get; set; } = "";
    }
}
