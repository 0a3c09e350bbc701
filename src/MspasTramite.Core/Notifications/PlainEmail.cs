using System.Text.Encodings.Web;

namespace MspasTramite.Core.Notifications;

/// An email of plain paragraphs in Spanish (the language of the documents themselves), with the
/// ministry's signature, added to the caller's outbox.
internal static class PlainEmail
{
    private const string Signature = "MSPAS — Ministerio de Salud Pública y Asistencia Social";

    public static void Add(EmailOutbox outbox, string to, string kind, string subject, IEnumerable<string> paragraphs)
    {
        var e = HtmlEncoder.Default;
        var list = paragraphs.ToList();
        outbox.Add(new EmailMessage(
            to,
            subject,
            string.Join("\n\n", list) + "\n\n" + Signature + "\n",
            string.Concat(list.Select(p => $"<p>{e.Encode(p)}</p>")) + $"<p>{e.Encode(Signature)}</p>",
            kind));
    }
}
