using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Web;
using Microsoft.Playwright;

namespace MspasTramite.E2E.Kit;

/// What a phone's authenticator app does: reads the set-up QR code from the screen (zbar's zbarimg,
/// installed by ./test.sh) and makes the RFC 6238 code of each 30-second period from its secret.
public sealed class AuthenticatorApp
{
    private readonly byte[] secret;
    private long lastStep;

    private AuthenticatorApp(string base32Secret, string issuer)
    {
        Secret = base32Secret;
        Issuer = issuer;
        secret = FromBase32(base32Secret);
    }

    public string Secret { get; }

    public string Issuer { get; }

    /// Photographs the QR code element and reads its otpauth:// address.
    public static async Task<AuthenticatorApp> ScanAsync(ILocator qrCode)
    {
        ArgumentNullException.ThrowIfNull(qrCode);
        var file = Path.Combine(Path.GetTempPath(), $"mspas-qr-{Guid.NewGuid():N}.png");
        try
        {
            await qrCode.ScreenshotAsync(new() { Path = file });
            var uri = new Uri((await ZbarAsync(file)).Trim());
            Assert.Equal("otpauth", uri.Scheme);
            Assert.Equal("totp", uri.Host);
            var query = HttpUtility.ParseQueryString(uri.Query);
            return new AuthenticatorApp(query["secret"] ?? throw new InvalidOperationException($"No secret in {uri}"), query["issuer"] ?? "");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// The code for now, or for the next period if now's was already typed: a code is taken once.
    public string NextCode()
    {
        var step = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30, lastStep + 1);
        lastStep = step;
        var counter = new byte[8];
        for (var i = 7; i >= 0; i--, step >>= 8)
        {
            counter[i] = (byte)(step & 0xFF);
        }

#pragma warning disable CA5350 // HMAC-SHA1 is what RFC 6238 and every authenticator app use
        var mac = HMACSHA1.HashData(secret, counter);
#pragma warning restore CA5350
        var offset = mac[^1] & 0x0F;
        var value = ((mac[offset] & 0x7F) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
        return (value % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string text)
    {
        var output = new List<byte>();
        var accumulated = 0L;
        var count = 0;
        foreach (var letter in text.ToUpperInvariant().TrimEnd('='))
        {
            accumulated = (accumulated << 5) | (long)(letter >= 'A' && letter <= 'Z' ? letter - 'A' : letter - '2' + 26);
            count += 5;
            if (count >= 8)
            {
                output.Add((byte)(accumulated >> (count - 8)));
                count -= 8;
            }
        }

        return [.. output];
    }

    private static async Task<string> ZbarAsync(string image)
    {
        var start = new ProcessStartInfo("zbarimg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["--quiet", "--raw", image])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"zbarimg could not read the QR code ({process.ExitCode}): {await stderr}");
        return await stdout;
    }
}
