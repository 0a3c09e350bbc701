using MspasTramite.Core.Review;

namespace MspasTramite.Core.Tests.Review;

/// A licence is valid from its issue date to the day before its anniversary N years on.
public sealed class ResolutionValidityTests
{
    [Theory]
    [InlineData("2026-03-15", 5, "2031-03-14")]
    [InlineData("2026-01-01", 1, "2026-12-31")]
    [InlineData("2027-03-01", 5, "2032-02-29")] // the day before 1 March of a leap year
    [InlineData("2028-02-29", 5, "2033-02-28")] // issued on 29 February: the anniversary is 1 March
    [InlineData("2028-02-29", 4, "2032-02-28")]
    public void ValidUntil_Licence_IsTheDayBeforeTheAnniversary(string from, int years, string until)
    {
        var result = ResolutionService.ValidUntil(ResolutionKind.Licence, DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), years);

        Assert.Equal(DateOnly.Parse(until, System.Globalization.CultureInfo.InvariantCulture), result);
    }

    [Fact]
    public void ValidUntil_WhenValidityIsZero_NeverExpires() =>
        Assert.Null(ResolutionService.ValidUntil(ResolutionKind.Licence, new DateOnly(2026, 3, 15), 0));

    [Fact]
    public void ValidUntil_Rejection_HasNone() =>
        Assert.Null(ResolutionService.ValidUntil(ResolutionKind.Rejection, new DateOnly(2026, 3, 15), 5));
}
