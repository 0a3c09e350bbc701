using System.Buffers.Binary;
using System.Security.Cryptography;

namespace MspasTramite.Core.Identity;

/// Time-based one-time passwords as every authenticator app makes them (RFC 6238 with its defaults:
/// HMAC-SHA1, 30-second steps, 6 digits) from the Base32 key the app was given.
public static class Totp
{
    public const int StepSeconds = 30;
    public const int Digits = 6;

    public static long TimeStep(DateTimeOffset at) => at.ToUnixTimeSeconds() / StepSeconds;

    public static string Code(byte[] key, long timeStep)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, timeStep);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
        // SHA-1 is what RFC 6238 and the apps use; as an HMAC it is not weakened by SHA-1's collisions.
#pragma warning disable CA5350
        HMACSHA1.HashData(key, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7FFFFFFF;
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// The six digits a person typed, with the spaces or hyphens some apps show between groups.
    public static bool TryNormalize(string? typed, out string code)
    {
        code = new string((typed ?? "").Where(c => c is not (' ' or '-' or '\u00A0')).ToArray());
        return code.Length == Digits && code.All(char.IsAsciiDigit);
    }

    /// RFC 4648 Base32 (the alphabet of authenticator keys), case-insensitive, padding and spaces ignored.
    public static byte[]? FromBase32(string? text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text ?? "")
        {
            if (c is ' ' or '=')
            {
                continue;
            }

            var value = alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return bytes.Count == 0 ? null : [.. bytes];
    }
}
