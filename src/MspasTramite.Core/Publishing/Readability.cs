using System.Globalization;

namespace MspasTramite.Core.Publishing;

/// The INFLESZ scale (Barrio-Cantalejo 2008) over the Szigriszt-Pazos perspicuity: the bands the
/// Spanish health services use to judge texts written for patients and the public. Ordered from
/// hardest to easiest, so "harder than" is a comparison.
public enum InfleszLevel
{
    MuyDificil,
    AlgoDificil,
    Normal,
    BastanteFacil,
    MuyFacil,
}

/// What the readability formulas are computed from.
public readonly record struct TextCounts(int Sentences, int Words, int Syllables);

/// The scores are the raw formulas, not clamped to 0–100: a decree article can score −30, and
/// showing 0 would hide how far it is from readable.
public sealed record ReadabilityScore(
    int Sentences,
    int Words,
    int Syllables,
    double SzigrisztPazos,
    double FernandezHuerta,
    InfleszLevel Level)
{
    /// Barrio-Cantalejo's threshold: below "normal" the average reader needs effort.
    public bool IsHard => Level <= InfleszLevel.AlgoDificil;
}

/// Spanish readability of a text the product manager writes (a summary, a description, an FAQ
/// answer), which may carry simple Markdown. One pass over the text, no regular expressions, no
/// strings made per word: it runs on every keystroke of a long field.
///
/// Counting rules, chosen because the formulas were calibrated on prose counted by hand:
/// - Words are runs of letters. Markdown marks (#, *, _, `, list markers, the (url) of a link)
///   are not words. Bare URLs and e-mail addresses are skipped whole: nobody reads them out.
/// - Numbers (and runs mixing letters and digits: "Q250.00", "90-97", "4a") are ignored, as
///   legible.es and the INFLESZ program do: spelling "Q1,250.00" out would weigh a fee as seven
///   long words, counting it as one syllable would make it look easy; either way it is not the
///   prose the score is about.
/// - Acronyms are syllabified as written ("DPI" is one syllable), a known, small undercount.
/// - A sentence ends at . ? ! or … unless the next word starts in lowercase or with a digit
///   ("etc. y", "No. 90-97", "a. m. del lunes"), or the period closes a title or a reference
///   abbreviation from the list below ("Lic. Pérez", "Art. Quinto"). An
///   abbreviation at the end of a sentence is its final period too (RAE), which is why "etc."
///   is not in the list. It also ends at a heading's line end, before a list item, at a blank
///   line and at the end of the text: a requirement list without periods is one sentence per
///   item, and a text without a final period is still one sentence.
public static class Readability
{
    /// Below this, a score describes a fragment, not a text, and misleads: two long words in a
    /// title would read as "muy difícil".
    public const int MinimumWords = 10;

    // Titles and references that Guatemalan administrative texts put before a capitalised name or
    // a number. Compared without case ("lic." and "Lic.").
    private static readonly HashSet<string> AbbreviationSet = new(StringComparer.OrdinalIgnoreCase)
    {
        "sr", "sra", "srta", "sres", "don", "dña", "dr", "dra", "lic", "licda", "licdo", "ing", "inga",
        "arq", "prof", "profa", "mtro", "mtra", "art", "arts", "núm", "num", "nro", "pág", "págs",
        "ref", "tel", "av", "ave", "ud", "uds", "vd", "vda", "ej", "aprox", "máx", "mín", "gob",
        "acdo", "depto", "dpto", "cía", "admón", "atte", "vol", "cap", "fig", "inc", "lit",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Abbreviations =
        AbbreviationSet.GetAlternateLookup<ReadOnlySpan<char>>();

    /// Null for an empty text and for fewer than <see cref="MinimumWords"/> words.
    public static ReadabilityScore? Score(string? text)
    {
        var counts = Count(text);
        if (counts.Words < MinimumWords)
        {
            return null;
        }

        var perspicuity = SzigrisztPazos(counts);
        return new ReadabilityScore(
            counts.Sentences,
            counts.Words,
            counts.Syllables,
            perspicuity,
            FernandezHuerta(counts),
            Classify(perspicuity));
    }

    /// P = 206.835 − 62.3·(syllables/words) − (words/sentences) (Szigriszt-Pazos 1993).
    public static double SzigrisztPazos(TextCounts counts)
    {
        RequireWords(counts);
        return 206.835 - (62.3 * counts.Syllables / counts.Words) - ((double)counts.Words / counts.Sentences);
    }

    /// L = 206.84 − 60·(syllables/words) − 1.02·(words/sentences): Fernández-Huerta (1959) as
    /// corrected by Gwillim Law (2011); many sites print 0.60 against syllables per 100 words.
    public static double FernandezHuerta(TextCounts counts)
    {
        RequireWords(counts);
        return 206.84 - (60.0 * counts.Syllables / counts.Words) - (1.02 * counts.Words / counts.Sentences);
    }

    /// Barrio-Cantalejo's table reads "under 40, 40–55, 55–65, 65–80, over 80": a shared boundary
    /// belongs to the band it opens (55 is "normal"), except 80, which "over 80" keeps out of "muy fácil".
    public static InfleszLevel Classify(double perspicuity) => perspicuity switch
    {
        < 40 => InfleszLevel.MuyDificil,
        < 55 => InfleszLevel.AlgoDificil,
        < 65 => InfleszLevel.Normal,
        <= 80 => InfleszLevel.BastanteFacil,
        _ => InfleszLevel.MuyFacil,
    };

    public static TextCounts Count(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        // An accent typed as a combining mark (a + U+0301) must be the same "á" the syllabifier
        // knows. Text with a lone surrogate cannot be normalized; it is counted as it is.
        if (text.AsSpan().IndexOfAnyInRange('\u0300', '\u036F') >= 0)
        {
            try
            {
                text = text.Normalize();
            }
            catch (ArgumentException)
            {
            }
        }

        var counter = new Counter(text);
        counter.Run();
        return new TextCounts(counter.Sentences, counter.Words, counter.Syllables);
    }

    public static int CountSyllables(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return CountSyllables(word.AsSpan());
    }

    /// Written syllables of one word (letters only), by its vowel nuclei. A run of vowels is one
    /// nucleus (a diphthong "ciu", a triphthong "guay") except where two strong vowels meet
    /// ("po-e-ta", "le-er"), a strong one being a, e, o or an accented í/ú ("dí-a", "pa-ís").
    /// The u of "que, qui, gue, gui" is silent; ü is heard ("pin-güi-no"); y is a vowel unless a
    /// vowel follows ("hoy", "muy" but "ma-yo"). An h separates vowels, as hyphenation does
    /// ("pro-hi-bi-do"), although RAE hears a diphthong across it in a few words ("ahu-mar").
    public static int CountSyllables(ReadOnlySpan<char> word)
    {
        var syllables = 0;
        var previous = VowelKind.None;
        for (var i = 0; i < word.Length; i++)
        {
            var c = char.ToLowerInvariant(word[i]);
            var kind = Kind(c);
            if (c == 'u' && i > 0 && i + 1 < word.Length)
            {
                var before = char.ToLowerInvariant(word[i - 1]);
                var after = char.ToLowerInvariant(word[i + 1]);
                if (before is 'q' or 'g' && after is 'e' or 'i' or 'é' or 'í')
                {
                    kind = VowelKind.None;
                }
            }
            else if (c == 'y' && (i + 1 == word.Length || Kind(char.ToLowerInvariant(word[i + 1])) == VowelKind.None))
            {
                kind = VowelKind.Weak;
            }

            if (kind == VowelKind.None)
            {
                previous = VowelKind.None;
                continue;
            }

            if (previous == VowelKind.None || (previous == VowelKind.Strong && kind == VowelKind.Strong))
            {
                syllables++;
            }

            previous = kind;
        }

        return Math.Max(1, syllables);
    }

    private static VowelKind Kind(char lower) => lower switch
    {
        'a' or 'e' or 'o' or 'á' or 'é' or 'ó' or 'í' or 'ú' => VowelKind.Strong,
        'i' or 'u' or 'ü' => VowelKind.Weak,
        _ => VowelKind.None,
    };

    private static void RequireWords(TextCounts counts)
    {
        if (counts.Words <= 0 || counts.Sentences <= 0)
        {
            throw new ArgumentException("The formulas need at least one word and one sentence.", nameof(counts));
        }
    }

    private enum VowelKind
    {
        None,
        Weak,
        Strong,
    }

    private sealed class Counter(string text)
    {
        private int _wordsInSentence;

        // A terminator was seen; whether it ended the sentence depends on the next word.
        private bool _pendingEnd;

        public int Sentences { get; private set; }

        public int Words { get; private set; }

        public int Syllables { get; private set; }

        public void Run()
        {
            var i = 0;
            var headingLine = false;
            var atLineStart = true;
            while (i < text.Length)
            {
                if (atLineStart)
                {
                    atLineStart = false;
                    i = SkipBlockMarker(i, out headingLine);
                    continue;
                }

                var c = text[i];
                if (c == '\n')
                {
                    if (headingLine)
                    {
                        EndSentence();
                        headingLine = false;
                    }

                    atLineStart = true;
                    i++;
                }
                else if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else
                {
                    i = Token(i);
                }
            }

            EndSentence();
        }

        private void EndSentence()
        {
            if (_wordsInSentence > 0)
            {
                Sentences++;
            }

            _wordsInSentence = 0;
            _pendingEnd = false;
        }

        // Blank lines, headings ("## Costo"), blockquotes and list items ("- ", "* ", "+ ", "1. ",
        // "2) ") start a new block: the sentence before ends here, and the marks are not text.
        private int SkipBlockMarker(int i, out bool heading)
        {
            heading = false;
            var j = SkipSpaces(i);
            if (j == text.Length || text[j] == '\n')
            {
                EndSentence();
                return j;
            }

            while (text[j] == '>')
            {
                j = SkipSpaces(j + 1);
                if (j == text.Length)
                {
                    return j;
                }
            }

            var k = j;
            while (k < text.Length && text[k] == '#')
            {
                k++;
            }

            if (k > j && k - j <= 6 && (k == text.Length || char.IsWhiteSpace(text[k])))
            {
                EndSentence();
                heading = true;
                return k;
            }

            if (text[j] is '-' or '*' or '+' && j + 1 < text.Length && text[j + 1] is ' ' or '\t')
            {
                EndSentence();
                return j + 2;
            }

            k = j;
            while (k < text.Length && k - j < 9 && char.IsAsciiDigit(text[k]))
            {
                k++;
            }

            if (k > j && k + 1 < text.Length && text[k] is '.' or ')' && text[k + 1] is ' ' or '\t')
            {
                EndSentence();
                return k + 2;
            }

            return j;
        }

        private int SkipSpaces(int i)
        {
            while (i < text.Length && text[i] is ' ' or '\t' or '\r')
            {
                i++;
            }

            return i;
        }

        // One run of non-blank characters: "Lic.", "**patente**", "[guía](https://…).", "Q250.00".
        private int Token(int start)
        {
            var end = start;
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            if (IsAddress(text.AsSpan(start, end - start)))
            {
                // Neither a word nor a sign of how the next sentence starts; its final period counts.
                EndOfToken(start, end, lastWordStart: -1, lastWordEnd: -1);
                return end;
            }

            int lastWordStart = -1, lastWordEnd = -1;
            var first = true;
            var j = start;
            while (j < end)
            {
                var c = text[j];
                if (c == ']' && j + 1 < end && text[j + 1] == '(')
                {
                    // A link's destination: [text](url). Skipped to its ")" or to the next blank,
                    // so a "](" without its ")" cannot make the scan go back over the text.
                    j += 2;
                    while (j < end && text[j] != ')')
                    {
                        j++;
                    }

                    j = Math.Min(j + 1, end);
                    continue;
                }

                if (!IsWordChar(c))
                {
                    j++;
                    continue;
                }

                var wordStart = j;
                var hasDigit = false;
                while (j < end && IsWordChar(text[j]))
                {
                    hasDigit |= char.IsDigit(text[j]);
                    j++;
                }

                if (first)
                {
                    first = false;
                    if (_pendingEnd)
                    {
                        if (char.IsLower(text[wordStart]) || char.IsDigit(text[wordStart]))
                        {
                            _pendingEnd = false;
                        }
                        else
                        {
                            EndSentence();
                        }
                    }
                }

                if (!hasDigit)
                {
                    Words++;
                    _wordsInSentence++;
                    Syllables += CountSyllables(text.AsSpan(wordStart, j - wordStart));
                }

                lastWordStart = wordStart;
                lastWordEnd = j;
            }

            EndOfToken(start, end, lastWordStart, lastWordEnd);
            return end;
        }

        private void EndOfToken(int start, int end, int lastWordStart, int lastWordEnd)
        {
            var k = end - 1;
            while (k >= start && text[k] is ')' or ']' or '"' or '\'' or '»' or '”' or '’' or '*' or '_' or '`')
            {
                k--;
            }

            if (k < start || !IsTerminator(text[k]) || _wordsInSentence == 0)
            {
                return;
            }

            var runEnd = k + 1;
            while (k >= start && IsTerminator(text[k]))
            {
                k--;
            }

            var runStart = k + 1;
            var singlePeriod = runEnd - runStart == 1 && text[runStart] == '.';
            if (singlePeriod
                && lastWordEnd == runStart
                && Abbreviations.Contains(text.AsSpan(lastWordStart, lastWordEnd - lastWordStart)))
            {
                return;
            }

            _pendingEnd = true;
        }

        private static bool IsAddress(ReadOnlySpan<char> token)
        {
            var link = token.IndexOf("](", StringComparison.Ordinal);
            var before = link < 0 ? token : token[..link];
            var opened = before.TrimStart("(<[\"'«“");
            return before.Contains("://", StringComparison.Ordinal)
                || before.Contains('@')
                || opened.StartsWith("www.", StringComparison.OrdinalIgnoreCase);
        }

        private static bool IsTerminator(char c) => c is '.' or '?' or '!' or '…';

        private static bool IsWordChar(char c) =>
            char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;
    }
}
