namespace MspasTramite.Core.Payments;

// Placeholder until the configured rate lands (kpi-fees branch).
public static class GatewayFees
{
    public static decimal Estimate(decimal amount, PaymentOptions options) => 0m;
}
