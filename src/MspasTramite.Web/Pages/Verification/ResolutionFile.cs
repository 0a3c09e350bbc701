using Microsoft.AspNetCore.Mvc;
using MspasTramite.Core;
using MspasTramite.Core.Review;

namespace MspasTramite.Web.Pages.Verification;

/// The resolution PDF as a download, for its holder and for staff alike. Its QR code points to the
/// verification page at the public address, as receipts' do.
public static class ResolutionFile
{
    public static FileContentResult For(Resolution resolution, PublicAddress address)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        ArgumentNullException.ThrowIfNull(address);
        var verifyUrl = address.Link($"/verificar/{resolution.VerificationCode}");
        var name = resolution.Kind == ResolutionKind.Licence ? "licencia" : "resolucion";
        return new FileContentResult(ResolutionPdf.Render(resolution, verifyUrl), "application/pdf")
        {
            FileDownloadName = $"{name}-{resolution.Number}.pdf",
        };
    }
}
