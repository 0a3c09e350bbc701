using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Diagnostics;
using MspasTramite.PaymentSandbox.Storage;

namespace MspasTramite.PaymentSandbox.Api;

/// One API call: its parameters, the request id and idempotency key it carries, and the transaction
/// its work runs in.
internal sealed record ApiCall(StripeParams Parameters, RequestInfo Request, HttpContext Http, SandboxTransaction Transaction)
{
    public ParamNode Params => Parameters.Root;
}

/// What every Stripe API request goes through: the API key, form or query parameters, the
/// Idempotency-Key, and errors in Stripe's format.
internal sealed class ApiPipeline(
    SandboxDatabase database,
    TimeProvider clock,
    IOptions<PaymentSandboxOptions> options,
    ILogger<ApiPipeline> logger)
{
    private static readonly TimeSpan IdempotencyKeyLifetime = TimeSpan.FromHours(24);

    public async Task HandleAsync(HttpContext http, Func<ApiCall, JsonNode> operation)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(operation);

        // The host's status-code pages (the app's "/estado/404") must not replace JSON errors.
        if (http.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        var requestId = StripeIds.Request();
        http.Response.Headers["Request-Id"] = requestId;
        http.Response.Headers["Stripe-Version"] = http.Request.Headers["Stripe-Version"].FirstOrDefault() ?? options.Value.ApiVersion;

        try
        {
            Authenticate(http.Request);
            var isPost = HttpMethods.IsPost(http.Request.Method);
            var parameters = isPost && http.Request.HasFormContentType
                ? StripeParams.Parse(await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false))
                : StripeParams.Parse(http.Request.Query);
            var idempotencyKey = isPost ? http.Request.Headers["Idempotency-Key"].FirstOrDefault() : null;
            if (idempotencyKey is { Length: > 255 })
            {
                throw StripeApiException.InvalidRequest(
                    "Invalid Idempotency-Key header: must be at most 255 characters long.");
            }

            var request = new RequestInfo(requestId, idempotencyKey);
            var fingerprint = parameters.Fingerprint(http.Request.Method, http.Request.Path);
            var (body, replayedFrom) = await database.WriteAsync(tx =>
            {
                if (idempotencyKey is not null)
                {
                    tx.PruneIdempotencyKeys((clock.GetUtcNow() - IdempotencyKeyLifetime).ToUnixTimeSeconds());
                    if (tx.FindIdempotencyKey(idempotencyKey) is { } saved)
                    {
                        return saved.Fingerprint == fingerprint
                            ? (saved.Body, saved.RequestId)
                            : throw new StripeApiException(StatusCodes.Status400BadRequest, "idempotency_error",
                                $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{idempotencyKey}' if you meant to execute a different request.");
                    }
                }

                var result = StripeObjects.Serialize(operation(new ApiCall(parameters, request, http, tx)));
                if (idempotencyKey is not null)
                {
                    // Only completed requests are saved, as Stripe does: one that failed validation may be
                    // retried with the same key once corrected.
                    tx.SaveIdempotencyKey(new IdempotencyRecord(idempotencyKey, fingerprint, result, requestId),
                        clock.GetUtcNow().ToUnixTimeSeconds());
                }

                return (result, (string?)null);
            }, http.RequestAborted).ConfigureAwait(false);

            if (replayedFrom is not null)
            {
                http.Response.Headers["Idempotent-Replayed"] = "true";
                http.Response.Headers["Original-Request"] = replayedFrom;
            }

            await WriteJsonAsync(http, StatusCodes.Status200OK, body).ConfigureAwait(false);
        }
        catch (StripeApiException e)
        {
            logger.LogInformation("Sandbox API {Method} {Path}: {Status} {Type} {Message}",
                http.Request.Method, http.Request.Path.Value, e.StatusCode, e.Type, e.Message);
            if (e.StatusCode == StatusCodes.Status401Unauthorized)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer realm=\"Stripe\"";
            }

            await WriteJsonAsync(http, e.StatusCode, StripeObjects.Serialize(e.ToJson())).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            var error = StripeApiException.InvalidRequest("Invalid request body: " + e.Message);
            await WriteJsonAsync(http, StatusCodes.Status400BadRequest, StripeObjects.Serialize(error.ToJson())).ConfigureAwait(false);
        }
    }

    public static StripeApiException UnrecognizedUrl(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var path = http.Request.Path.Value ?? "";
        var v1 = path.IndexOf("/v1/", StringComparison.Ordinal);
        return new StripeApiException(StatusCodes.Status404NotFound, "invalid_request_error",
            $"Unrecognized request URL ({http.Request.Method}: {(v1 >= 0 ? path[v1..] : path)}). This sandbox implements only part of Stripe's API: Checkout Sessions, refunds, payment intents, charges and events.");
    }

    private static Task WriteJsonAsync(HttpContext http, int status, string body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-cache, no-store";
        return http.Response.WriteAsync(body, Encoding.UTF8, http.RequestAborted);
    }

    private void Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.FirstOrDefault();
        string? key = null;
        if (header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            key = header["Bearer ".Length..].Trim();
        }
        else if (header is not null && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            // Stripe also takes the key as the user name of HTTP basic auth (curl -u sk_test_…:).
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                key = decoded.Split(':', 2)[0];
            }
            catch (FormatException)
            {
                key = "";
            }
        }

        if (string.IsNullOrEmpty(key))
        {
            throw new StripeApiException(StatusCodes.Status401Unauthorized, "invalid_request_error",
                "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
        }

        var expected = Encoding.UTF8.GetBytes(options.Value.SecretKey);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), expected))
        {
            throw new StripeApiException(StatusCodes.Status401Unauthorized, "invalid_request_error",
                $"Invalid API Key provided: {Redact(key)}");
        }
    }

    private static string Redact(string key) =>
        key.Length <= 12 ? new string('*', key.Length) : key[..8] + new string('*', key.Length - 12) + key[^4..];
}
