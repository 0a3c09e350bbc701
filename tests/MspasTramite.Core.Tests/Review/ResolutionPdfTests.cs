using MspasTramite.Core.Review;
using MspasTramite.Core.Tests.TestKit;

namespace MspasTramite.Core.Tests.Review;

/// The resolution PDF, read back with PDFsharp: what a holder, an inspector or a bank reads on it.
public sealed class ResolutionPdfTests
{
    private const string VerifyUrl = "https://tramites.mspas.gob.gt/verificar/K7M2Q9XW4RTA";

    [Fact]
    public void Render_Licence_ShowsWhatItAuthorisesWithValidityAndVerification()
    {
        var licence = Licence();

        var pdf = PdfContent.Read(ResolutionPdf.Render(licence, VerifyUrl));

        Assert.Equal(1, pdf.Pages);
        pdf.LineOf("Licencia sanitaria DRCA-LIC-2026-000007");
        Assert.Equal("DRCA-LIC-2026-000007", Value(pdf, "Número"));
        Assert.Equal("Alimentos del Valle, S.A.", Value(pdf, "Titular"));
        Assert.Equal("576937-K", Value(pdf, "NIT"));
        Assert.Equal("Planta La Ceiba", Value(pdf, "Establecimiento"));
        Assert.Equal("4a. avenida 5-20, zona 1, Mixco, Guatemala", Value(pdf, "Dirección"));
        Assert.Equal("Licencia sanitaria de fábrica de alimentos", Value(pdf, "Trámite"));
        Assert.Equal("DRCA-2026-000031", Value(pdf, "Expediente"));
        Assert.Equal("15/03/2026 09:30 (hora de Guatemala)", Value(pdf, "Fecha de emisión"));
        Assert.Equal("15/03/2026", Value(pdf, "Vigente desde"));
        Assert.Equal("14/03/2031", Value(pdf, "Vigente hasta"));
        Assert.Equal("Lucía Ñáñez Ortiz, Jefa de sección", Value(pdf, "Firmada por"));
        Assert.DoesNotContain("REVOCADA", pdf.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("arancel", pdf.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Licence_PrintsTheCodeUnderTheQrCodeOfTheVerifyAddress()
    {
        var pdf = PdfContent.Read(ResolutionPdf.Render(Licence(), VerifyUrl));

        var address = pdf.LineOf(VerifyUrl);
        var code = pdf.Lines.ToList().IndexOf("K7M2Q9XW4RTA");
        Assert.True(code > address, "the code, on a line of its own, comes after the address and the QR code");
        Assert.Equal("Código", pdf.Lines[code - 1]);
        // The header band is one rectangle; a QR code of that address is hundreds of modules.
        Assert.True(pdf.Rectangles > 200, $"{pdf.Rectangles} rectangles: no QR code drawn");
    }

    [Fact]
    public void Render_PersonsLicenceThatNeverExpires_ShowsCuiAndNoEndDate()
    {
        var licence = Licence();
        licence.Holder = "Ana López Pérez";
        licence.HolderId = "1580352240101";
        licence.ValidUntil = null;

        var pdf = PdfContent.Read(ResolutionPdf.Render(licence, VerifyUrl));

        Assert.Equal("Ana López Pérez", Value(pdf, "Titular"));
        Assert.Equal("1580352240101", Value(pdf, "CUI"));
        Assert.Equal("Sin vencimiento", Value(pdf, "Vigente hasta"));
    }

    [Fact]
    public void Render_Rejection_StatesTheGroundsAndThatNoFeeIsCharged()
    {
        var rejection = Licence();
        rejection.Kind = ResolutionKind.Rejection;
        rejection.Number = "DRCA-RES-2026-000002";
        rejection.ValidUntil = null;
        rejection.Grounds = "El croquis no corresponde a la planta inspeccionada.";

        var pdf = PdfContent.Read(ResolutionPdf.Render(rejection, VerifyUrl));

        pdf.LineOf("Resolución de denegatoria DRCA-RES-2026-000002");
        Assert.Equal("Alimentos del Valle, S.A.", Value(pdf, "Solicitante"));
        var heading = pdf.LineOf("Fundamentos de la denegatoria");
        Assert.Equal(rejection.Grounds, pdf.Lines[heading + 1]);
        pdf.LineOf("no se cobra ningún arancel (Decreto 5-2021, art. 12)");
        Assert.DoesNotContain("Vigente", pdf.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Licencia sanitaria DRCA", pdf.Text, StringComparison.Ordinal);
        pdf.LineOf("K7M2Q9XW4RTA");
    }

    [Fact]
    public void Render_RevokedLicence_SaysSoAtTheTop()
    {
        var licence = Licence();
        licence.RevokedAt = new DateTimeOffset(2027, 1, 10, 3, 0, 0, TimeSpan.Zero); // 9 January in Guatemala
        licence.RevocationReason = "Cierre ordenado por el área de salud.";

        var pdf = PdfContent.Read(ResolutionPdf.Render(licence, VerifyUrl));

        Assert.True(pdf.LineOf("LICENCIA REVOCADA el 09/01/2027") < pdf.LineOf("Número"));
        Assert.DoesNotContain(licence.RevocationReason, pdf.Text, StringComparison.Ordinal);
    }

    private static string Value(PdfContent pdf, string label)
    {
        // A field is its label line followed by its value line(s).
        var index = pdf.Lines.ToList().IndexOf(label);
        Assert.True(index >= 0, $"No field «{label}» in the PDF:\n{pdf.Text}");
        return pdf.Lines[index + 1];
    }

    private static Resolution Licence() => new()
    {
        Id = Guid.NewGuid(),
        ApplicationId = Guid.NewGuid(),
        Kind = ResolutionKind.Licence,
        Number = "DRCA-LIC-2026-000007",
        VerificationCode = "K7M2Q9XW4RTA",
        IssuedAt = new DateTimeOffset(2026, 3, 15, 15, 30, 0, TimeSpan.Zero),
        IssuedById = "jefe",
        SignedBy = "Lucía Ñáñez Ortiz, Jefa de sección",
        Holder = "Alimentos del Valle, S.A.",
        HolderId = "576937-K",
        Establishment = "Planta La Ceiba",
        EstablishmentAddress = "4a. avenida 5-20, zona 1, Mixco, Guatemala",
        Procedure = "Licencia sanitaria de fábrica de alimentos",
        FileNumber = "DRCA-2026-000031",
        ValidFrom = new DateOnly(2026, 3, 15),
        ValidUntil = new DateOnly(2031, 3, 14),
    };
}
