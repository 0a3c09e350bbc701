namespace MspasTramite.PaymentSandbox;

/// Configuration section "PaymentSandbox".
public sealed class PaymentSandboxOptions
{
    public const string SectionName = "PaymentSandbox";

    /// The path every endpoint lives under, both when mounted in the app and when standalone, so the
    /// Stripe.net apiBase is always "{origin}/sandbox-pagos".
    public const string PathPrefix = "/sandbox-pagos";

    /// The secret key the API accepts (Authorization: Bearer …), as Stripe's sk_test_ keys.
    public string SecretKey { get; set; } = "sk_test_mspas_sandbox";

    /// Absolute URL events are POSTed to (the app's /webhooks/stripe). Empty: events are recorded but not sent.
    public string WebhookUrl { get; set; } = "";

    /// The endpoint's signing secret; Stripe signs with the whole string, "whsec_" included.
    public string WebhookSecret { get; set; } = "whsec_mspas_sandbox";

    /// Folder of the sandbox's SQLite file; relative paths are taken from the host's content root.
    public string DataDirectory { get; set; } = "App_Data/payment-sandbox";

    /// Origin browsers use to reach the sandbox (e.g. http://localhost:5090), for the hosted page URL
    /// returned in sessions. Empty: taken from the API request (the app may reach the sandbox at an
    /// address a browser cannot, as in docker-compose, hence the setting).
    public string PublicBaseUrl { get; set; } = "";

    /// Lifetime of a session created without expires_at; Stripe's default is 24 hours.
    public int SessionLifetimeMinutes { get; set; } = 1440;

    /// First retry after a failed delivery; each later one waits twice as long, up to WebhookRetryMaxDelay.
    public TimeSpan WebhookRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan WebhookRetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// Attempts before a delivery is given up (it can still be resent from the sandbox page).
    public int WebhookMaxAttempts { get; set; } = 20;

    /// The fee the sandbox keeps on each successful charge, reported in its balance transaction:
    /// FeePercent of the amount (3.5 is 3.5 %), rounded to the smallest unit, plus FeeFixed in the
    /// smallest unit (200 is Q 2.00). The defaults are the sandbox's invention, of the order a
    /// Guatemalan card acquirer charges; Stripe's own prices differ by country.
    public decimal FeePercent { get; set; } = 3.5m;

    public long FeeFixed { get; set; } = 200;

    /// How long the app may take to answer a delivery; Stripe waits a few seconds at most.
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// How often the background service looks for due deliveries and sessions past their expiry.
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// The API version stamped on events (Stripe stamps the account's version). It must share its
    /// release train with the Stripe.net the app uses; a test compares it with Stripe.net's own.
    public string ApiVersion { get; set; } = "2026-10-28.endive";
}
