using System.ComponentModel.DataAnnotations;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Infrastructure;

namespace MspasTramite.Web.Pages.Account;

/// A new password typed twice: registration and reset ask for it with the same rules and words.
public abstract class NewPasswordInput
{
    [Required(ErrorMessage = "Escriba una contraseña.")]
    [StringLength(MaxLengthPasswordValidator<ApplicationUser>.MaxLength, MinimumLength = 12, ErrorMessage = "La contraseña debe tener entre {2} y {1} caracteres.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Escriba de nuevo la contraseña.")]
    [Compare(nameof(Password), ErrorMessage = "Las contraseñas no coinciden.")]
    [DataType(DataType.Password)]
    public string ConfirmPassword { get; set; } = "";
}
