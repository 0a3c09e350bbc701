using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using QRCoder;

namespace MspasTramite.Core.Pdf;

/// PDFsharp finds fonts through this resolver only: the DejaVu files embedded in this assembly.
public sealed class EmbeddedFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[] GetFont(string faceName)
    {
        using var stream = typeof(EmbeddedFontResolver).Assembly.GetManifestResourceStream($"MspasTramite.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"Font {faceName} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static readonly Lock Gate = new();

    /// Registers this resolver with PDFsharp once, before the first document is drawn.
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            GlobalFontSettings.FontResolver ??= new EmbeddedFontResolver();
        }
    }
}

/// A plain, accessible-looking A4 document written top to bottom, with page breaks as needed.
public sealed class PdfDocumentWriter : IDisposable
{
    public const string Ministry = "Ministerio de Salud Pública y Asistencia Social — Guatemala";
    private const double Margin = 50;
    private const double QrSize = 110;
    private readonly PdfDocument document;
    private readonly XFont body;
    private readonly XFont bold;
    private readonly XFont title;
    private readonly XFont small;
    private XGraphics gfx = null!;
    private PdfPage page = null!;
    private double y;

    public PdfDocumentWriter(string documentTitle)
    {
        // Before the document exists: its fonts are resolved through the embedded resolver.
        EmbeddedFontResolver.EnsureRegistered();
        document = new PdfDocument();
        document.Info.Title = documentTitle;
        document.Info.Author = "Ministerio de Salud Pública y Asistencia Social";
        document.Language = "es-GT";
        body = new XFont(EmbeddedFontResolver.Family, 10, XFontStyleEx.Regular);
        bold = new XFont(EmbeddedFontResolver.Family, 10, XFontStyleEx.Bold);
        title = new XFont(EmbeddedFontResolver.Family, 16, XFontStyleEx.Bold);
        small = new XFont(EmbeddedFontResolver.Family, 8, XFontStyleEx.Regular);
        NewPage();
    }

    private double Width => page.Width.Point - (2 * Margin);

    public void Header(string line1, string line2)
    {
        gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(11, 61, 145)), 0, 0, page.Width.Point, 60);
        gfx.DrawString(line1, small, XBrushes.White, new XPoint(Margin, 24));
        gfx.DrawString(line2, bold, XBrushes.White, new XPoint(Margin, 42));
        y = 90;
    }

    public void Title(string text)
    {
        Wrap(text, title, 0);
        y += 6;
    }

    public void Heading(string text)
    {
        y += 8;
        Wrap(text, bold, 0);
        gfx.DrawLine(new XPen(XColors.Gray, 0.5), Margin, y, Margin + Width, y);
        y += 6;
    }

    public void Field(string label, string? value)
    {
        EnsureSpace(14);
        gfx.DrawString(label, bold, XBrushes.Black, new XPoint(Margin, y + 10));
        var startY = y;
        Wrap(string.IsNullOrWhiteSpace(value) ? "—" : value, body, 170);
        y = Math.Max(y, startY + 14);
    }

    public void Paragraph(string text, bool isSmall = false) => Wrap(text, isSmall ? small : body, 0);

    public void Bullet(string text)
    {
        EnsureSpace(14);
        gfx.DrawString("•", body, XBrushes.Black, new XPoint(Margin + 4, y + 10));
        Wrap(text, body, 16);
    }

    /// How every issued document ends: where to check it, a QR code that opens that address, and
    /// the code printed under the QR code for a person who types it in instead.
    public void Verification(string instruction, string verifyUrl, string code)
    {
        Heading("Verificación");
        Paragraph(instruction);
        Paragraph(verifyUrl);
        using var qr = QRCodeGenerator.GenerateQrCode(verifyUrl, QRCodeGenerator.ECCLevel.M);
        // The QR code and its code stay together on one page.
        EnsureSpace(QrSize + 6 + 14);
        QrCode(qr.ModuleMatrix, QrSize);
        Field("Código", code);
    }

    /// A QR code drawn as vector squares: crisp at any zoom, and no image codec involved.
    private void QrCode(List<System.Collections.BitArray> modules, double size)
    {
        EnsureSpace(size + 6);
        var count = modules.Count;
        var cell = size / count;
        for (var row = 0; row < count; row++)
        {
            for (var col = 0; col < count; col++)
            {
                if (modules[row][col])
                {
                    gfx.DrawRectangle(XBrushes.Black, Margin + (col * cell), y + (row * cell), cell + 0.05, cell + 0.05);
                }
            }
        }

        y += size + 6;
    }

    public byte[] ToArray()
    {
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    public void Dispose()
    {
        gfx.Dispose();
        document.Dispose();
    }

    private void NewPage()
    {
        gfx?.Dispose();
        page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        gfx = XGraphics.FromPdfPage(page);
        y = Margin;
        var number = document.PageCount.ToString(CultureInfo.InvariantCulture);
        gfx.DrawString(number, small, XBrushes.Gray, new XPoint(page.Width.Point - Margin, page.Height.Point - 25));
    }

    private void EnsureSpace(double height)
    {
        if (y + height > page.Height.Point - Margin)
        {
            NewPage();
        }
    }

    /// Greedy word wrap at the given indent; long words are split.
    private void Wrap(string text, XFont font, double indent)
    {
        var lineHeight = font.Size * 1.35;
        var maxWidth = Width - indent;
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (gfx.MeasureString(candidate, font).Width <= maxWidth)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    DrawLine(line, font, indent, lineHeight);
                }

                line = word;
                while (gfx.MeasureString(line, font).Width > maxWidth && line.Length > 1)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && gfx.MeasureString(line[..cut], font).Width > maxWidth)
                    {
                        cut--;
                    }

                    DrawLine(line[..cut], font, indent, lineHeight);
                    line = line[cut..];
                }
            }

            DrawLine(line, font, indent, lineHeight);
        }
    }

    private void DrawLine(string line, XFont font, double indent, double lineHeight)
    {
        EnsureSpace(lineHeight);
        gfx.DrawString(line, font, XBrushes.Black, new XPoint(Margin + indent, y + font.Size));
        y += lineHeight;
    }
}
