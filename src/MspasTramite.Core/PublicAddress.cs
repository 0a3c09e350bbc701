using Microsoft.Extensions.Configuration;

namespace MspasTramite.Core;

/// The service's one public address (PublicBaseUrl, e.g. https://tramites.mspas.gob.gt), from which
/// every link it hands out is made: in emails, in the PDFs' QR codes, and the gateway's return
/// addresses. Never the request's Host header: whoever sends a request chooses that, and a password
/// reset asked for with "Host: evil.example" would otherwise email a genuine token to evil.example.
public sealed class PublicAddress
{
    public const string Key = "PublicBaseUrl";

    private readonly string origin;

    public PublicAddress(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!IsValid(baseUrl))
        {
            throw new ArgumentException($"{Key} must be an absolute http(s) address without query or fragment: {baseUrl}", nameof(baseUrl));
        }

        BaseUrl = baseUrl;
        origin = baseUrl.AbsoluteUri.TrimEnd('/');
    }

    public Uri BaseUrl { get; }

    /// The host name requests are expected under (its ASCII form, as a Host header carries it).
    public string Host => BaseUrl.IdnHost;

    /// The absolute address of a path of this service ("/verificar/ABC" → "https://…/verificar/ABC").
    /// A string, not a Uri: Stripe's "{CHECKOUT_SESSION_ID}" placeholder must reach it unescaped.
    public string Link(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        if (!pathAndQuery.StartsWith('/') || pathAndQuery.StartsWith("//", StringComparison.Ordinal))
        {
            throw new ArgumentException($"A path of this service, starting with one '/': {pathAndQuery}", nameof(pathAndQuery));
        }

        return origin + pathAndQuery;
    }

    /// Reads PublicBaseUrl. A missing or malformed address stops the service at start (Development
    /// has its own, http://localhost:5080, in appsettings.Development.json): a wrong link is otherwise
    /// only found when someone follows it, which is too late.
    public static PublicAddress FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[Key];
        if (Uri.TryCreate(value, UriKind.Absolute, out var url) && IsValid(url))
        {
            return new PublicAddress(url);
        }

        throw new InvalidOperationException(
            $"{Key} must be set to the service's public address, an absolute http(s) URL such as https://tramites.mspas.gob.gt " +
            $"(environment variable {Key}); it is {(string.IsNullOrWhiteSpace(value) ? "missing" : $"'{value}'")}. " +
            "Every link in emails, PDFs and payment returns is made from it, never from the request's Host header.");
    }

    private static bool IsValid(Uri url) =>
        url.IsAbsoluteUri
        && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(url.Query)
        && string.IsNullOrEmpty(url.Fragment)
        && string.IsNullOrEmpty(url.UserInfo);
}
