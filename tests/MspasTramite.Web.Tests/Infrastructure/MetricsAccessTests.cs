using System.Net;
using System.Net.Http.Headers;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Infrastructure;

[Collection(SqliteApp.Name)]
public sealed class MetricsAccessTests_Sqlite(SqliteAppFactory app) : MetricsAccessTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class MetricsAccessTests_Postgres(PostgresAppFactory app) : MetricsAccessTests<PostgresAppFactory>(app);

/// /metrics (payments, queues, outbox) is for the scraper only: a client from Metrics:AllowedNetworks
/// (10.20.0.0/16 here) or one with Metrics:BearerToken. Anyone else gets the same 404 as an address
/// that does not exist.
public abstract class MetricsAccessTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Theory]
    [InlineData(MetricsScraper.AddressInNetwork)]
    [InlineData("::ffff:" + MetricsScraper.AddressInNetwork)] // IPv4 on a dual-stack socket
    public async Task Get_FromAnAddressInTheAllowedNetwork_ServesTheMetrics(string address)
    {
        using var response = await GetMetricsAsync(address);

        await MetricsAssert.ServedAsync(response);
    }

    [Fact]
    public async Task Get_WithTheToken_ServesTheMetrics()
    {
        using var response = await GetMetricsAsync(MetricsScraper.AddressOutside, new("Bearer", MetricsScraper.Token));

        await MetricsAssert.ServedAsync(response);
    }

    [Fact]
    public async Task Get_WithoutCredentials_Returns404LikeAnAddressThatDoesNotExist()
    {
        using var browser = app.CreateSession();
        using var unknown = await browser.GetAsync("/metricas-que-no-existen");

        using var response = await GetMetricsAsync(address: null);

        await PageAssert.IsNotFoundAsync(response);
        // The same page, but for the form tokens of each response.
        var expected = (await unknown.ReadPageAsync(HttpStatusCode.NotFound)).Document.QuerySelector("main")!.OuterHtml;
        Assert.Equal(expected, (await response.ReadPageAsync(HttpStatusCode.NotFound)).Document.QuerySelector("main")!.OuterHtml);
    }

    [Theory]
    [InlineData("Bearer", "otro-token-que-no-es-el-configurado-000")]
    [InlineData("Bearer", MetricsScraper.Token + "x")]
    [InlineData("Bearer", "metrics-token-of-the-tests")] // a prefix of it
    [InlineData("Basic", MetricsScraper.Token)]
    public async Task Get_WithAWrongToken_Returns404(string scheme, string token)
    {
        using var response = await GetMetricsAsync(MetricsScraper.AddressOutside, new(scheme, token));

        await PageAssert.IsNotFoundAsync(response);
    }

    [Fact]
    public async Task Get_FromAnAddressOutsideTheNetwork_Returns404()
    {
        using var response = await GetMetricsAsync(MetricsScraper.AddressOutside);

        await PageAssert.IsNotFoundAsync(response);
    }

    /// Without ReverseProxy:Enabled the connection's address is the proxy's own, an internal one,
    /// whoever is behind it: a relayed request is never let in by its address.
    [Fact]
    public async Task Get_RelayedByAProxyInTheNetwork_Returns404()
    {
        using var response = await GetMetricsAsync(MetricsScraper.ProxyInNetwork, forwardedFor: MetricsScraper.AddressOutside);

        await PageAssert.IsNotFoundAsync(response);
    }

    private Task<HttpResponseMessage> GetMetricsAsync(string? address, AuthenticationHeaderValue? authorization = null, string? forwardedFor = null) =>
        MetricsAssert.GetAsync(app, address, authorization, forwardedFor);
}

/// Behind the load balancer (ReverseProxy:Enabled) the client's address comes from X-Forwarded-For,
/// which the client itself may have written: claiming an address of the network gets nothing.
/// HTTP-level behaviour, the same on both engines: SQLite only.
public sealed class MetricsBehindProxyTests(SqliteBehindProxyAppFactory app) : IClassFixture<SqliteBehindProxyAppFactory>
{
    [Fact]
    public async Task Get_RelayedForAClientClaimingAnAddressInTheNetwork_Returns404()
    {
        using var response = await MetricsAssert.GetAsync(app, MetricsScraper.ProxyInNetwork, forwardedFor: MetricsScraper.AddressInNetwork);

        await PageAssert.IsNotFoundAsync(response);
    }

    [Fact]
    public async Task Get_RelayedWithTheToken_ServesTheMetrics()
    {
        using var response = await MetricsAssert.GetAsync(app, MetricsScraper.ProxyInNetwork, new("Bearer", MetricsScraper.Token), MetricsScraper.AddressOutside);

        await MetricsAssert.ServedAsync(response);
    }

    [Fact]
    public async Task Get_FromTheScraperDirectly_ServesTheMetrics()
    {
        using var response = await MetricsAssert.GetAsync(app, MetricsScraper.AddressInNetwork);

        await MetricsAssert.ServedAsync(response);
    }
}

/// A scraper setting that cannot work stops the service at start instead of leaving /metrics open or shut by surprise.
public sealed class MetricsConfigurationTests
{
    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.1")] // an address alone is not a network
    [InlineData("10.0.0.0/8, red-interna")]
    public async Task Start_WithAMalformedNetwork_FailsNamingIt(string networks)
    {
        var error = await SqliteWithSettingAppFactory.StartErrorAsync("Metrics:AllowedNetworks", networks);

        Assert.Contains("Metrics:AllowedNetworks holds", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithAShortToken_Fails()
    {
        var error = await SqliteWithSettingAppFactory.StartErrorAsync("Metrics:BearerToken", "prometheus");

        Assert.Contains("Metrics:BearerToken must be at least 24 characters long", error, StringComparison.Ordinal);
    }
}

internal static class MetricsAssert
{
    public static async Task<HttpResponseMessage> GetAsync(MspasAppFactory app, string? address, AuthenticationHeaderValue? authorization = null, string? forwardedFor = null)
    {
        using var browser = app.CreateSession();
        using var request = ConnectionFrom.Request(HttpMethod.Get, "/metrics", address);
        request.Headers.Authorization = authorization;
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await browser.Client.SendAsync(request);
    }

    public static async Task ServedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE http_requests_received_total counter", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
