using System.Net;
using System.Text.RegularExpressions;
using MspasTramite.Core.Identity;

namespace MspasTramite.Bench.Web;

/// Signs in through the app's own pages, as a browser does (antiforgery token, password, and for
/// staff the authenticator's code at the second step), and returns the session cookie for wrk.
internal static partial class WebSignIn
{
    public const string CookieName = "mspas.auth";

    public static async Task<string> SignInAsync(string baseUrl, string email, string password, string? authenticatorKey, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };

        var location = await PostFormAsync(client, "/cuenta/ingresar", new() { ["Input.Email"] = email, ["Input.Password"] = password }, cancellationToken);
        if (authenticatorKey is not null)
        {
            if (!location.StartsWith("/cuenta/ingresar/segundo-paso", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Expected the second step after the password, got {location}.");
            }

            var key = Totp.FromBase32(authenticatorKey) ?? throw new InvalidOperationException("Bad authenticator key.");
            var code = Totp.Code(key, Totp.TimeStep(DateTimeOffset.UtcNow));
            location = await PostFormAsync(client, location, new() { ["Input.Code"] = code }, cancellationToken);
        }

        var cookie = cookies.GetCookies(new Uri(baseUrl))[CookieName]
            ?? throw new InvalidOperationException($"No {CookieName} cookie after signing in {email} (sent to {location}).");
        return $"{CookieName}={cookie.Value}";
    }

    // GET the form for its antiforgery token, POST it back; the answer must be a redirect.
    private static async Task<string> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var form = await client.GetStringAsync(new Uri(path, UriKind.Relative), cancellationToken);
        var token = AntiforgeryToken().Match(form);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No antiforgery token on {path}.");
        }

        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        using var content = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is not { } next)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}, not a redirect: the sign-in failed.");
        }

        return next.OriginalString;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
