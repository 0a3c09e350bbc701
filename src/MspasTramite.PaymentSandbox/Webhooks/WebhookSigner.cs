using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MspasTramite.PaymentSandbox.Webhooks;

/// Stripe's webhook signature: "t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<payload>">", keyed with
/// the endpoint secret's UTF-8 bytes ("whsec_" included).
internal static class WebhookSigner
{
    public const string HeaderName = "Stripe-Signature";

    public static string Header(string payload, string secret, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(secret);
        var t = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{payload}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }
}
