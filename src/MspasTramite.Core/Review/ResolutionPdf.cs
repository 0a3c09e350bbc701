using MspasTramite.Core.Applications;
using MspasTramite.Core.Pdf;

namespace MspasTramite.Core.Review;

/// The resolution as a PDF: the licence, or the denial with its grounds. Drawn from the resolution
/// row alone (frozen when issued), with a QR code that opens its public verification page.
public static class ResolutionPdf
{
    public const string LicenceTitle = "Licencia sanitaria";
    public const string RejectionTitle = "Resolución de denegatoria";

    public static byte[] Render(Resolution r, string verifyUrl)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentException.ThrowIfNullOrWhiteSpace(verifyUrl);
        var licence = r.Kind == ResolutionKind.Licence;
        var title = licence ? LicenceTitle : RejectionTitle;
        using var pdf = new PdfDocumentWriter($"{title} {r.Number}");
        pdf.Header(PdfDocumentWriter.Ministry, title);
        pdf.Title($"{title} {r.Number}");
        if (r.RevokedAt is { } revokedAt)
        {
            // A copy printed today must not pass for a licence in force.
            pdf.Paragraph($"LICENCIA REVOCADA el {GuatemalaTime.FormatDate(revokedAt)}. No autoriza el funcionamiento del establecimiento.");
        }

        pdf.Field("Número", r.Number);
        pdf.Field(licence ? "Titular" : "Solicitante", r.Holder);
        if (r.HolderId is { } id)
        {
            pdf.Field(IsCui(id) ? "CUI" : "NIT", id);
        }

        pdf.Field("Establecimiento", r.Establishment);
        pdf.Field("Dirección", r.EstablishmentAddress);
        pdf.Field("Trámite", r.Procedure);
        pdf.Field("Expediente", r.FileNumber);
        pdf.Field("Fecha de emisión", GuatemalaTime.Format(r.IssuedAt) + " (hora de Guatemala)");
        if (licence)
        {
            pdf.Field("Vigente desde", GuatemalaTime.FormatDate(r.ValidFrom));
            pdf.Field("Vigente hasta", r.ValidUntil is { } until ? GuatemalaTime.FormatDate(until) : "Sin vencimiento");
        }

        if (r.Grounds is not null)
        {
            pdf.Heading(licence ? "Consideraciones" : "Fundamentos de la denegatoria");
            pdf.Paragraph(r.Grounds);
        }

        if (!licence)
        {
            pdf.Paragraph("Por esta resolución de denegatoria no se cobra ningún arancel (Decreto 5-2021, art. 12).");
        }

        pdf.Heading("Firma");
        pdf.Field("Firmada por", r.SignedBy);
        pdf.Verification($"Escanee el código o abra la dirección para comprobar que esta {(licence ? "licencia es auténtica y está vigente" : "resolución es auténtica")}:", verifyUrl, r.VerificationCode);
        pdf.Paragraph("Documento emitido electrónicamente por el Ministerio de Salud Pública y Asistencia Social conforme al Decreto 5-2021.", isSmall: true);
        return pdf.ToArray();
    }

    // A CUI is 13 digits; a NIT is stored as "1234567-8" (Identifiers/Nit.cs).
    private static bool IsCui(string id) => id.Length == 13 && id.All(char.IsAsciiDigit);
}
