using MspasTramite.Core.Payments;

namespace MspasTramite.Web.Pages.Finance;

public static class PaymentNames
{
    /// Spanish names (resource keys) of payment statuses.
    public static string Status(PaymentStatus status) => status switch
    {
        PaymentStatus.Created => "Iniciado",
        PaymentStatus.Open => "En la pasarela",
        PaymentStatus.Paid => "Pagado",
        PaymentStatus.Expired => "Vencido sin pago",
        PaymentStatus.Mismatch => "Monto no coincide: revisar",
        PaymentStatus.Duplicate => "Pago duplicado: reembolsar",
        _ => status.ToString(),
    };
}
