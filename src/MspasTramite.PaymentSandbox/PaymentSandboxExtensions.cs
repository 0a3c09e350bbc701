using Microsoft.Extensions.DependencyInjection.Extensions;
using MspasTramite.PaymentSandbox.Api;
using MspasTramite.PaymentSandbox.Checkout;
using MspasTramite.PaymentSandbox.Pages;
using MspasTramite.PaymentSandbox.Storage;
using MspasTramite.PaymentSandbox.Webhooks;

namespace MspasTramite.PaymentSandbox;

/// Mounting the sandbox in a host: the app in Development, or the sandbox's own process.
public static class PaymentSandboxExtensions
{
    public static IServiceCollection AddPaymentSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<PaymentSandboxOptions>()
            .Bind(configuration.GetSection(PaymentSandboxOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.SecretKey) && !o.SecretKey.Any(char.IsWhiteSpace),
                "PaymentSandbox:SecretKey must be a non-empty key without spaces.")
            .Validate(o => !string.IsNullOrEmpty(o.WebhookSecret), "PaymentSandbox:WebhookSecret must not be empty.")
            .Validate(o => string.IsNullOrWhiteSpace(o.WebhookUrl) || IsHttpUrl(o.WebhookUrl),
                "PaymentSandbox:WebhookUrl must be an absolute http(s) URL, or empty.")
            .Validate(o => string.IsNullOrWhiteSpace(o.PublicBaseUrl) || IsHttpUrl(o.PublicBaseUrl),
                "PaymentSandbox:PublicBaseUrl must be an absolute http(s) URL, or empty.")
            .Validate(o => o.SessionLifetimeMinutes is >= 30 and <= 1440,
                "PaymentSandbox:SessionLifetimeMinutes must be between 30 and 1440, as Stripe's session lifetimes are.")
            .Validate(o => o.WebhookRetryBaseDelay > TimeSpan.Zero && o.WebhookRetryMaxDelay >= o.WebhookRetryBaseDelay,
                "PaymentSandbox:WebhookRetryBaseDelay must be positive and no longer than WebhookRetryMaxDelay.")
            .Validate(o => o.WebhookMaxAttempts >= 1, "PaymentSandbox:WebhookMaxAttempts must be at least 1.")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.WebhookTimeout > TimeSpan.Zero,
                "PaymentSandbox:PollInterval and WebhookTimeout must be positive.")
            .Validate(o => o.FeePercent is >= 0 and <= 100 && o.FeeFixed >= 0,
                "PaymentSandbox:FeePercent must be between 0 and 100 and PaymentSandbox:FeeFixed must not be negative.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<SandboxDatabase>();
        services.AddSingleton<SandboxGateway>();
        services.AddSingleton<ApiPipeline>();
        services.AddHostedService<WebhookDeliveryService>();
        services.AddHttpClient(WebhookDeliveryService.HttpClientName, (provider, client) =>
                client.Timeout = provider.GetRequiredService<IOptions<PaymentSandboxOptions>>().Value.WebhookTimeout)
            // Stripe does not follow redirects from a webhook endpoint: a 3xx counts as a failure.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return services;
    }

    /// Maps the API (/v1/…), the hosted checkout page and the sandbox's own page under /sandbox-pagos,
    /// open to anonymous callers (the API checks its own key) whatever the host's fallback policy.
    public static IEndpointConventionBuilder MapPaymentSandbox(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(PaymentSandboxOptions.PathPrefix);
        group.AllowAnonymous();
        ApiEndpoints.Map(group);
        CheckoutEndpoints.Map(group);
        DashboardEndpoints.Map(group);
        return group;
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
