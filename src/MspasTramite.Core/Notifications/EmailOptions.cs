namespace MspasTramite.Core.Notifications;

public sealed class EmailOptions
{
    public const string Section = "Email";

    public string FromAddress { get; set; } = "no-responder@tramites.mspas.gob.gt";
    public string FromName { get; set; } = "MSPAS Trámites en línea";

    /// Where .eml files go when no SMTP host is configured (relative to the data folder).
    public string PickupDirectory { get; set; } = "mail";

    public int MaxAttempts { get; set; } = 10;
}

public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// Empty means "no SMTP server": messages are written as .eml files instead.
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// None, Auto, StartTls or SslOnConnect (MailKit's SecureSocketOptions).
    public string Security { get; set; } = "Auto";
    public int TimeoutSeconds { get; set; } = 30;
}
