using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MspasTramite.PaymentSandbox.Storage;
using Stripe;

namespace MspasTramite.PaymentSandbox.Tests.TestKit;

public sealed class SandboxHostOptions
{
    public string? DataDirectory { get; set; }
    public bool WebhooksEnabled { get; set; } = true;
    public FakeWebhookReceiver Receiver { get; set; } = new();
    public TimeProvider? Clock { get; set; }
    public Dictionary<string, string?> Settings { get; } = [];
}

/// The sandbox mounted in a host shaped like the web app: a fallback policy that closes every
/// endpoint to anonymous callers, status-code pages, and the app's Content-Security-Policy. Stripe.net
/// talks to it through the test server's handler, exactly as the app will over HTTP.
public sealed class SandboxHost : IAsyncDisposable
{
    public const string SecretKey = "sk_test_mspas_sandbox";
    public const string WebhookSecret = "whsec_mspas_pruebas";
    public const string WebhookUrl = "http://app.test/webhooks/stripe";
    public const string ApiBase = "http://localhost/sandbox-pagos";
    public const string AppCsp = "default-src 'self'; script-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'";

    private readonly WebApplication app;
    private readonly TempDirectory? ownedDirectory;

    private SandboxHost(WebApplication app, TestServer server, FakeWebhookReceiver receiver, TempDirectory? ownedDirectory)
    {
        this.app = app;
        this.ownedDirectory = ownedDirectory;
        Server = server;
        Webhooks = receiver;
        Browser = server.CreateClient();
        Stripe = CreateStripeClient(server, SecretKey);
    }

    public TestServer Server { get; }

    public FakeWebhookReceiver Webhooks { get; }

    /// A browser that does not follow redirects, so tests see the sandbox's 303s.
    public HttpClient Browser { get; }

    public StripeClient Stripe { get; }

    public IServiceProvider Services => app.Services;

    public static StripeClient CreateStripeClient(TestServer server, string key)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new StripeClient(key, apiBase: ApiBase, httpClient: new SystemNetHttpClient(server.CreateClient()));
    }

    public static async Task<SandboxHost> StartAsync(Action<SandboxHostOptions>? configure = null)
    {
        var options = new SandboxHostOptions();
        configure?.Invoke(options);
        var owned = options.DataDirectory is null ? new TempDirectory() : null;
        try
        {
            return await StartAsync(options, owned);
        }
        catch
        {
            owned?.Dispose();
            throw;
        }
    }

    private static async Task<SandboxHost> StartAsync(SandboxHostOptions options, TempDirectory? owned)
    {

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var settings = new Dictionary<string, string?>
        {
            ["PaymentSandbox:SecretKey"] = SecretKey,
            ["PaymentSandbox:WebhookSecret"] = WebhookSecret,
            ["PaymentSandbox:WebhookUrl"] = options.WebhooksEnabled ? WebhookUrl : "",
            ["PaymentSandbox:DataDirectory"] = options.DataDirectory ?? owned!.Path,
            ["PaymentSandbox:WebhookRetryBaseDelay"] = "00:00:00.300",
            ["PaymentSandbox:PollInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        if (options.Clock is not null)
        {
            builder.Services.AddSingleton(options.Clock);
        }

        builder.Host.UseDefaultServiceProvider(o =>
        {
            o.ValidateOnBuild = true;
            o.ValidateScopes = true;
        });
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddPaymentSandbox(builder.Configuration);
        var receiver = options.Receiver;
        builder.Services.AddHttpClient(PaymentSandbox.Webhooks.WebhookDeliveryService.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => receiver);

        var app = builder.Build();
        app.UseStatusCodePages();
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.ContentSecurityPolicy = AppCsp;
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/privado", () => "solo con sesión");
        app.MapPaymentSandbox();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new SandboxHost(app, (TestServer)app.Services.GetRequiredService<IServer>(), receiver, owned);
    }

    /// An API response as raw JSON, for what Stripe.net's typed objects do not show.
    public async Task<System.Text.Json.JsonDocument> GetApiJsonAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiBase + path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", SecretKey);
        using var response = await Browser.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// The delivery row of an event, read straight from the sandbox's database.
    internal DeliveryRecord? Delivery(string eventId) =>
        app.Services.GetRequiredService<SandboxDatabase>().Read(tx => tx.FindDelivery(eventId));

    internal async Task<DeliveryRecord> WaitForDeliveryAsync(string eventId, Func<DeliveryRecord, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            if (Delivery(eventId) is { } d && condition(d))
            {
                return d;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Delivery of {eventId} did not reach the expected state: {Delivery(eventId)}");
            }

            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Browser.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        ownedDirectory?.Dispose();
    }
}
