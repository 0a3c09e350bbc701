using MspasTramite.Core.Text;

namespace MspasTramite.Core.Tests.Text;

public sealed class TypedTextTests
{
    [Theory]
    [InlineData("María José Ñúñez Güell", "María José Ñúñez Güell")]
    [InlineData("¿Cuándo? ¡Ya! — «sí», 4a. avenida 5-20, zona 1", "¿Cuándo? ¡Ya! — «sí», 4a. avenida 5-20, zona 1")]
    [InlineData("Q 1,250.00 · 50% · #3 · (502) 2222-3333", "Q 1,250.00 · 50% · #3 · (502) 2222-3333")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Clean_KeepsSpanishTextAsTyped(string? typed, string expected)
    {
        Assert.Equal(expected, TypedText.Clean(typed));
        Assert.Equal(expected, TypedText.Clean(typed, multiline: true));
    }

    [Theory]
    [InlineData("Ana\u001b[31m López\u001b[0m", "Ana[31m López[0m")] // ESC: a terminal escape sequence
    [InlineData("Ana\0López", "AnaLópez")]
    [InlineData("\0", "")]
    [InlineData("a\u0001\u0007\u0008\u000B\u000C\u001F\u007Fb", "ab")] // C0 and DEL
    [InlineData("a\u0080\u0085\u009Bb", "ab")] // C1, NEL and CSI among them
    public void Clean_StripsControlCharacters(string typed, string expected)
    {
        Assert.Equal(expected, TypedText.Clean(typed));
    }

    [Theory]
    [InlineData("fac\u202Efdp.exe", "facfdp.exe")] // RIGHT-TO-LEFT OVERRIDE
    [InlineData("\u202A\u202B\u202C\u202D\u202Ex", "x")] // embeddings, pop, overrides
    [InlineData("\u2066\u2067\u2068\u2069x", "x")] // isolates
    [InlineData("pa\u200Bypal\u200C\u200D\u2060\uFEFF", "paypal")] // zero-width characters, BOM
    [InlineData("a\u200E\u200Fb\u00ADc", "abc")] // direction marks, soft hyphen
    [InlineData("x\U000E0041\U000E007F", "x")] // tag characters (outside the BMP)
    public void Clean_StripsInvisibleFormatCharacters(string typed, string expected)
    {
        Assert.Equal(expected, TypedText.Clean(typed));
    }

    [Fact]
    public void Clean_StripsLoneSurrogatesButKeepsPairs()
    {
        var typed = "a\uD800b\uDC00c\U0001F600d\uDBFF";

        Assert.Equal("abc\U0001F600d", TypedText.Clean(typed));
    }

    [Theory]
    [InlineData("a\uFDD0\uFDEFb", "ab")]
    [InlineData("a\uFFFE\uFFFFb", "ab")]
    [InlineData("a\U0001FFFE\U0010FFFFb", "ab")]
    [InlineData("a\uE000\U000F0000b", "ab")] // private use
    [InlineData("a\u0378b", "ab")] // unassigned
    public void Clean_StripsNoncharactersPrivateUseAndUnassigned(string typed, string expected)
    {
        Assert.Equal(expected, TypedText.Clean(typed));
    }

    [Fact]
    public void Clean_ComposesToNfc()
    {
        var decomposed = "Jose\u0301 Man\u0303ana";

        var clean = TypedText.Clean(decomposed);

        Assert.Equal("Jos\u00E9 Ma\u00F1ana", clean);
        Assert.Equal(11, clean.Length);
    }

    [Theory]
    [InlineData("línea 1\r\nlínea 2", "línea 1\nlínea 2")]
    [InlineData("línea 1\rlínea 2", "línea 1\nlínea 2")]
    [InlineData("línea 1\nlínea 2", "línea 1\nlínea 2")]
    [InlineData("a\u2028b\u2029c", "a\nb\nc")]
    [InlineData("col 1\tcol 2", "col 1\tcol 2")]
    [InlineData("a\r\n\r\nb", "a\n\nb")]
    [InlineData("nota\0\u001b[2J\u202E", "nota[2J")]
    public void Clean_Multiline_KeepsLineBreaksAndTabs(string typed, string expected)
    {
        Assert.Equal(expected, TypedText.Clean(typed, multiline: true));
    }

    [Theory]
    [InlineData("Ana\r\nLópez", "Ana López")]
    [InlineData("Ana\nLópez", "Ana López")]
    [InlineData("Ana\tLópez", "Ana López")]
    [InlineData("Ana\u2028López", "Ana López")]
    public void Clean_SingleLine_TurnsLineBreaksAndTabsIntoSpaces(string typed, string expected)
    {
        Assert.Equal(expected, TypedText.Clean(typed));
    }

    [Fact]
    public void Clean_IsIdempotent()
    {
        var typed = "Ana\u202E \0López\r\nJose\u0301\uD800";

        var once = TypedText.Clean(typed, multiline: true);

        Assert.Equal(once, TypedText.Clean(once, multiline: true));
    }
}
