using MspasTramite.Core.Applications;
using MspasTramite.Core.Pdf;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Core.Payments;

/// The receipt as a PDF, with a QR code that opens its public verification page.
public static class ReceiptPdf
{
    public static byte[] Build(Receipt receipt, Application application, string holderName, string verifyUrl)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(application);
        using var pdf = new PdfDocumentWriter($"Comprobante de pago {receipt.Number}");
        pdf.Header(PdfDocumentWriter.Ministry, "Comprobante de pago en línea");
        pdf.Title($"Comprobante de pago {receipt.Number}");
        pdf.Field("Número", receipt.Number);
        pdf.Field("Fecha de pago", GuatemalaTime.Format(receipt.IssuedAt) + " (hora de Guatemala)");
        pdf.Field("Monto", $"{Fees.Format(receipt.Amount)} (GTQ)");
        pdf.Field("Concepto", $"Arancel: {application.ProcedureVersion.Name}");
        pdf.Field("Expediente", application.FileNumber);
        pdf.Field("Pagado por", holderName);
        if (application.CompanyName is not null)
        {
            pdf.Field("Empresa", $"{application.CompanyName} (NIT {application.CompanyNit})");
        }

        pdf.Verification("Escanee el código o abra la dirección para comprobar que este comprobante es auténtico:", verifyUrl, receipt.VerificationCode);
        pdf.Paragraph("Pago electrónico del arancel conforme al Decreto 5-2021. Sustituye la boleta de depósito y el recibo en ventanilla.", isSmall: true);
        return pdf.ToArray();
    }
}
