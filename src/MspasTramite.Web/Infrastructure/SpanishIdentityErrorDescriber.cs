using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace MspasTramite.Web.Infrastructure;

/// Identity's own messages, in the person's language (Spanish first).
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = l["La contraseña debe tener al menos {0} caracteres.", length] };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = l["Ya existe una cuenta con ese correo electrónico."] };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = l["Ya existe una cuenta con ese correo electrónico."] };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = l["Escriba un correo electrónico válido, por ejemplo nombre@ejemplo.com."] };

    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = l["El enlace no es válido o ya venció. Solicite uno nuevo."] };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = l["La contraseña no es correcta."] };

    public override IdentityError DefaultError() =>
        new() { Code = nameof(DefaultError), Description = l["No se pudo completar la operación. Intente de nuevo."] };
}

/// NIST 800-63B: long passphrases welcome, no composition rules, but a ceiling so hashing stays cheap.
public sealed class MaxLengthPasswordValidator<TUser>(IStringLocalizer<SharedResource> l) : IPasswordValidator<TUser>
    where TUser : class
{
    public const int MaxLength = 128;

    public Task<IdentityResult> ValidateAsync(UserManager<TUser> manager, TUser user, string? password) =>
        Task.FromResult(password is { Length: > MaxLength }
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = l["La contraseña puede tener como máximo {0} caracteres.", MaxLength] })
            : IdentityResult.Success);
}
