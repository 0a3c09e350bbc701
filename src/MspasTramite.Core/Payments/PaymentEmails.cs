using MspasTramite.Core.Applications;
using MspasTramite.Core.Notifications;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Core.Payments;

/// Payment emails, in Spanish (the language of the receipt itself), added to the caller's outbox.
internal static class PaymentEmails
{
    public static void Receipt(EmailOutbox outbox, string to, string fullName, Application application, Receipt receipt, string verifyLink, string surveyLink) =>
        Add(outbox, to, "payment.receipt", $"Pago recibido — comprobante {receipt.Number}",
        [
            $"Hola {fullName}:",
            $"Recibimos el pago de {Fees.Format(receipt.Amount)} del expediente {application.FileNumber} ({application.ProcedureVersion.Name}).",
            $"Comprobante de pago: {receipt.Number}, emitido el {GuatemalaTime.Format(receipt.IssuedAt)} (hora de Guatemala).",
            "Su expediente pasa a revisión; el plazo legal corre desde hoy. Puede descargar el comprobante en PDF desde «Mis solicitudes».",
            $"Cualquier persona puede comprobar su autenticidad en: {verifyLink}",
            $"¿Cómo fue pagar en línea? Califique el servicio del 1 al 5, en un minuto: {surveyLink}",
        ]);

    public static void Refund(EmailOutbox outbox, string to, string fullName, Application application, decimal amount, string reason) =>
        Add(outbox, to, "payment.refund", $"Reembolso del expediente {application.FileNumber}",
        [
            $"Hola {fullName}:",
            $"Se reembolsaron {Fees.Format(amount)} del pago del expediente {application.FileNumber}.",
            $"Motivo: {reason}",
            "El dinero vuelve a la tarjeta con que pagó; según su banco puede tardar de 5 a 10 días hábiles.",
        ]);

    private static void Add(EmailOutbox outbox, string to, string kind, string subject, string[] paragraphs) =>
        PlainEmail.Add(outbox, to, kind, subject, paragraphs);
}
