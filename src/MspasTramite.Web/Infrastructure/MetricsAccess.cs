using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace MspasTramite.Web.Infrastructure;

/// Who may read /metrics. Its figures (payments, queues, outbox) are not public: outside Development
/// only a scraper reads them, known by its network (Metrics:AllowedNetworks, CIDR list) or by a token
/// (Metrics:BearerToken, sent as "Authorization: Bearer …"). Anyone else gets the 404 of an address
/// that does not exist, so the endpoint is not even revealed. With neither configured, nobody reads it.
public sealed class MetricsAccess
{
    public const string Section = "Metrics";

    // Long enough that guessing it through an endpoint without a rate limit is hopeless.
    private const int MinimumTokenLength = 24;

    private readonly bool open;
    private readonly IReadOnlyList<IPNetwork> networks;
    private readonly byte[]? tokenHash;

    private MetricsAccess(bool open, IReadOnlyList<IPNetwork> networks, string? token)
    {
        this.open = open;
        this.networks = networks;
        tokenHash = token is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// Reads the Metrics section; a malformed network or a short token stops the service at start.
    public static MetricsAccess FromConfiguration(IConfiguration configuration, bool isDevelopment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var networks = new List<IPNetwork>();
        // "10.0.0.0/8, 192.168.0.0/16" from an environment variable, or a list in appsettings.json.
        var entries = (section["AllowedNetworks"] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(section.GetSection("AllowedNetworks").GetChildren().Select(c => c.Value ?? ""));
        foreach (var entry in entries.Where(e => e.Length > 0))
        {
            networks.Add(IPNetwork.TryParse(entry, out var network)
                ? network
                : throw new InvalidOperationException($"{Section}:AllowedNetworks holds '{entry}', which is not a network in CIDR notation such as 10.0.0.0/8."));
        }

        var token = section["BearerToken"];
        if (string.IsNullOrEmpty(token))
        {
            token = null;
        }
        else if (token.Length < MinimumTokenLength)
        {
            throw new InvalidOperationException($"{Section}:BearerToken must be at least {MinimumTokenLength} characters long (a random string, kept in a secret).");
        }

        return new MetricsAccess(isDevelopment, networks, token);
    }

    public bool Allows(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return open || HasToken(context.Request) || FromAllowedNetwork(context);
    }

    private bool HasToken(HttpRequest request)
    {
        if (tokenHash is null
            || !AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var authorization)
            || !string.Equals(authorization.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || authorization.Parameter is null)
        {
            return false;
        }

        // Hashes of equal length, compared in constant time: the answer's timing tells nothing of the token.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(authorization.Parameter)), tokenHash);
    }

    /// The network rule is for a scraper that reaches the app directly (Prometheus in the pod network).
    /// A request relayed by a proxy is never let in by an address: without ReverseProxy:Enabled the
    /// address is the proxy's own, an internal one, whoever is behind it; with it, the app has taken
    /// the client's from X-Forwarded-For (and left X-Original-For). Either way the token is needed.
    private bool FromAllowedNetwork(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (networks.Count == 0
            || headers.ContainsKey(ForwardedHeadersDefaults.XForwardedForHeaderName)
            || headers.ContainsKey(ForwardedHeadersDefaults.XOriginalForHeaderName)
            || headers.ContainsKey("Forwarded")
            || context.Connection.RemoteIpAddress is not { } address)
        {
            return false;
        }

        // A dual-stack socket reports an IPv4 client as ::ffff:10.1.2.3.
        var client = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return networks.Any(n => n.Contains(client));
    }
}

public static class MetricsAccessExtensions
{
    /// Serves the endpoint only to whom <see cref="MetricsAccess"/> allows; anyone else gets a 404,
    /// which the status code pages turn into the same "Página no encontrada" as any unknown address.
    public static IEndpointConventionBuilder RestrictToScrapers(this IEndpointConventionBuilder endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        endpoint.Add(b =>
        {
            var serve = b.RequestDelegate ?? throw new InvalidOperationException($"{b.DisplayName} has no request delegate to guard.");
            b.RequestDelegate = context =>
            {
                if (context.RequestServices.GetRequiredService<MetricsAccess>().Allows(context))
                {
                    return serve(context);
                }

                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            };
        });
        return endpoint;
    }
}
