using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MspasTramite.Core.Notifications;

public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// Real delivery over SMTP with MailKit.
public sealed class SmtpMailTransport(IOptions<SmtpOptions> options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var client = new SmtpClient { Timeout = o.TimeoutSeconds * 1000 };
        var security = Enum.Parse<SecureSocketOptions>(o.Security, ignoreCase: true);
        await client.ConnectAsync(o.Host ?? throw new InvalidOperationException("Smtp:Host is not set."), o.Port, security, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(o.Username))
        {
            await client.AuthenticateAsync(o.Username, o.Password ?? "", cancellationToken).ConfigureAwait(false);
        }

        await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
    }
}

/// The embedded default: each message becomes an .eml file that any mail program opens.
public sealed class PickupDirectoryMailTransport(string directory) : IMailTransport
{
    public string Directory { get; } = directory;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml";
        var temp = Path.Combine(Directory, name + ".tmp");
        await message.WriteToAsync(temp, cancellationToken).ConfigureAwait(false);
        // Rename once complete so a reader never sees half a message.
        File.Move(temp, Path.Combine(Directory, name));
    }
}
