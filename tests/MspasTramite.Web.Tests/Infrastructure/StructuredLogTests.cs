using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Infrastructure;

[Collection(SqliteApp.Name)]
public sealed class StructuredLogTests_Sqlite(SqliteAppFactory app) : StructuredLogTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class StructuredLogTests_Postgres(PostgresAppFactory app) : StructuredLogTests<PostgresAppFactory>(app);

/// Logs leave the app (the log collector, support staff): they must never carry a secret.
public abstract class StructuredLogTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Fact]
    public async Task RegisterConfirmAndSignIn_LogNeitherPasswordNorConfirmationToken()
    {
        using var browser = app.CreateSession();
        var registration = TestData.NewRegistration();
        await browser.RegisterSuccessfullyAsync(registration);
        var email = await Mailbox.WaitForSubjectAsync(registration.Email, AccountFlows.ConfirmEmailSubject);
        var link = Mailbox.LinkTo(email, "/cuenta/confirmar");
        var code = QueryHelpers.ParseQuery(link.Query)["code"].ToString();
        var token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        Assert.Equal("Correo confirmado", (await browser.GetPageAsync(link.PathAndQuery)).Title);
        await browser.SignInSuccessfullyAsync(registration.Email, registration.Password);
        using var wrongPassword = app.CreateSession();
        var typo = registration.Password + "x";
        (await wrongPassword.SignInAsync(registration.Email, typo)).Dispose();

        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == registration.Email).Select(u => u.Id).SingleAsync());
        var logs = app.Logs.Entries;

        // The flow was logged (so the capture works), with the user's id as a structured field…
        Assert.Contains(logs, e => e.Message.StartsWith("Sign-in succeeded", StringComparison.Ordinal)
                                   && e.Fields.Contains(new KeyValuePair<string, string?>("UserId", userId)));
        Assert.Contains(logs, e => e.Category.EndsWith("OutboxDispatcher", StringComparison.Ordinal) && e.Message.Contains("account.confirm-email", StringComparison.Ordinal));
        // …and no entry, in its message, fields or exception, holds a secret of it.
        string[] secrets = [registration.Password, typo, code, token];
        foreach (var secret in secrets)
        {
            var leaks = logs.Where(e => e.AllText.Contains(secret, StringComparison.Ordinal)).Select(e => $"{e.Level} {e.Category}: {e.Message}").ToList();
            Assert.True(leaks.Count == 0, $"A secret of the flow appears in the logs:\n{string.Join("\n", leaks)}");
        }
    }
}

// Each on an app of its own: the test takes its database away.
public sealed class RequestTraceLogTests_Sqlite(SqliteAppFactory app) : RequestTraceLogTests<SqliteAppFactory>(app), IClassFixture<SqliteAppFactory>;

public sealed class RequestTraceLogTests_Postgres(PostgresAppFactory app) : RequestTraceLogTests<PostgresAppFactory>(app), IClassFixture<PostgresAppFactory>;

/// The error page gives a "código de referencia" to quote to support; support must find that
/// request's JSON log lines by it. Read as the app's JSON console writes them (its formatter, its options).
public abstract class RequestTraceLogTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Fact]
    public async Task Request_ThatFails_WritesEveryLogLineWithTheReferenceCodeOfTheErrorPage()
    {
        await app.LoseDatabaseAsync();
        // Not a WebSession: a 500 is what this test expects.
        using var client = app.CreateDefaultClient(new Uri(MspasAppFactory.PublicBaseUrl));

        using var response = await client.GetAsync(new Uri("/tramites", UriKind.Relative));

        var page = await response.ReadPageAsync(HttpStatusCode.InternalServerError);
        Assert.Equal("Lo sentimos, algo salió mal", page.Title);
        var code = page.Document.QuerySelector("strong.code")?.TextContent.Trim() ?? "";
        Assert.Matches("^[0-9a-f]{32}$", code);
        // The request's lines: every line whose scopes say it was written for this request.
        var lines = app.Logs.Entries.Where(e => e.Json is not null).Select(e => JsonDocument.Parse(e.Json!).RootElement).ToList();
        var request = lines.Where(l => Scopes(l).Any(s => s.TryGetProperty("RequestPath", out var path) && path.GetString() == "/tramites")).ToList();
        var seen = $"Code {code}; the request's lines:\n{string.Join("\n", request)}";
        Assert.True(request.Any(l => l.GetProperty("LogLevel").GetString() == "Error"
                                     && l.GetProperty("Category").GetString() == "Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware"), seen);
        Assert.True(request.All(l => TraceId(l) == code), seen);
    }

    private static string? TraceId(JsonElement line) =>
        Scopes(line).Select(s => s.TryGetProperty("TraceId", out var id) ? id.GetString() : null).SingleOrDefault(id => id is not null);

    private static IEnumerable<JsonElement> Scopes(JsonElement line) =>
        line.TryGetProperty("Scopes", out var scopes) ? scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object) : [];
}
