using System.Text;

namespace MspasTramite.Web.Tests.TestKit;

/// A file as a browser uploads it: the name and type it claims, and its bytes.
public sealed record UploadFile(string FileName, byte[] Content, string ContentType = "application/pdf");

/// Small files of each kind. Every one is unique (a random comment), so two uploads never share a hash.
public static class TestFiles
{
    public static UploadFile Pdf(string fileName = "documento.pdf") =>
        new(fileName, Encoding.ASCII.GetBytes($"%PDF-1.4\n% prueba {Guid.NewGuid():N}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"));

    public static UploadFile Png(string fileName = "plano.png") =>
        new(fileName, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Guid.NewGuid().ToByteArray()], "image/png");

    public static UploadFile Jpeg(string fileName = "foto.jpg") =>
        new(fileName, [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, .. Guid.NewGuid().ToByteArray()], "image/jpeg");

    /// A Windows program named and typed as a PDF.
    public static UploadFile ExeAsPdf(string fileName = "formulario.pdf") =>
        new(fileName, [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, .. "This program cannot be run in DOS mode.\r\n"u8, .. Guid.NewGuid().ToByteArray()]);

    /// A web page with a script, named and typed as a PDF: served back as a page, it would run on this site.
    public static UploadFile HtmlAsPdf(string fileName = "formulario.pdf") =>
        new(fileName, Encoding.UTF8.GetBytes($"<!DOCTYPE html><html><body><script>fetch('/x?c='+document.cookie)</script><!-- {Guid.NewGuid():N} --></body></html>"));

    public static UploadFile Empty(string fileName = "vacio.pdf") => new(fileName, []);

    /// A PDF of exactly <paramref name="size"/> bytes.
    public static UploadFile PdfOfSize(int size, string fileName = "grande.pdf")
    {
        var content = new byte[size];
        "%PDF-1.4\n"u8.CopyTo(content);
        Guid.NewGuid().ToByteArray().CopyTo(content, 16);
        return new(fileName, content);
    }
}
