using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace MspasTramite.PaymentSandbox.Pages;

/// The sandbox's HTML: whole pages written as strings, every value encoded, no inline script or style
/// (the app's Content-Security-Policy forbids both); the look comes from one stylesheet of its own.
internal static class HtmlPage
{
    private static readonly Lazy<byte[]> Stylesheet = new(() =>
    {
        using var stream = typeof(HtmlPage).Assembly.GetManifestResourceStream("MspasTramite.PaymentSandbox.sandbox.css")
            ?? throw new InvalidOperationException("The sandbox stylesheet is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    // Spanish text stays readable in the source; markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string E(string? value) => Encoder.Encode(value ?? "");

    public static string Base(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.PathBase + PaymentSandboxOptions.PathPrefix;
    }

    /// Writes a page. formTargets are the other origins the page's forms may end up at (a redirect to
    /// the app's success_url): a browser applies form-action to redirects too.
    public static Task WriteAsync(HttpContext http, int status, string title, string body, IEnumerable<string?>? formTargets = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var origins = (formTargets ?? [])
            .Select(u => Uri.TryCreate(u?.Replace("{CHECKOUT_SESSION_ID}", "x", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                ? uri.GetLeftPart(UriPartial.Authority)
                : null)
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase);
        var formAction = string.Join(' ', ["'self'", .. origins]);
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy =
            $"default-src 'none'; style-src 'self'; img-src 'self' data:; form-action {formAction}; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "same-origin";
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";

        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"es\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"robots\" content=\"noindex\">\n")
            .Append("<title>").Append(E(title)).Append(" — Pasarela de pruebas</title>\n")
            .Append("<link rel=\"icon\" href=\"data:,\">\n")
            .Append("<link rel=\"stylesheet\" href=\"").Append(E(Base(http))).Append("/sandbox.css\">\n")
            .Append("</head>\n<body>\n")
            .Append("<a class=\"skip-link\" href=\"#contenido\">Saltar al contenido</a>\n")
            .Append("<header class=\"banner\"><p><strong>Pasarela de pagos de prueba</strong> — compatible con Stripe; ")
            .Append("aquí no se cobra dinero real.</p></header>\n")
            .Append("<main id=\"contenido\" class=\"main\">\n")
            .Append(body)
            .Append("\n</main>\n</body>\n</html>\n");
        return http.Response.WriteAsync(html.ToString(), Encoding.UTF8, http.RequestAborted);
    }

    public static async Task WriteStylesheetAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.ContentType = "text/css; charset=utf-8";
        http.Response.Headers.CacheControl = "public, max-age=3600";
        await http.Response.Body.WriteAsync(Stylesheet.Value, http.RequestAborted).ConfigureAwait(false);
    }
}
