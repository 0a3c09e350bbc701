using System.Net;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Infrastructure;

[Collection(SqliteApp.Name)]
public sealed class HostFilteringTests_Sqlite(SqliteAppFactory app) : HostFilteringTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class HostFilteringTests_Postgres(PostgresAppFactory app) : HostFilteringTests<PostgresAppFactory>(app);

/// Outside Development the service answers only to its own names: the host of PublicBaseUrl (here
/// localhost, AllowedHosts unset) and whatever AllowedHosts adds. Any other Host gets 400 before a page runs.
public abstract class HostFilteringTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    public const string ForeignHost = "evil.example";

    [Theory]
    [InlineData("/")]
    [InlineData("/cuenta/olvide-contrasena")]
    [InlineData("/health/ready")]
    [InlineData("/pagina-que-no-existe")]
    public async Task Get_WithForeignHost_Returns400(string path)
    {
        using var browser = app.CreateSession();

        using var response = await browser.GetWithHostAsync(path, ForeignHost);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostForgotPassword_WithForeignHost_Returns400AndQueuesNoEmail()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = app.CreateSession();
        var form = await browser.GetPageAsync("/cuenta/olvide-contrasena");
        browser.Client.DefaultRequestHeaders.Host = ForeignHost;

        using var response = await browser.SubmitAsync(form, new Dictionary<string, string?> { ["Input.Email"] = account.Email });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.To == account.Email)));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:8443")] // a port is not part of the name
    [InlineData("LOCALHOST")]
    public async Task Get_WithTheConfiguredHost_IsAnswered(string host)
    {
        using var browser = app.CreateSession();

        using var response = await browser.GetWithHostAsync("/", host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// AllowedHosts adds names to the host of PublicBaseUrl (tramites.mspas.test in this app); a name in
/// neither is refused. HTTP-level behaviour, the same on both engines: SQLite only.
[Collection(SqliteForgedHostApp.Name)]
public sealed class AllowedHostsTests(SqliteForgedHostAppFactory app)
{
    [Theory]
    [InlineData("localhost", HttpStatusCode.OK)]
    [InlineData(IForgedHostApp.ForgedHost, HttpStatusCode.OK)]
    [InlineData("tramites.mspas.test", HttpStatusCode.OK)]
    [InlineData("otro.example", HttpStatusCode.BadRequest)]
    [InlineData("tramites.mspas.test.evil.example", HttpStatusCode.BadRequest)]
    public async Task Get_WithHost_IsAnsweredOnlyForTheListedNames(string host, HttpStatusCode expected)
    {
        using var browser = app.CreateSession();

        using var response = await browser.GetWithHostAsync("/", host);

        Assert.Equal(expected, response.StatusCode);
    }
}

/// What a developer's machine allows that production does not: any Host, /metrics for anyone.
public sealed class DevelopmentTests(SqliteDevelopmentAppFactory app) : IClassFixture<SqliteDevelopmentAppFactory>
{
    [Fact]
    public async Task Get_WithAnyHost_IsAnswered()
    {
        using var browser = app.CreateSession();

        using var response = await browser.GetWithHostAsync("/", "192.168.1.20:5080");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_Metrics_WithoutCredentials_IsServed()
    {
        using var browser = app.CreateSession();

        using var response = await browser.GetAsync("/metrics");

        await MetricsAssert.ServedAsync(response);
    }
}

/// A service without its public address would email links nobody can check until someone follows
/// one: outside Development it does not start, and says why.
public sealed class PublicBaseUrlRequiredTests
{
    [Theory]
    [InlineData("")]
    [InlineData("tramites.mspas.gob.gt")]
    [InlineData("/cuenta")]
    public async Task Start_WithoutAnAbsolutePublicBaseUrl_FailsNamingTheSetting(string value)
    {
        var error = await SqliteWithSettingAppFactory.StartErrorAsync("PublicBaseUrl", value);

        Assert.Contains("PublicBaseUrl must be set to the service's public address", error, StringComparison.Ordinal);
    }
}

internal static class HostRequests
{
    /// GET with this Host header, which the test server hands to the app as the request's host.
    public static async Task<HttpResponseMessage> GetWithHostAsync(this WebSession browser, string path, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Host = host;
        return await browser.Client.SendAsync(request);
    }
}
