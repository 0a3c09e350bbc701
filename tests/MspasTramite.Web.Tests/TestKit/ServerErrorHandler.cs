using System.Net;
using Microsoft.Extensions.Logging;

namespace MspasTramite.Web.Tests.TestKit;

/// No test expects a 500: when one happens, fail with what the app logged instead of a bare status.
public sealed class ServerErrorHandler(CapturedLogs logs) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var before = logs.Entries.Count;
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode >= HttpStatusCode.InternalServerError)
        {
            var errors = logs.Entries.Skip(before).Where(e => e.Level >= LogLevel.Error).Select(e => e.Message + "\n" + e.Exception);
            throw new HttpRequestException(
                $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}. The app logged:\n{string.Join("\n---\n", errors)}");
        }

        return response;
    }
}
