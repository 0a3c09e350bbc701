using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;

namespace MspasTramite.Core.Tests.Applications;

public sealed class DocumentStoreTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"store-{Guid.NewGuid():N}");
    private readonly DocumentStore store;

    public DocumentStoreTests() =>
        store = new DocumentStore(
            Options.Create(new DatabaseOptions { DataDirectory = folder }),
            Options.Create(new UploadOptions { MaxFileBytes = 1024 }),
            NullLogger<DocumentStore>.Instance);

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "application/pdf")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0 }, "image/jpeg")]
    public async Task Save_AcceptsPdfPngJpegByContent(byte[] content, string expectedType)
    {
        var (file, problem) = await store.SaveAsync(new MemoryStream(content), CancellationToken.None);

        Assert.Equal(UploadProblem.None, problem);
        Assert.Equal(expectedType, file!.ContentType);
        Assert.Equal(content.Length, file.Size);
        Assert.Equal(64, file.Sha256.Length);
        await using var read = store.OpenRead(file.StoredName);
        Assert.Equal(content.Length, read.Length);
    }

    [Theory]
    [InlineData("MZ\u0090\u0000executable")]
    [InlineData("<html><script>alert(1)</script></html>")]
    [InlineData("GIF89a")]
    [InlineData("PK\u0003\u0004 zip or docx")]
    public async Task Save_RefusesOtherContentWhateverItsName(string content)
    {
        var (file, problem) = await store.SaveAsync(new MemoryStream(Encoding.Latin1.GetBytes(content)), CancellationToken.None);

        Assert.Null(file);
        Assert.Equal(UploadProblem.NotAllowedType, problem);
    }

    [Fact]
    public async Task Save_RefusesEmpty()
    {
        var (_, problem) = await store.SaveAsync(new MemoryStream(), CancellationToken.None);

        Assert.Equal(UploadProblem.Empty, problem);
    }

    [Fact]
    public async Task Save_OverTheLimit_IsRefusedAndLeavesNoFile()
    {
        var big = new byte[2048];
        "%PDF-"u8.CopyTo(big);

        var (_, problem) = await store.SaveAsync(new MemoryStream(big), CancellationToken.None);

        Assert.Equal(UploadProblem.TooLarge, problem);
        Assert.Empty(Directory.Exists(store.Root) ? Directory.GetFiles(store.Root, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task Save_WhenTheFolderCannotBeWritten_ReportsItAndLeavesNoFile()
    {
        // A regular file where the store's folder should be: creating the document's folder fails
        // for real, whoever runs the test (root passes permission checks, not this).
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(store.Root, "no es una carpeta");

        var (file, problem) = await store.SaveAsync(new MemoryStream("%PDF-1.4 prueba"u8.ToArray()), CancellationToken.None);

        Assert.Null(file);
        Assert.Equal(UploadProblem.StorageUnavailable, problem);
        Assert.Equal(["uploads"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void OpenRead_RefusesPathsOutsideTheStore()
    {
        Assert.Throws<FileNotFoundException>(() => store.OpenRead("../../etc/passwd"));
        Assert.Throws<FileNotFoundException>(() => store.OpenRead("ab/cd.pdf"));
    }

    [Theory]
    [InlineData("../../x.pdf", "x.pdf")]
    [InlineData("C:\\Users\\ana\\plano.pdf", "plano.pdf")]
    [InlineData("fac\u202Efdp.exe", "facfdp.exe")]
    [InlineData("a\u0000b\u0007c.pdf", "abc.pdf")]
    [InlineData("x\u200B\uFEFF\u2066y.pdf", "xy.pdf")]
    [InlineData("Informe\tfinal.pdf", "Informe final.pdf")]
    [InlineData("  ..  ", "documento")]
    [InlineData("", "documento")]
    [InlineData(null, "documento")]
    [InlineData("<script>.pdf", "_script_.pdf")]
    [InlineData("Constancia de colegiado — María.pdf", "Constancia de colegiado — María.pdf")]
    public void SanitizeFileName_MakesNamesSafeToShow(string? name, string expected)
    {
        Assert.Equal(expected, DocumentStore.SanitizeFileName(name));
    }

    [Fact]
    public void SanitizeFileName_CutsLongNamesKeepingTheExtension()
    {
        var clean = DocumentStore.SanitizeFileName(new string('a', 300) + ".pdf");

        Assert.Equal(100, clean.Length);
        Assert.EndsWith(".pdf", clean, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x.exe", "application/pdf", "x.pdf")]
    [InlineData("plano.pdf", "application/pdf", "plano.pdf")]
    [InlineData("PLANO.PDF", "application/pdf", "PLANO.PDF")]
    [InlineData("foto.png", "image/jpeg", "foto.jpg")]
    [InlineData("foto.jpeg", "image/jpeg", "foto.jpeg")]
    [InlineData("FOTO.JPG", "image/jpeg", "FOTO.JPG")]
    [InlineData("escaneo.jpg", "image/png", "escaneo.png")]
    [InlineData("sin extension", "application/pdf", "sin extension.pdf")]
    [InlineData("Acta No. 5 del 2024", "application/pdf", "Acta No. 5 del 2024.pdf")]
    [InlineData("Constancia v1.2", "application/pdf", "Constancia v1.2.pdf")]
    [InlineData("plano.pdf.exe", "application/pdf", "plano.pdf")]
    [InlineData("fac\u202Efdp.exe", "application/pdf", "facfdp.pdf")]
    [InlineData(null, "image/png", "documento.png")]
    [InlineData("Constancia — María.html", "application/pdf", "Constancia — María.pdf")]
    public void FileNameFor_GivesTheExtensionOfWhatTheFileIs(string? name, string contentType, string expected)
    {
        Assert.Equal(expected, DocumentStore.FileNameFor(name, contentType));
        Assert.Equal(expected, DocumentStore.FileNameFor(expected, contentType));
    }

    [Fact]
    public void FileNameFor_CutsLongNamesKeepingTheRightExtension()
    {
        // The cut falls between the two halves of the emoji: both go.
        var name = DocumentStore.FileNameFor(new string('a', 95) + "\U0001F600" + "b.exe", "application/pdf");

        Assert.Equal(new string('a', 95) + ".pdf", name);
    }
}
