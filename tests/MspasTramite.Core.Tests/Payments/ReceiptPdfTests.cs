using MspasTramite.Core.Applications;
using MspasTramite.Core.Payments;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Tests.TestKit;

namespace MspasTramite.Core.Tests.Payments;

/// The receipt PDF shares its verification block with the resolutions (PdfDocumentWriter.Verification).
public sealed class ReceiptPdfTests
{
    [Fact]
    public void Build_ShowsNumberAmountAndTheCodeUnderTheQrCode()
    {
        var application = new Application
        {
            FileNumber = "DRCA-2026-000001",
            ProcedureVersion = new ProcedureVersion { Name = "Licencia sanitaria de fábrica de alimentos" },
        };
        var receipt = new Receipt
        {
            Number = "MSPAS-CP-2026-000004",
            Amount = 500m,
            IssuedAt = new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero),
            VerificationCode = "ABCDEFGHJKLM",
        };

        var pdf = PdfContent.Read(ReceiptPdf.Build(receipt, application, "Ana López", "http://localhost:5080/verificar/ABCDEFGHJKLM"));

        pdf.LineOf("Comprobante de pago MSPAS-CP-2026-000004");
        pdf.LineOf("Q500.00 (GTQ)");
        var address = pdf.LineOf("http://localhost:5080/verificar/ABCDEFGHJKLM");
        Assert.True(pdf.Lines.ToList().IndexOf("ABCDEFGHJKLM") > address);
        Assert.True(pdf.Rectangles > 200, $"{pdf.Rectangles} rectangles: no QR code drawn");
    }
}
