using System.Net;
using System.Text;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Infrastructure;

[Collection(SqliteApp.Name)]
public sealed class HostileHeaderTests_Sqlite(SqliteAppFactory app) : HostileHeaderTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class HostileHeaderTests_Postgres(PostgresAppFactory app) : HostileHeaderTests<PostgresAppFactory>(app);

/// No input gives a 500, in what a request carries besides its address and form: the headers and
/// cookies the app or the framework reads (language, sign-in, antiforgery, TempData, proxies), and
/// bodies the form reader cannot read. Each is refused or ignored; the page still answers.
public abstract class HostileHeaderTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Theory]
    [MemberData(nameof(HostileRequests.Headers), MemberType = typeof(HostileRequests))]
    public async Task Get_WithHostileHeader_AnswersWithoutAServerError(string header, string value)
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        using var anonymous = app.CreateSession();
        using var signedIn = await app.SignedInSessionAsync(citizen);

        foreach (var (browser, path) in (IEnumerable<(WebSession, string)>)[(anonymous, "/"), (anonymous, "/tramites"), (anonymous, "/cuenta/ingresar"), (signedIn, "/mis-solicitudes"), (signedIn, "/favicon.svg")])
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation(header, value);

            using var response = await browser.Client.SendAsync(request);

            Assert.True(response.StatusCode < HttpStatusCode.InternalServerError, $"{path} with {header}: {(int)response.StatusCode}");
        }
    }

    [Theory]
    [MemberData(nameof(HostileRequests.Headers), MemberType = typeof(HostileRequests))]
    public async Task Post_WithHostileHeader_AnswersWithoutAServerError(string header, string value)
    {
        using var browser = app.CreateSession();
        var page = await browser.GetPageAsync("/cuenta/ingresar");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cuenta/ingresar")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = page.AntiforgeryToken,
                ["Input.Email"] = TestData.NewEmail(),
                ["Input.Password"] = TestData.NewPassword(),
            }),
        };
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await browser.Client.SendAsync(request);

        Assert.True(response.StatusCode < HttpStatusCode.InternalServerError, $"{header}: {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("iso-8859-1")]
    [InlineData("utf-16")]
    public async Task Post_WithAFormInAnotherCharsetThanUtf8_IsRefusedWith415(string charset)
    {
        using var browser = app.CreateSession();
        var page = await browser.GetPageAsync("/cuenta/ingresar");
        using var content = new StringContent($"__RequestVerificationToken={Uri.EscapeDataString(page.AntiforgeryToken)}&Input.Email=ana%40prueba.gt", Encoding.UTF8);
        content.Headers.ContentType = new("application/x-www-form-urlencoded") { CharSet = charset };

        using var response = await browser.Client.PostAsync(new Uri("/cuenta/ingresar", UriKind.Relative), content);

        var refused = await response.ReadPageAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("Solicitud no válida", refused.Title);
    }

    [Theory]
    [MemberData(nameof(HostileRequests.Bodies), MemberType = typeof(HostileRequests))]
    public async Task Post_WithABodyTheFormReaderCannotRead_IsRefusedWithoutAServerError(string contentType, string body)
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = await app.SignedInSessionAsync(citizen);
        _ = await browser.GetPageAsync("/mis-solicitudes");

        foreach (var path in (string[])["/cuenta/ingresar", "/cuenta/registro", "/idioma", "/mis-solicitudes/nueva?tramite=" + ProcedureSlugs.FoodFactory])
        {
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);

            using var response = await browser.Client.PostAsync(new Uri(path, UriKind.Relative), content);

            Assert.True(response.StatusCode < HttpStatusCode.InternalServerError, $"{path}: {(int)response.StatusCode}");
        }
    }
}

/// Headers, cookies and bodies as a crafted request may send them.
public static class HostileRequests
{
    private static readonly string Long = new('a', 10_000);

    public static TheoryData<string, string> Headers() => new()
    {
        { "Accept-Language", "\0" },
        { "Accept-Language", Long },
        { "Accept-Language", "es-GT;q=abc, *;q=1e999, ,;;" },
        { "Cookie", ".AspNetCore.Culture=c=\0|uic=\0" },
        { "Cookie", ".AspNetCore.Culture=c=xx-XX|uic=" + Long },
        { "Cookie", ".AspNetCore.Culture=%ZZ%00" },
        { "Cookie", "mspas.auth=" + Long },
        { "Cookie", "mspas.auth=CfDJ8\0%00garbage" },
        { "Cookie", "mspas.af=\0" },
        { "Cookie", ".AspNetCore.Mvc.CookieTempDataProvider=CfDJ8garbage\0" },
        { "Cookie", ".AspNetCore.Mvc.CookieTempDataProvider=" + Long },
        { "Cookie", "=;;=;" + Long + "=" },
        { "X-Forwarded-For", "\0, " + Long },
        { "X-Forwarded-Proto", "\0" },
        { "X-Forwarded-Host", Long },
        { "Referer", "\0javascript:" + Long },
        { "User-Agent", "\0" + Long },
        { "If-Modified-Since", "\0 not a date" },
        { "Range", "bytes=\0-" + Long },
    };

    public static TheoryData<string, string> Bodies() => new()
    {
        { "multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--" }, // no boundary declared
        { "multipart/form-data; boundary=x", "not multipart at all" },
        { "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"" + Long + "\"\r\n\r\n" + Long + "\r\n--x--\r\n" },
        { "application/x-www-form-urlencoded", "a=%ZZ&%00=%00&" + Long },
        { "application/x-www-form-urlencoded", string.Join('&', Enumerable.Range(0, 5_000).Select(i => $"k{i}=v")) }, // over the framework's value count limit
        { "application/x-www-form-urlencoded; charset=utf-7", "Input.Email=+ADw-" }, // .NET refuses to decode UTF-7 at all
        { "application/x-www-form-urlencoded; charset=no-such-charset", "Input.Email=x" },
        { "text/plain", "\0\0\0" },
        { "application/json", "{\"Input\":{\"Email\":\"\\u0000\"}}" },
    };
}
