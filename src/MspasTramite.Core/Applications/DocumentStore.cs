using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Data;
using MspasTramite.Core.Text;

namespace MspasTramite.Core.Applications;

public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// Per file; enforced on the request before the body is read.
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;
}

public enum UploadProblem
{
    None,
    Empty,
    TooLarge,
    NotAllowedType,

    /// The file could not be written (a full disk, a lost mount): nothing was stored, try again later.
    StorageUnavailable,
}

public sealed record StoredFile(string StoredName, string ContentType, long Size, string Sha256);

/// Uploaded documents live outside the web root under random names; what a file is, is judged by
/// its first bytes, never by its name or the Content-Type the browser sent.
public sealed class DocumentStore(IOptions<DatabaseOptions> database, IOptions<UploadOptions> uploads, ILogger<DocumentStore> logger)
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

    // Long enough for any real name; the column holds 120.
    private const int MaxNameLength = 100;

    public string Root => Path.Combine(database.Value.DataDirectory, "uploads");

    public long MaxFileBytes => uploads.Value.MaxFileBytes;

    public static string? DetectContentType(ReadOnlySpan<byte> head) =>
        head.StartsWith(Pdf) ? "application/pdf"
        : head.StartsWith(Png) ? "image/png"
        : head.StartsWith(Jpeg) ? "image/jpeg"
        : null;

    public async Task<(StoredFile? File, UploadProblem Problem)> SaveAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var head = new byte[8];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return (null, UploadProblem.Empty);
        }

        var type = DetectContentType(head.AsSpan(0, read));
        if (type is null)
        {
            return (null, UploadProblem.NotAllowedType);
        }

        var storedName = $"{Guid.NewGuid():N}{Extension(type)}";
        var folder = Path.Combine(Root, storedName[..2]);
        var path = Path.Combine(folder, storedName);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        try
        {
            Directory.CreateDirectory(folder);
            var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (fs.ConfigureAwait(false))
            {
                hash.AppendData(head, 0, read);
                await fs.WriteAsync(head.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                size += read;
                var buffer = new byte[81920];
                int n;
                while ((n = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    size += n;
                    if (size > MaxFileBytes)
                    {
                        break;
                    }

                    hash.AppendData(buffer, 0, n);
                    await fs.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full disk, a lost mount, a folder that is not one. The upload was already read into
            // the request's own buffer, so a failing read here is this machine's disk as well. The
            // person is asked to try again later; nothing half-written stays behind.
            logger.LogError(e, "An uploaded document could not be stored under {Folder}", folder);
            TryDelete(path);
            return (null, UploadProblem.StorageUnavailable);
        }

        if (size > MaxFileBytes)
        {
            File.Delete(path);
            return (null, UploadProblem.TooLarge);
        }

        return (new StoredFile(storedName, type, size, Convert.ToHexStringLower(hash.GetHashAndReset())), UploadProblem.None);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing was written, or the disk that refused the file refuses this too; either way
            // no document points at it.
        }
    }

    public Stream OpenRead(string storedName)
    {
        // Stored names are ours (a GUID and an extension); anything else is refused rather than resolved.
        if (storedName.Length < 3 || storedName.Contains('/', StringComparison.Ordinal) || storedName.Contains('\\', StringComparison.Ordinal) || storedName.Contains("..", StringComparison.Ordinal))
        {
            throw new FileNotFoundException("Invalid stored name.");
        }

        return new FileStream(Path.Combine(Root, storedName[..2], storedName), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
    }

    private static string Extension(string contentType) => contentType switch
    {
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        _ => ".jpg",
    };

    /// A file name as people may see it: no folders, nothing hidden (TypedText), no character a
    /// file system refuses, at most 100 characters with its extension kept.
    public static string SanitizeFileName(string? name)
    {
        var raw = (name ?? "").Replace('\\', '/');
        raw = TypedText.Clean(raw[(raw.LastIndexOf('/') + 1)..]);
        var sb = new StringBuilder(raw.Length);
        foreach (var ch in raw)
        {
            sb.Append(ch is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? '_' : ch);
        }

        var clean = sb.ToString().Trim().Trim('.').Trim();
        if (clean.Length == 0)
        {
            return "documento";
        }

        if (clean.Length > MaxNameLength)
        {
            var ext = Path.GetExtension(clean);
            ext = ext.Length is > 0 and <= 10 ? ext : "";
            clean = TypedText.Cut(clean, MaxNameLength - ext.Length) + ext;
        }

        return clean;
    }

    /// The name a document is shown and downloaded under: the person's name with the extension of
    /// what the file is (judged by its first bytes), so a PDF uploaded as "informe.exe" is offered
    /// as "informe.pdf" and never opens in another program. Applied again on download, it mends
    /// names stored before this rule; a name already right is kept as it is (".JPEG" stays).
    public static string FileNameFor(string? uploadedName, string contentType)
    {
        var name = SanitizeFileName(uploadedName);
        var wanted = Extension(contentType);
        var dot = name.LastIndexOf('.');
        var extension = dot > 0 ? name[dot..] : "";
        if (extension.Equals(wanted, StringComparison.OrdinalIgnoreCase)
            || (wanted == ".jpg" && extension.Equals(".jpeg", StringComparison.OrdinalIgnoreCase)))
        {
            return name;
        }

        // "Acta No. 5 del 2024" has no extension: what follows its last dot is words, not a type.
        var stem = LooksLikeExtension(extension) ? name[..dot].TrimEnd() : name;
        if (stem.EndsWith(wanted, StringComparison.OrdinalIgnoreCase))
        {
            return stem; // "plano.pdf.exe"
        }

        return TypedText.Cut(stem, MaxNameLength - wanted.Length) + wanted;
    }

    private static bool LooksLikeExtension(string extension) =>
        extension.Length is >= 2 and <= 11
        && extension.Skip(1).All(char.IsAsciiLetterOrDigit)
        && extension.Skip(1).Any(char.IsAsciiLetter);
}
