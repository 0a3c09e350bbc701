using MspasTramite.Core.Identifiers;

namespace MspasTramite.Core.Tests.Identifiers;

public class NitTests
{
    [Theory]
    [InlineData("576937-K", "576937-K")]
    [InlineData("7108-0", "7108-0")]
    [InlineData("3952550-3", "3952550-3")]
    [InlineData("988842-K", "988842-K")]
    [InlineData("576937-k", "576937-K")]
    [InlineData("576937K", "576937-K")]
    [InlineData(" 3952550 - 3 ", "3952550-3")]
    public void TryNormalize_WithValidNit_ReturnsCanonicalForm(string input, string expected)
    {
        Assert.True(Nit.TryNormalize(input, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("8977112-0")]
    [InlineData("123456")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("K")]
    [InlineData("57A937-K")]
    [InlineData("576937-X")]
    [InlineData("12345678901234-5")]
    public void TryNormalize_WithInvalidNit_IsFalse(string? input)
    {
        Assert.False(Nit.TryNormalize(input, out _));
    }

    [Fact]
    public void ComputeCheck_TenIsWrittenK()
    {
        Assert.Equal('K', Nit.ComputeCheck("576937"));
        Assert.Equal('0', Nit.ComputeCheck("7108"));
    }

    [Fact]
    public void IndividualsMayUseTheirCuiAsNit_WhenItsCheckCharacterMatches()
    {
        // A CUI used as NIT is simply 13 digits whose last one is checked with the NIT rule.
        const string body = "158035224010";
        var nit = body + Nit.ComputeCheck(body);

        Assert.True(Nit.IsValid(nit));
    }
}
