using MspasTramite.Core.Payments;

namespace MspasTramite.Core.Tests.Payments;

public sealed class GatewayFeesTests
{
    [Theory]
    // 3.5 % of Q500.00 is Q17.50, plus Q2.00.
    [InlineData(500, 3.5, 2, 19.50)]
    // 2.5 % of Q101.00 is Q2.525: half a centavo goes up (banker's rounding would give 2.52).
    [InlineData(101, 2.5, 0, 2.53)]
    [InlineData(1, 0.5, 0, 0.01)]
    // 3.5 % of Q0.10 is Q0.0035: less than half a centavo goes down.
    [InlineData(0.10, 3.5, 0, 0.00)]
    // A fixed amount only, whatever the payment.
    [InlineData(500, 0, 2, 2.00)]
    [InlineData(25000, 0, 2, 2.00)]
    [InlineData(500, 0, 0, 0.00)]
    [InlineData(500, 100, 0, 500.00)]
    public void Estimate_IsThePercentagePlusTheFixedPart_RoundedToTheCentavo(double amount, double percent, double fixedPart, double expected)
    {
        var options = new PaymentOptions { GatewayFeePercent = (decimal)percent, GatewayFeeFixed = (decimal)fixedPart };

        var fee = GatewayFees.Estimate((decimal)amount, options);

        Assert.Equal((decimal)expected, fee);
        Assert.Equal(decimal.Round(fee, 2), fee);
    }

    [Fact]
    public void Estimate_WithTheDefaultRate_IsThreeAndAHalfPercentPlusTwoQuetzales()
    {
        Assert.Equal(19.50m, GatewayFees.Estimate(500m, new PaymentOptions()));
    }

    [Fact]
    public void Of_APaymentWithAReportedFee_IsThatFee_EvenZero()
    {
        var options = new PaymentOptions { GatewayFeePercent = 3.5m, GatewayFeeFixed = 2m };

        Assert.Equal(19.51m, GatewayFees.Of(new PaymentAttempt { Amount = 500m, GatewayFee = 19.51m }, options));
        Assert.Equal(0m, GatewayFees.Of(new PaymentAttempt { Amount = 500m, GatewayFee = 0m }, options));
    }

    [Fact]
    public void Of_APaymentWithoutAReportedFee_IsTheEstimate()
    {
        var options = new PaymentOptions { GatewayFeePercent = 3.5m, GatewayFeeFixed = 2m };

        Assert.Equal(19.50m, GatewayFees.Of(new PaymentAttempt { Amount = 500m, GatewayFee = null }, options));
    }
}
