namespace MspasTramite.Core.Notifications;

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}

/// An email waiting to be sent. It is written in the same transaction as the change that causes it,
/// so a committed change always has its email, and a rolled-back one never does.
public class OutboxMessage
{
    public Guid Id { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string HtmlBody { get; set; } = "";

    /// What caused the message (e.g. "account.confirm-email"), for reports and tests.
    public string Kind { get; set; } = "";

    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }

    /// A dispatcher owns the message until this time; another replica may take it afterwards.
    public DateTimeOffset? LockedUntil { get; set; }
}
