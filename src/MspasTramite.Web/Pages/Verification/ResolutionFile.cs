using Microsoft.AspNetCore.Mvc;
using MspasTramite.Core.Payments;
using MspasTramite.Core.Review;

namespace MspasTramite.Web.Pages.Verification;

/// The resolution PDF as a download, for its holder and for staff alike. Its QR code points where
/// receipts' do: the public address when one is configured (Payments:PublicBaseUrl), else this request's.
public static class ResolutionFile
{
    public static FileContentResult For(Resolution resolution, PaymentService payments, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        ArgumentNullException.ThrowIfNull(payments);
        ArgumentNullException.ThrowIfNull(request);
        var verifyUrl = payments.Link($"{request.Scheme}://{request.Host}", $"/verificar/{resolution.VerificationCode}");
        var name = resolution.Kind == ResolutionKind.Licence ? "licencia" : "resolucion";
        return new FileContentResult(ResolutionPdf.Render(resolution, verifyUrl), "application/pdf")
        {
            FileDownloadName = $"{name}-{resolution.Number}.pdf",
        };
    }
}
