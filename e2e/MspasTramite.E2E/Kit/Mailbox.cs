using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using Xunit.Sdk;

namespace MspasTramite.E2E.Kit;

/// The folder the SMTP sink (infra/test/smtp_sink.py) writes to: one .eml file per recipient, whose
/// first line is "X-Envelope-To: <rcpt>" followed by the message exactly as the app sent it.
public sealed partial class Mailbox(string directory)
{
    private const string EnvelopeHeader = "X-Envelope-To:";

    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(30);

    /// Waits for the first message delivered to this address. The app sends from its outbox right
    /// after the commit, so it takes seconds; the timeout covers a slow machine.
    public Task<MimeMessage> WaitForMessageToAsync(string recipient, TimeSpan? timeout = null) =>
        WaitForMessageToAsync(recipient, subjectStartsWith: "", timeout);

    /// Waits for the first message to this address whose subject starts so: an account receives
    /// several emails over a journey (confirmation, receipt, refund).
    public async Task<MimeMessage> WaitForMessageToAsync(string recipient, string subjectStartsWith, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(subjectStartsWith);
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            // File names start with the arrival time in nanoseconds, so this is arrival order.
            foreach (var file in Directory.EnumerateFiles(directory, "*.eml").Order(StringComparer.Ordinal))
            {
                var message = await TryReadAsync(file, recipient);
                if (message is not null && (message.Subject ?? "").StartsWith(subjectStartsWith, StringComparison.Ordinal))
                {
                    return message;
                }
            }

            if (clock.Elapsed > limit)
            {
                var others = Directory.EnumerateFiles(directory, "*.eml").Count();
                throw new XunitException(
                    $"No email to {recipient}{(subjectStartsWith.Length > 0 ? $" with a subject starting \"{subjectStartsWith}\"" : "")} arrived in {directory} within {limit.TotalSeconds} s ({others} message(s) to others are there).");
            }

            await Task.Delay(200);
        }
    }

    /// The first link in the plain-text part whose path starts with the given one. MimeKit has already
    /// undone the quoted-printable or base64 transfer encoding and the charset.
    public static Uri LinkIn(MimeMessage message, string path)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message.TextBody ?? throw new XunitException($"The email \"{message.Subject}\" has no plain-text part.");
        foreach (Match match in Link().Matches(text))
        {
            var uri = new Uri(match.Value);
            if (uri.AbsolutePath.StartsWith(path, StringComparison.Ordinal))
            {
                return uri;
            }
        }

        throw new XunitException($"No link to {path} in the email \"{message.Subject}\":\n{text}");
    }

    private static async Task<MimeMessage?> TryReadAsync(string file, string recipient)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(file);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        var endOfLine = Array.IndexOf(bytes, (byte)'\n');
        if (endOfLine < 0)
        {
            return null;
        }

        var envelope = Encoding.ASCII.GetString(bytes, 0, endOfLine).TrimEnd('\r');
        if (!envelope.StartsWith(EnvelopeHeader, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(envelope[EnvelopeHeader.Length..].Trim(), recipient, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        using var raw = new MemoryStream(bytes, endOfLine + 1, bytes.Length - endOfLine - 1);
        return await MimeMessage.LoadAsync(raw);
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Link();
}
