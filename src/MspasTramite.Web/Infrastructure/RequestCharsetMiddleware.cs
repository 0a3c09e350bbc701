using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;

namespace MspasTramite.Web.Infrastructure;

/// Request bodies are read as UTF-8, which is what browsers send forms in. A body declared in
/// another charset is refused with 415 before anything reads it: the framework's form reader asks
/// .NET for that encoding, and UTF-7 (disabled in .NET) throws, a 500 for a crafted request.
public sealed class RequestCharsetMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The status page, re-executed for the refusal, carries the same header and must not be refused.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is null
            && MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            && type.Charset is { HasValue: true } charset
            && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            && !charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
