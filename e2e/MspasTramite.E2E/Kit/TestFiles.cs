using System.Globalization;
using System.Text;

namespace MspasTramite.E2E.Kit;

/// Files a journey uploads or downloads, in a folder of its own that goes away with it.
public sealed class TestFiles : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mspas-e2e-files-" + Guid.NewGuid().ToString("N"));

    public TestFiles() => Directory.CreateDirectory(Folder);

    public string PathOf(string fileName) => Path.Combine(Folder, fileName);

    /// A small but well-formed one-page PDF (catalog, page, font, content, cross-reference table), so
    /// a person who opens the uploaded copy sees the text. Text is ASCII: PDF strings are not UTF-8.
    public string Pdf(string fileName, string text)
    {
        if (text.Any(c => c > 126 || c is '(' or ')' or '\\'))
        {
            throw new ArgumentException("Keep the text printable ASCII without parentheses or backslashes.", nameof(text));
        }

        var content = $"BT /F1 14 Tf 72 720 Td ({text}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
        ];

        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            // Each entry is exactly 20 bytes, its end of line included.
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Write(fileName, Encoding.ASCII.GetBytes(pdf.ToString()));
    }

    /// The start of a Windows program (the "MZ" header and its DOS stub), whatever the name says.
    public string Executable(string fileName)
    {
        var stub = new byte[512];
        stub[0] = (byte)'M';
        stub[1] = (byte)'Z';
        stub[2] = 0x90;
        "This program cannot be run in DOS mode."u8.CopyTo(stub.AsSpan(78));
        return Write(fileName, stub);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; failing the journey over it would not be.
        }
    }

    private string Write(string fileName, byte[] bytes)
    {
        var path = PathOf(fileName);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
