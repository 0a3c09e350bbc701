using MspasTramite.Core.Data;

namespace MspasTramite.Core.Notifications;

public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody, string Kind);

/// Adds an email to the outbox of the caller's unit of work. Nothing is sent here: the caller's
/// SaveChanges commits the message together with the change that caused it.
public sealed class EmailOutbox(AppDbContext db, TimeProvider clock)
{
    public OutboxMessage Add(EmailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = clock.GetUtcNow();
        var row = new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            To = message.To,
            Subject = message.Subject,
            TextBody = message.TextBody,
            HtmlBody = message.HtmlBody,
            Kind = message.Kind,
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutboxMessages.Add(row);
        return row;
    }
}
