using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Data;

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
}

public sealed record StoredFile(string StoredName, string ContentType, long Size, string Sha256);

/// Uploaded documents live outside the web root under random names; what a file is, is judged by
/// its first bytes, never by its name or the Content-Type the browser sent.
public sealed class DocumentStore(IOptions<DatabaseOptions> database, IOptions<UploadOptions> uploads)
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

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
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, storedName);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
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

        if (size > MaxFileBytes)
        {
            File.Delete(path);
            return (null, UploadProblem.TooLarge);
        }

        return (new StoredFile(storedName, type, size, Convert.ToHexStringLower(hash.GetHashAndReset())), UploadProblem.None);
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

    /// A file name as people may see it: no folders, no control or direction-changing characters,
    /// at most 100 characters with its extension kept.
    public static string SanitizeFileName(string? name)
    {
        var raw = (name ?? "").Replace('\\', '/');
        raw = raw[(raw.LastIndexOf('/') + 1)..];
        var sb = new StringBuilder(raw.Length);
        foreach (var ch in raw.Normalize(NormalizationForm.FormC))
        {
            var category = char.GetUnicodeCategory(ch);
            if (char.IsControl(ch) || category is System.Globalization.UnicodeCategory.Format
                    or System.Globalization.UnicodeCategory.Surrogate or System.Globalization.UnicodeCategory.PrivateUse
                    or System.Globalization.UnicodeCategory.OtherNotAssigned)
            {
                continue; // RTL overrides (U+202E) and zero-width characters are "Format"
            }

            sb.Append(ch is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? '_' : ch);
        }

        var clean = sb.ToString().Trim().Trim('.').Trim();
        if (clean.Length == 0)
        {
            return "documento";
        }

        if (clean.Length > 100)
        {
            var ext = Path.GetExtension(clean);
            ext = ext.Length is > 0 and <= 10 ? ext : "";
            clean = clean[..(100 - ext.Length)].TrimEnd() + ext;
        }

        return clean;
    }
}
