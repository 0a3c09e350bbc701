using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using MspasTramite.Core;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Notifications;

namespace MspasTramite.Web.Account;

/// The account emails. Each is added to the outbox of the caller's unit of work, never sent directly.
/// Their links are at the configured public address, never the request's Host (see PublicAddress).
public sealed class AccountEmails(EmailOutbox outbox, UserManager<ApplicationUser> users, PublicAddress address, IStringLocalizer<SharedResource> l)
{
    /// Identity's tokens travel in links Base64Url-encoded; this is their inverse (false for garbage).
    public static bool TryDecodeToken(string? code, out string token)
    {
        token = "";
        if (string.IsNullOrEmpty(code))
        {
            return false;
        }

        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
            return token.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public async Task AddConfirmationAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        ConfirmEmail(user.Email!, user.FullName, Link($"/cuenta/confirmar?userId={user.Id}&code={code}"));
    }

    public async Task AddPasswordResetAsync(ApplicationUser user) =>
        ResetPassword(user.Email!, user.FullName, await ResetLinkAsync(user));

    public async Task AddStaffInvitationAsync(ApplicationUser user, string roleName) =>
        StaffInvitation(user.Email!, user.FullName, roleName, await ResetLinkAsync(user));

    public string Link(string pathAndQuery) => address.Link(pathAndQuery);

    private async Task<string> ResetLinkAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        return Link($"/cuenta/restablecer-contrasena?email={Uri.EscapeDataString(user.Email!)}&code={code}");
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public void ConfirmEmail(string to, string fullName, string link) =>
        Add(to, "account.confirm-email", l["Confirme su correo electrónico"],
            l["Hola {0}:", fullName],
            l["Para activar su cuenta en MSPAS Trámites en línea, abra este enlace:"], link,
            l["Si usted no creó esta cuenta, ignore este mensaje."]);

    public void AlreadyRegistered(string to, string signInLink, string resetLink) =>
        Add(to, "account.already-registered", l["Ya tiene una cuenta"],
            l["Hola:"],
            l["Alguien intentó crear una cuenta con este correo, que ya está registrado. Puede ingresar aquí:"], signInLink,
            l["Si olvidó su contraseña, puede restablecerla aquí: {0}", resetLink]);

    /// To the owner of an account whose CUI someone typed in a new registration.
    public void CuiAlreadyRegistered(string to, string fullName, string signInLink, string resetLink) =>
        Add(to, "account.cui-already-registered", l["Alguien intentó registrarse con su CUI"],
            l["Hola {0}:", fullName],
            l["Alguien intentó crear una cuenta nueva con su CUI, que ya tiene una cuenta. No se creó ninguna cuenta. Si fue usted, ingrese aquí:"], signInLink,
            l["Si olvidó su contraseña, puede restablecerla aquí: {0}", resetLink]);

    /// To the address typed in a registration that could not be made (its CUI has an account with
    /// another email); it must not say whose account, nor its email.
    public void RegistrationNotCompleted(string to, string signInLink, string resetLink) =>
        Add(to, "account.registration-not-completed", l["No pudimos completar su registro"],
            l["Hola:"],
            l["No pudimos crear una cuenta con los datos que escribió. Si ya tiene una cuenta, ingrese aquí:"], signInLink,
            l["Si olvidó su contraseña, puede restablecerla aquí: {0}", resetLink]);

    public void ResetPassword(string to, string fullName, string link) =>
        Add(to, "account.reset-password", l["Restablezca su contraseña"],
            l["Hola {0}:", fullName],
            l["Para elegir una nueva contraseña, abra este enlace (vence en 24 horas):"], link,
            l["Si usted no lo pidió, ignore este mensaje: su contraseña no cambia."]);

    public void StaffInvitation(string to, string fullName, string role, string link) =>
        Add(to, "account.staff-invitation", l["Su cuenta de personal MSPAS"],
            l["Hola {0}:", fullName],
            l["Se creó su cuenta con el rol {0}. Para elegir su contraseña y activarla, abra este enlace:", role], link,
            l["Si no esperaba este mensaje, avise a la administración del servicio."]);

    /// The person hears of a password change they did not make while they can still act on it.
    public void PasswordChanged(string to, string fullName) =>
        Add(to, "account.password-changed", l["Su contraseña cambió"],
            l["Hola {0}:", fullName],
            l["La contraseña de su cuenta en MSPAS Trámites en línea cambió y se cerraron todas sus sesiones. Si no fue usted, restablézcala ahora aquí:"],
            Link("/cuenta/olvide-contrasena"),
            l["Si fue usted, no tiene que hacer nada más."]);

    public void RecoveryCodeUsed(string to, string fullName, int left) =>
        Add(to, "account.recovery-code-used", l["Se usó un código de recuperación"],
            l["Hola {0}:", fullName],
            l["Alguien ingresó a su cuenta con uno de sus códigos de recuperación (le quedan {0}). Puede ver y renovar sus códigos aquí:", left],
            Link("/cuenta/seguridad/doble-factor"),
            l["Si no fue usted, cambie su contraseña y avise a la administración del servicio."]);

    private void Add(string to, string kind, string subject, string greeting, string intro, string link, string footer)
    {
        var e = HtmlEncoder.Default;
        var text = $"{greeting}\n\n{intro}\n{link}\n\n{footer}\n\nMSPAS — Ministerio de Salud Pública y Asistencia Social\n";
        var html = $"<p>{e.Encode(greeting)}</p><p>{e.Encode(intro)}</p><p><a href=\"{e.Encode(link)}\">{e.Encode(link)}</a></p>" +
                   $"<p>{e.Encode(footer)}</p><p>MSPAS — Ministerio de Salud Pública y Asistencia Social</p>";
        outbox.Add(new EmailMessage(to, subject, text, html, kind));
    }
}
