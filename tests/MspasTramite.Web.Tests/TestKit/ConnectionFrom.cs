using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace MspasTramite.Web.Tests.TestKit;

/// The in-memory test server has no network connection, so a request has no remote address. A test
/// that needs one (who may read /metrics) names it in this header, and the test server (not the app)
/// makes it the connection's address before the app's own middleware runs, as Kestrel does from the
/// TCP peer. The app never sees the header.
public static class ConnectionFrom
{
    public const string Header = "X-Test-Connection-From";

    public static HttpRequestMessage Request(HttpMethod method, string url, string? address)
    {
        var request = new HttpRequestMessage(method, new Uri(url, UriKind.RelativeOrAbsolute));
        if (address is not null)
        {
            request.Headers.Add(Header, address);
        }

        return request;
    }

    /// Every request of this browser from now on comes from <paramref name="address"/>.
    public static WebSession ConnectingFrom(this WebSession session, string address)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Client.DefaultRequestHeaders.Remove(Header);
        session.Client.DefaultRequestHeaders.Add(Header, address);
        return session;
    }

    internal sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.Remove(Header, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// What Prometheus is to the app under test: a network it scrapes from, and a token it may send instead.
public static class MetricsScraper
{
    public const string Network = "10.20.0.0/16";
    public const string AddressInNetwork = "10.20.30.40";
    public const string ProxyInNetwork = "10.20.0.2";
    public const string AddressOutside = "203.0.113.7";
    public const string Token = "metrics-token-of-the-tests-0123456789";
}
