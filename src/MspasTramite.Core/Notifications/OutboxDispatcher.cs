using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using MspasTramite.Core.Data;

namespace MspasTramite.Core.Notifications;

/// Sends due outbox messages. Runs as a Hangfire job: right after a commit that wrote a message, and
/// every minute as a sweep, so a lost job only delays an email, never loses it.
public sealed class OutboxDispatcher(
    AppDbContext db,
    IMailTransport transport,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger)
{
    private static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(2);
    private const int BatchSize = 50;

    /// Returns how many messages were sent.
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var due = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now
                            && (m.LockedUntil == null || m.LockedUntil < now))
                .OrderBy(m => m.NextAttemptAt)
                .Select(m => m.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (due.Count == 0)
            {
                break;
            }

            foreach (var id in due)
            {
                if (await TrySendAsync(id, cancellationToken).ConfigureAwait(false))
                {
                    sent++;
                }
            }

            if (due.Count < BatchSize)
            {
                break;
            }
        }

        return sent;
    }

    private async Task<bool> TrySendAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var lockUntil = now + LockDuration;

        // Claim the message with one conditional UPDATE: with several replicas or overlapping jobs,
        // exactly one of them sees "1 row affected" and sends it.
        var claimed = await db.OutboxMessages
            .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, lockUntil), cancellationToken)
            .ConfigureAwait(false);
        if (claimed == 0)
        {
            return false;
        }

        var message = await db.OutboxMessages.SingleAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false);
        message.Attempts++;
        var ok = false;
        try
        {
            await transport.SendAsync(ToMime(message), cancellationToken).ConfigureAwait(false);
            message.Status = OutboxStatus.Sent;
            message.SentAt = clock.GetUtcNow();
            message.LastError = null;
            ok = true;
            logger.LogInformation("Email {MessageId} ({Kind}) sent after {Attempts} attempt(s)", message.Id, message.Kind, message.Attempts);
        }
#pragma warning disable CA1031 // Any transport failure must be recorded and retried, whatever its type.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            message.LastError = Truncate($"{ex.GetType().Name}: {ex.Message}", 2000);
            if (message.Attempts >= options.Value.MaxAttempts)
            {
                // Kept as Failed, never deleted: an administrator can see it and send it again.
                message.Status = OutboxStatus.Failed;
                logger.LogError("Email {MessageId} ({Kind}) failed for good after {Attempts} attempts: {Error}", message.Id, message.Kind, message.Attempts, message.LastError);
            }
            else
            {
                message.NextAttemptAt = clock.GetUtcNow() + Backoff(message.Attempts);
                logger.LogWarning("Email {MessageId} ({Kind}) attempt {Attempts} failed, retrying at {NextAttemptAt}: {Error}", message.Id, message.Kind, message.Attempts, message.NextAttemptAt, message.LastError);
            }
        }

        message.LockedUntil = null;
        await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return ok;
    }

    /// 1, 2, 4 … minutes, at most six hours between attempts.
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(Math.Pow(2, Math.Max(0, attempts - 1)), 360));

    private MimeMessage ToMime(OutboxMessage m)
    {
        var o = options.Value;
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(o.FromName, o.FromAddress));
        mime.To.Add(MailboxAddress.Parse(m.To));
        mime.Subject = m.Subject;
        // A stable Message-Id lets a receiving server drop the duplicate if a send is retried after a timeout.
        mime.MessageId = $"{m.Id:N}@tramites.mspas.gob.gt";
        var body = new BodyBuilder { TextBody = m.TextBody, HtmlBody = string.IsNullOrEmpty(m.HtmlBody) ? null : m.HtmlBody };
        mime.Body = body.ToMessageBody();
        return mime;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
