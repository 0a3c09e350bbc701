using System.Net;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Infrastructure;

[Collection(SqliteApp.Name)]
public sealed class HealthAndMetricsTests_Sqlite(SqliteAppFactory app) : HealthAndMetricsTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class HealthAndMetricsTests_Postgres(PostgresAppFactory app) : HealthAndMetricsTests<PostgresAppFactory>(app);

/// What the load balancer and Prometheus read: plain text, health for anyone, metrics for the scraper
/// (who may read them: MetricsAccessTests).
public abstract class HealthAndMetricsTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")] // includes the database check
    public async Task Get_HealthEndpoint_IsHealthyWithoutSigningIn(string path)
    {
        using var browser = app.CreateSession();

        using var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_Metrics_ReturnsPrometheusTextWithHttpMetrics()
    {
        using var browser = app.CreateSession();
        (await browser.GetAsync("/")).Dispose();
        browser.Client.DefaultRequestHeaders.Authorization = new("Bearer", MetricsScraper.Token);

        using var response = await browser.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE http_request_duration_seconds histogram", body, StringComparison.Ordinal);
        Assert.Contains("# TYPE http_requests_received_total counter", body, StringComparison.Ordinal);
        Assert.Contains("http_requests_received_total{code=\"200\",method=\"GET\"", body, StringComparison.Ordinal);
    }
}
