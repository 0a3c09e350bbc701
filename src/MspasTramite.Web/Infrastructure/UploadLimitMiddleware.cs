using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Applications;

namespace MspasTramite.Web.Infrastructure;

/// Marks a page whose posts carry one uploaded document.
[AttributeUsage(AttributeTargets.Class)]
public sealed class AcceptsUploadAttribute : Attribute;

/// Refuses an over-limit upload from its Content-Length, before any of the body is read or
/// buffered, and sends the person back to the page with a clear message. Bodies without a length
/// are cut off by the server at the same limit.
public sealed class UploadLimitMiddleware(RequestDelegate next, IOptions<UploadOptions> options)
{
    // Room for the multipart boundaries, headers and the antiforgery token around the file itself.
    private const long EnvelopeBytes = 64 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!HttpMethods.IsPost(context.Request.Method) || context.GetEndpoint()?.Metadata.GetMetadata<AcceptsUploadAttribute>() is null)
        {
            return next(context);
        }

        var limit = options.Value.MaxFileBytes + EnvelopeBytes;
        if (context.Request.ContentLength > limit)
        {
            var requirement = context.Request.Query["requisito"].ToString();
            var back = $"{context.Request.Path}?problema=tamano&requisito={Uri.EscapeDataString(requirement)}";
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = back;
            // Close rather than drain an upload we will not read.
            context.Response.Headers.Connection = "close";
            return Task.CompletedTask;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}
