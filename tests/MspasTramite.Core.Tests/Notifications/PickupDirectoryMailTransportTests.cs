using MimeKit;
using MspasTramite.Core.Notifications;

namespace MspasTramite.Core.Tests.Notifications;

public class PickupDirectoryMailTransportTests
{
    [Fact]
    public async Task Send_WritesACompleteEmlFile()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"eml-{Guid.NewGuid():N}");
        var transport = new PickupDirectoryMailTransport(folder);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("no-responder@tramites.mspas.gob.gt"));
        message.To.Add(MailboxAddress.Parse("ana@example.com"));
        message.Subject = "Confirme su correo electrónico";
        message.Body = new TextPart("plain") { Text = "Hola" };

        await transport.SendAsync(message, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.EndsWith(".eml", file, StringComparison.Ordinal);
        var read = await MimeMessage.LoadAsync(file);
        Assert.Equal("Confirme su correo electrónico", read.Subject);
        Directory.Delete(folder, recursive: true);
    }
}
