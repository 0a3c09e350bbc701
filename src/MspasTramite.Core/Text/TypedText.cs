using System.Globalization;
using System.Text;

namespace MspasTramite.Core.Text;

/// What a person typed, as the service keeps it: the text they can see, nothing hidden. What is
/// kept is printed again in pages, emails, PDFs and CSV exports, so characters that no keyboard
/// makes but a crafted request can carry are dropped on the way in: controls (an ESC starts a
/// terminal escape sequence in a log viewer, a NUL is refused by PostgreSQL), invisible format
/// characters (U+202E turns "fdp.exe" into what reads as "exe.pdf", zero-width characters make two
/// names that look the same differ), lone surrogates, private-use and unassigned code points,
/// noncharacters among them. Spanish needs none of these; its accents, ñ, ¿ and ¡ are letters and
/// punctuation and pass untouched, composed (NFC) so "á" typed as "a" + U+0301 is the "á" searches find.
public static class TypedText
{
    /// One line (a name, an address, a search): line breaks and tabs become spaces, so pasted words
    /// stay apart. Multi-line text (a note, an opinion) keeps its line breaks, each written "\n"
    /// whatever the browser sent (\r\n, \r, U+2028), and its tabs.
    public static string Clean(string? text, bool multiline = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsSurrogate(ch))
            {
                if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    var rune = new Rune(ch, text[i + 1]);
                    i++;
                    if (!Hidden(Rune.GetUnicodeCategory(rune)) && !IsNoncharacter(rune.Value))
                    {
                        sb.Append(ch).Append(text[i]);
                    }
                }

                // A lone half of a pair is no character at all (and String.Normalize throws on it).
                continue;
            }

            if (ch == '\r')
            {
                // \r\n and a lone \r (old Mac text) are one line break.
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                sb.Append(multiline ? '\n' : ' ');
                continue;
            }

            if (ch is '\n' or '\u2028' or '\u2029')
            {
                sb.Append(multiline ? '\n' : ' ');
                continue;
            }

            if (ch == '\t')
            {
                sb.Append(multiline ? '\t' : ' ');
                continue;
            }

            if (!Hidden(char.GetUnicodeCategory(ch)) && !IsNoncharacter(ch))
            {
                sb.Append(ch);
            }
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// At most <paramref name="length"/> characters, never ending between the two halves of a
    /// surrogate pair (an emoji, a rare CJK character), trailing spaces trimmed.
    public static string Cut(string text, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= length)
        {
            return text;
        }

        if (length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return text[..length].TrimEnd();
    }

    // Cf holds the bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069), the marks
    // U+200E/U+200F, zero-width space and joiners, the soft hyphen and the BOM.
    private static bool Hidden(UnicodeCategory category) =>
        category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate;

    // U+FDD0–FDEF and the last two code points of every plane: never meant for interchange. Their
    // category is "unassigned" already; checked by value too so a newer Unicode table cannot let them in.
    private static bool IsNoncharacter(int codePoint) =>
        codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
}
