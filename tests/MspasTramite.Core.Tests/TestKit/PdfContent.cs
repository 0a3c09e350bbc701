using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;

namespace MspasTramite.Core.Tests.TestKit;

/// What a generated PDF draws, read back with PDFsharp itself: each text line (PdfDocumentWriter
/// draws one line per Tj, in reading order) and how many filled rectangles (a QR code is hundreds).
public sealed class PdfContent
{
    private PdfContent(IReadOnlyList<string> lines, int rectangles, int pages)
    {
        Lines = lines;
        Rectangles = rectangles;
        Pages = pages;
    }

    public IReadOnlyList<string> Lines { get; }
    public int Rectangles { get; }
    public int Pages { get; }

    public string Text => string.Join("\n", Lines);

    /// The index of the first line that contains the text; fails the test when there is none.
    public int LineOf(string text)
    {
        var index = Lines.ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"«{text}» is not in the PDF:\n{Text}");
        return index;
    }

    public static PdfContent Read(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        Pdf.EmbeddedFontResolver.EnsureRegistered();
        using var stream = new MemoryStream(pdf);
        using var document = PdfReader.Open(stream, PdfDocumentOpenMode.Import);
        var lines = new List<string>();
        var rectangles = 0;
        foreach (var page in document.Pages)
        {
            Walk(ContentReader.ReadContent(page), lines, ref rectangles);
        }

        return new PdfContent(lines, rectangles, document.PageCount);
    }

    private static void Walk(CSequence sequence, List<string> lines, ref int rectangles)
    {
        foreach (var item in sequence)
        {
            switch (item)
            {
                case COperator { OpCode.Name: "Tj" } show:
                    lines.Add(string.Concat(show.Operands.OfType<CString>().Select(s => s.Value)));
                    break;
                case COperator { OpCode.Name: "re" }:
                    rectangles++;
                    break;
                case CSequence inner:
                    Walk(inner, lines, ref rectangles);
                    break;
            }
        }
    }
}
