using MspasTramite.PaymentSandbox.Checkout;

namespace MspasTramite.PaymentSandbox.Tests.Checkout;

public sealed class CardFormTests
{
    public static TheoryData<string> StripeTestCards() => [.. TestCards.All.Select(c => c.Number)];

    [Theory]
    [MemberData(nameof(StripeTestCards))]
    public void EveryTestCard_PassesTheLuhnCheck(string number) => Assert.True(CardForm.PassesLuhn(number));

    [Theory]
    [InlineData("4242424242424241")]
    [InlineData("4000000000000001")]
    public void AMistypedNumber_FailsTheLuhnCheck(string number) => Assert.False(CardForm.PassesLuhn(number));

    [Theory]
    [InlineData("12/30", 12, 2030)]
    [InlineData("1/30", 1, 2030)]
    [InlineData("01 / 31", 1, 2031)]
    [InlineData("0532", 5, 2032)]
    [InlineData("07/2033", 7, 2033)]
    public void Expiry_AcceptsTheUsualWritings(string text, int month, int year) =>
        Assert.Equal((month, year), CardForm.ParseExpiry(text));

    [Theory]
    [InlineData("13/30")]
    [InlineData("00/30")]
    [InlineData("12-30")]
    [InlineData("1230x")]
    [InlineData("12/3")]
    public void Expiry_RejectsTheRest(string text) => Assert.Null(CardForm.ParseExpiry(text));

    [Fact]
    public void Validate_ThisMonth_IsStillValid_LastMonthIsNot()
    {
        var today = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

        var thisMonth = new CardForm { Number = "4242 4242 4242 4242", Expiry = "11/26", Cvc = "123" }.Validate(today);
        var lastMonth = new CardForm { Number = "4242 4242 4242 4242", Expiry = "10/26", Cvc = "123" };

        Assert.NotNull(thisMonth);
        Assert.Equal(("visa", "4242", 11, 2026), (thisMonth.Value.Card.Brand, thisMonth.Value.Card.Last4, thisMonth.Value.Card.ExpMonth, thisMonth.Value.Card.ExpYear));
        Assert.Null(lastMonth.Validate(today));
        Assert.Equal(CardForm.ExpiryField, Assert.Single(lastMonth.Errors).Key);
    }

    [Fact]
    public void Validate_AmericanExpress_WantsFourDigitsOfCvc()
    {
        var form = new CardForm { Number = "3782 822463 10005", Expiry = "12/30", Cvc = "123" };

        Assert.Null(form.Validate(DateTimeOffset.UtcNow));
        Assert.Equal(CardForm.CvcField, Assert.Single(form.Errors).Key);
    }
}
