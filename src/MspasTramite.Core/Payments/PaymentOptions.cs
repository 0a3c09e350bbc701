namespace MspasTramite.Core.Payments;

public sealed class PaymentOptions
{
    public const string Section = "Payments";

    /// The receipt number series: {prefix}-{year}-{number}. Configurable while the electronic
    /// equivalent of the Forma 63-A2 is undecided (shared/DOMAIN.md).
    public string ReceiptPrefix { get; set; } = "MSPAS-CP";

    /// Sessions still open this long are asked about by the reconciliation job.
    public int ReconcileAfterMinutes { get; set; } = 10;

    /// Applications left unpaid this long expire.
    public int UnpaidExpiryDays { get; set; } = 30;

    /// The gateway's rate under the contract, for the cost per transaction of payments whose fee the
    /// gateway did not report: this percentage of the amount (3.5 is 3.5 %) plus a fixed amount in
    /// quetzales. See GatewayFees.
    public decimal GatewayFeePercent { get; set; } = 3.5m;

    public decimal GatewayFeeFixed { get; set; } = 2.00m;
}
