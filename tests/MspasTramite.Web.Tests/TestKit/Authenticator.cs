using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;

namespace MspasTramite.Web.Tests.TestKit;

/// A phone's authenticator app, written from RFC 6238 and RFC 4648 apart from the app's own code so
/// that a mistake there shows here: the key from the set-up page, codes for the app's clock.
public sealed class Authenticator(string key, TimeProvider clock)
{
    public string Key { get; } = key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    public long CurrentStep => clock.GetUtcNow().ToUnixTimeSeconds() / 30;

    public string CurrentCode => CodeFor(CurrentStep);

    /// The code the app would have shown <paramref name="steps"/> periods of 30 s ago.
    public string CodeFromStepsAgo(int steps) => CodeFor(CurrentStep - steps);

    public string CodeFor(long step)
    {
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

#pragma warning disable CA5350 // RFC 6238's HMAC-SHA1, as the apps compute it
        var hash = HMACSHA1.HashData(Decode(Key), counter);
#pragma warning restore CA5350
        var at = hash[19] & 0xF;
        var number = ((hash[at] & 0x7F) << 24) | (hash[at + 1] << 16) | (hash[at + 2] << 8) | hash[at + 3];
        return (number % 1_000_000).ToString("000000", CultureInfo.InvariantCulture);
    }

    // Base32 as one big number: each letter is 5 bits, most significant first; trailing bits dropped.
    private static byte[] Decode(string base32)
    {
        var value = BigInteger.Zero;
        foreach (var c in base32.TrimEnd('='))
        {
            value = (value << 5) | "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".IndexOf(c, StringComparison.Ordinal);
        }

        var bits = base32.TrimEnd('=').Length * 5;
        value >>= bits % 8;
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var length = bits / 8;
        return bytes.Length >= length ? bytes[^length..] : [.. new byte[length - bytes.Length], .. bytes];
    }
}
