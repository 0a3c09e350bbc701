using System.ComponentModel.DataAnnotations;

namespace MspasTramite.Web.Pages.Account;

public sealed class EmailOnlyInput
{
    [Required(ErrorMessage = "Escriba su correo electrónico.")]
    [EmailAddress(ErrorMessage = "Escriba un correo electrónico válido, por ejemplo nombre@ejemplo.com.")]
    [StringLength(256, ErrorMessage = "El correo puede tener como máximo {1} caracteres.")]
    public string Email { get; set; } = "";
}
