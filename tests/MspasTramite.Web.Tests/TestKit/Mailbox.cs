using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using MimeKit;

namespace MspasTramite.Web.Tests.TestKit;

/// Reads what the test SMTP server received. It writes one .eml file per recipient, whose first line
/// is "X-Envelope-To: <recipient>"; the rest is the message exactly as the app sent it.
public static partial class Mailbox
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    // Envelope recipient of each file already looked at; messages are parsed only for a matching recipient.
    private static readonly ConcurrentDictionary<string, string> Recipients = new(StringComparer.Ordinal);

    /// Every message delivered so far to this address.
    public static IReadOnlyList<MimeMessage> MessagesTo(string recipient)
    {
        var found = new List<MimeMessage>();
        foreach (var path in Directory.EnumerateFiles(TestEnvironment.MailDirectory, "*.eml").Order(StringComparer.Ordinal))
        {
            var envelope = Recipients.GetOrAdd(path, ReadEnvelopeRecipient);
            if (string.Equals(envelope, recipient, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(MimeMessage.Load(path));
            }
        }

        return found;
    }

    /// Waits, up to a bounded time, for a message to this address that matches.
    public static async Task<MimeMessage> WaitForMessageAsync(string recipient, Func<MimeMessage, bool>? matches = null, TimeSpan? timeout = null) =>
        (await WaitForMessagesAsync(recipient, 1, matches, timeout))[0];

    public static Task<MimeMessage> WaitForSubjectAsync(string recipient, string subject, TimeSpan? timeout = null) =>
        WaitForMessageAsync(recipient, m => m.Subject == subject, timeout);

    /// Waits, up to a bounded time, until at least <paramref name="count"/> matching messages reached this address.
    public static async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(string recipient, int count, Func<MimeMessage, bool>? matches = null, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var found = MessagesTo(recipient).Where(m => matches?.Invoke(m) ?? true).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            if (clock.Elapsed > limit)
            {
                var subjects = string.Join(", ", MessagesTo(recipient).Select(m => $"«{m.Subject}»"));
                Assert.Fail($"Expected {count} matching email(s) to {recipient} within {limit.TotalSeconds:0} s; received: {(subjects.Length == 0 ? "nothing" : subjects)}.");
            }

            await Task.Delay(200);
        }
    }

    /// The absolute link in the message's text whose path is <paramref name="path"/>.
    public static Uri LinkTo(MimeMessage message, string path)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message.TextBody ?? "";
        var link = UrlPattern().Matches(text).Select(m => new Uri(m.Value)).FirstOrDefault(u => u.AbsolutePath == path);
        Assert.True(link is not null, $"No link to {path} in the email «{message.Subject}»:\n{text}");
        return link;
    }

    private static string ReadEnvelopeRecipient(string path)
    {
        using var reader = new StreamReader(path);
        var first = reader.ReadLine() ?? "";
        const string prefix = "X-Envelope-To:";
        return first.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? first[prefix.Length..].Trim() : "";
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex UrlPattern();
}
