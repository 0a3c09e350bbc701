using System.Net;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Infrastructure;

[Collection(SqliteApp.Name)]
public sealed class TypedTextBindingTests_Sqlite(SqliteAppFactory app) : TypedTextBindingTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class TypedTextBindingTests_Postgres(PostgresAppFactory app) : TypedTextBindingTests<PostgresAppFactory>(app);

/// Every text a request binds is cleaned once for the whole app (TypedTextModelBinder): what a
/// person cannot see (controls, direction overrides, zero-width characters) never reaches the
/// database, and so never an email, a PDF or the back office; multi-line text keeps its lines.
public abstract class TypedTextBindingTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Theory]
    [MemberData(nameof(DirtyNames.Rows), MemberType = typeof(DirtyNames))]
    public async Task Register_WhenFullNameHasHiddenCharacters_StoresEmailsAndShowsItClean(string typed, string clean)
    {
        using var browser = app.CreateSession();
        var registration = TestData.NewRegistration() with { FullName = typed };

        await browser.RegisterSuccessfullyAsync(registration);

        var stored = await app.WithDbAsync(db => db.Users.Where(u => u.Email == registration.Email).Select(u => u.FullName).SingleAsync());
        Assert.Equal(clean, stored);
        var confirmation = await Mailbox.WaitForSubjectAsync(registration.Email, AccountFlows.ConfirmEmailSubject);
        Assert.Contains($"Hola {clean}:", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Equal("Correo confirmado", (await browser.ConfirmEmailFromMailAsync(registration.Email)).Title);
        await browser.SignInSuccessfullyAsync(registration.Email, registration.Password);
        var home = await browser.GetPageAsync("/mis-solicitudes");
        Assert.Contains($"Bienvenido(a), {clean}.", home.Text, StringComparison.Ordinal);
        AssertNothingHidden(home.Html);
    }

    [Fact]
    public async Task Register_WhenFullNameHasNul_AsMultipart_StoresItClean()
    {
        using var browser = app.CreateSession();
        var registration = TestData.NewRegistration() with { FullName = "Ana\0 María\0 López" };
        var page = await browser.GetPageAsync("/cuenta/registro");

        using var response = await browser.SubmitAsMultipartAsync(page, registration.ToForm());

        Assert.Equal("/cuenta/registro/revise-su-correo", response.RedirectPath());
        Assert.Equal("Ana María López", await app.WithDbAsync(db => db.Users.Where(u => u.Email == registration.Email).Select(u => u.FullName).SingleAsync()));
    }

    [Fact]
    public async Task Register_WhenFormEncodedFullNameHasNul_IsRefusedWholeAndCreatesNothing()
    {
        // The framework refuses a form-encoded %00 before any page reads the form.
        using var browser = app.CreateSession();
        var registration = TestData.NewRegistration() with { FullName = "Ana\0 María López" };

        using var response = await browser.RegisterAsync(registration);

        var page = await response.ReadPageAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Solicitud no válida", page.Title);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == registration.Email)));
    }

    [Fact]
    public async Task Register_WhenRefused_ShowsTheNameAgainClean()
    {
        using var browser = app.CreateSession();
        var registration = TestData.NewRegistration() with { FullName = "\u202EAna María\u001b López\u200B", Cui = "1680352240101" };

        using var response = await browser.RegisterAsync(registration);

        var page = await response.ReadPageAsync();
        Assert.NotEmpty(page.SummaryErrors);
        Assert.Equal("Ana María López", page.InputValue("Input.FullName"));
        AssertNothingHidden(page.Html);
    }

    [Fact]
    public async Task StaffCreate_WhenFullNameHasHiddenCharacters_StoresItClean()
    {
        var admin = await app.CreateAccountAsync(Roles.AdministradorServicio);
        using var browser = await app.SignedInSessionAsync(admin);
        var email = TestData.NewEmail("analista");

        using var response = await browser.SubmitAsync("/admin/personal/nueva", new Dictionary<string, string?>
        {
            ["Input.FullName"] = "Luis\u202E Analista\u0007 Pérez",
            ["Input.Email"] = email,
            ["Input.Role"] = Roles.Analista,
        });

        Assert.Equal("/admin/personal", response.RedirectPath());
        Assert.Equal("Luis Analista Pérez", await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.FullName).SingleAsync()));
    }

    [Fact]
    public async Task InternalNote_KeepsItsLinesAndTabsAndLosesWhatCannotBeSeen()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.InReviewAsync(analyst);
        using var browser = await app.SignedInSessionAsync(analyst.Account);
        var marker = Guid.NewGuid().ToString("N");

        var page = await browser.ActSuccessfullyAsync(file.Id, "Note", new Dictionary<string, string?>
        {
            ["Note"] = $"Plano {marker}\r\n\tfalta\u202E la firma\u0007\r\nLlamar\u001b[2J al solicitante",
        });

        var stored = await app.WithDbAsync(db => db.ApplicationEvents.Where(e => e.ApplicationId == file.Id && e.Kind == "note").Select(e => e.Note).SingleAsync());
        Assert.Equal($"Plano {marker}\n\tfalta la firma\nLlamar[2J al solicitante", stored);
        Assert.Contains($"Plano {marker}", page.Text, StringComparison.Ordinal);
        AssertNothingHidden(page.Html);
    }

    [Fact]
    public async Task Search_WhenQueryHasNul_AnswersWithTheCleanSearch()
    {
        using var browser = app.CreateSession();

        using var response = await browser.GetAsync("/tramites?q=f%C3%A1brica%00");

        var page = await response.ReadPageAsync(HttpStatusCode.OK);
        Assert.Equal("fábrica", page.InputValue("q"));
        Assert.NotNull(page.Document.QuerySelector($"main a[href='/tramites/{ProcedureSlugs.FoodFactory}']"));
    }

    private static void AssertNothingHidden(string html)
    {
        foreach (var hidden in (string[])["\u001b", "\0", "\u202E", "\u202C", "\u200B", "\u2066", "\uFEFF", "&#x1B;", "&#x202E;", "&#x200B;", "&#x2066;", "&#xFEFF;"])
        {
            Assert.DoesNotContain(hidden, html, StringComparison.OrdinalIgnoreCase);
        }
    }
}

/// Names as a crafted request may send them, and as the app keeps them.
public static class DirtyNames
{
    public static TheoryData<string, string> Rows() => new()
    {
        { "Ana\u001b[31m María\u001b[0m López", "Ana[31m María[0m López" }, // a terminal escape sequence loses its ESC
        { "\u202EAna María López\u202C", "Ana María López" }, // right-to-left override and its pop
        { "Ana\u200B María\u2066 López\uFEFF", "Ana María López" },
        { "Ana\r\nMaría\tLópez", "Ana María López" }, // one line: a pasted break is a space
        { "Jose\u0301 Ñandú", "José Ñandú" }, // composed, as searches and comparisons expect
    };
}
