namespace MspasTramite.Core.Payments;

/// What the payment gateway kept of a payment, in quetzales: the fee it reported where it did,
/// otherwise the configured rate applied to the amount. Part of the cost per transaction.
public static class GatewayFees
{
    public static decimal Of(PaymentAttempt payment, PaymentOptions options)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return payment.GatewayFee ?? Estimate(payment.Amount, options);
    }

    /// The percentage of the amount plus the fixed part, rounded to the centavo (half away from zero,
    /// as a gateway charges a whole number of centavos).
    public static decimal Estimate(decimal amount, PaymentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return decimal.Round((amount * options.GatewayFeePercent / 100m) + options.GatewayFeeFixed, 2, MidpointRounding.AwayFromZero);
    }
}
