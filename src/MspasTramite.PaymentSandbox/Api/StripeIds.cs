using System.Security.Cryptography;

namespace MspasTramite.PaymentSandbox.Api;

/// Identifiers shaped like Stripe's: a type prefix and random letters and digits.
internal static class StripeIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string CheckoutSession() => "cs_test_" + Random(58);

    public static string PaymentIntent() => "pi_" + Random(24);

    public static string Charge() => "ch_" + Random(24);

    public static string PaymentMethod() => "pm_" + Random(24);

    public static string BalanceTransaction() => "txn_" + Random(24);

    public static string Refund() => "re_" + Random(24);

    public static string Event() => "evt_" + Random(24);

    public static string Request() => "req_" + Random(14);

    public static string Token() => Random(32);

    private static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
