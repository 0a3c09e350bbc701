using System.Net;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Review;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Backoffice;

[Collection(SqliteApp.Name)]
public sealed class RevokeTests_Sqlite(SqliteAppFactory app) : RevokeTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class RevokeTests_Postgres(PostgresAppFactory app) : RevokeTests<PostgresAppFactory>(app);

/// /backoffice/expedientes/{id}/revocar: a head of section revokes a licence, once, saying why.
public abstract class RevokeTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    private const string Reason = "Cierre ordenado por el área de salud tras la inspección de seguimiento.";

    [Fact]
    public async Task Get_WhenJefe_ShowsTheLicenceAndAReasonField()
    {
        var (application, licence) = await app.ApplicationWithResolutionAsync();
        using var browser = await JefeAsync();

        var page = await browser.GetPageAsync(Url(application));

        Assert.Equal($"Revocar la licencia {licence.Number}", page.Title);
        Assert.Contains(licence.Holder, page.Text, StringComparison.Ordinal);
        Assert.Contains(TestData.EstablishmentName, page.Text, StringComparison.Ordinal);
        var reason = page.Document.QuerySelector("main form[method=post] textarea[name='Input.Reason']");
        Assert.NotNull(reason);
        Assert.Equal("true", reason.GetAttribute("aria-required"));
        Assert.Equal("Motivo de la revocación", page.Document.QuerySelector("label[for=Input_Reason]")?.TextContent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Post_WhenReasonMissing_ShowsSpanishErrorAndRevokesNothing(string reason)
    {
        var (application, licence) = await app.ApplicationWithResolutionAsync();
        using var browser = await JefeAsync();

        using var response = await browser.SubmitAsync(Url(application), new Dictionary<string, string?> { ["Input.Reason"] = reason });

        var page = await response.ReadPageAsync(HttpStatusCode.OK);
        FormAssert.HasFieldError(page, "Input_Reason", "Escriba el motivo de la revocación.");
        Assert.Null((await app.FindResolutionAsync(application.Id))!.RevokedAt);
        Assert.DoesNotContain((await app.FindApplicationAsync(application.Id)).Events, e => e.Kind == "licence-revoked");
        Assert.Equal("Licencia auténtica y vigente", await VerificationResultAsync(licence));
    }

    [Fact]
    public async Task Post_WhenReasonTooLong_ShowsSpanishError()
    {
        var (application, _) = await app.ApplicationWithResolutionAsync();
        using var browser = await JefeAsync();

        using var response = await browser.SubmitAsync(Url(application), new Dictionary<string, string?> { ["Input.Reason"] = new string('a', 1001) });

        var page = await response.ReadPageAsync(HttpStatusCode.OK);
        FormAssert.HasFieldError(page, "Input_Reason", "El motivo puede tener como máximo 1000 caracteres.");
        Assert.Null((await app.FindResolutionAsync(application.Id))!.RevokedAt);
    }

    [Fact]
    public async Task Post_WhenJefeGivesReason_RevokesRedirectsToTheFileAndVerificationSaysRevoked()
    {
        var (application, licence) = await app.ApplicationWithResolutionAsync();
        var jefe = await app.CreateAccountAsync(Roles.Jefe);
        using var browser = await app.SignedInSessionAsync(jefe);

        using var response = await browser.SubmitAsync(Url(application), new Dictionary<string, string?> { ["Input.Reason"] = Reason });

        Assert.Equal($"/backoffice/expedientes/{application.Id}", response.RedirectPath());
        var next = await browser.GetPageAsync("/");
        Assert.Equal($"Licencia {licence.Number} revocada.", next.Notice);
        var stored = (await app.FindResolutionAsync(application.Id))!;
        Assert.Equal(await app.UserIdAsync(jefe), stored.RevokedById);
        Assert.Equal(Reason, stored.RevocationReason);
        Assert.Equal($"Licencia revocada el {GuatemalaTime.FormatDate(stored.RevokedAt!.Value)}", await VerificationResultAsync(licence));
        // The holder is told, with the reason.
        var email = await Mailbox.WaitForSubjectAsync(application.Owner.Email, $"Licencia {licence.Number} revocada");
        Assert.Contains($"Motivo: {Reason}", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WhenAlreadyRevoked_SaysSoWithoutAForm()
    {
        var (application, licence) = await app.ApplicationWithResolutionAsync();
        await app.RevokeAsync(licence.Id, Reason);
        var revokedAt = (await app.FindResolutionAsync(application.Id))!.RevokedAt!.Value;
        using var browser = await JefeAsync();

        var page = await browser.GetPageAsync(Url(application));

        Assert.Contains($"Esta licencia ya fue revocada el {GuatemalaTime.FormatDate(revokedAt)}.", page.Text, StringComparison.Ordinal);
        Assert.Contains(Reason, page.Text, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("main form[method=post]"));
    }

    [Fact]
    public async Task Post_WhenRevokedMeanwhile_KeepsTheFirstRevocation()
    {
        var (application, licence) = await app.ApplicationWithResolutionAsync();
        using var browser = await JefeAsync();
        var form = await browser.GetPageAsync(Url(application));
        await app.RevokeAsync(licence.Id, Reason, "otro-jefe");

        using var response = await browser.SubmitAsync(form, new Dictionary<string, string?> { ["Input.Reason"] = "Otro motivo." });

        var page = await response.ReadPageAsync(HttpStatusCode.OK);
        Assert.Contains("Esta licencia ya fue revocada el", page.Text, StringComparison.Ordinal);
        var stored = (await app.FindResolutionAsync(application.Id))!;
        Assert.Equal(("otro-jefe", Reason), (stored.RevokedById, stored.RevocationReason));
        Assert.Single((await app.FindApplicationAsync(application.Id)).Events, e => e.Kind == "licence-revoked");
    }

    [Fact]
    public async Task Get_WhenTheFileWasRejected_Returns404()
    {
        var (application, _) = await app.ApplicationWithResolutionAsync(ResolutionKind.Rejection);
        using var browser = await JefeAsync();

        using var response = await browser.GetAsync(Url(application));

        await PageAssert.IsNotFoundAsync(response);
    }

    [Fact]
    public async Task Get_WhenNoResolution_Returns404()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
        using var browser = await JefeAsync();

        using var response = await browser.GetAsync(Url(application));

        await PageAssert.IsNotFoundAsync(response);
    }

    [Fact]
    public async Task Get_WhenAnalyst_IsDenied()
    {
        var (application, _) = await app.ApplicationWithResolutionAsync();
        var analyst = await app.CreateAccountAsync(Roles.Analista);
        using var browser = await app.SignedInSessionAsync(analyst);

        using var response = await browser.GetAsync(Url(application));

        PageAssert.IsDenied(response);
    }

    [Fact]
    public async Task Post_WhenAnalyst_IsDeniedAndRevokesNothing()
    {
        var (application, _) = await app.ApplicationWithResolutionAsync();
        var analyst = await app.CreateAccountAsync(Roles.Analista);
        using var browser = await app.SignedInSessionAsync(analyst);
        // A valid antiforgery token of the analyst's own session, from any page with a form.
        var home = await browser.GetPageAsync("/");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = home.AntiforgeryToken,
            ["Input.Reason"] = Reason,
        });

        using var response = await browser.Client.PostAsync(new Uri(Url(application), UriKind.Relative), content);

        PageAssert.IsDenied(response);
        Assert.Null((await app.FindResolutionAsync(application.Id))!.RevokedAt);
    }

    [Theory]
    [InlineData(Roles.Solicitante)]
    [InlineData(Roles.Finanzas)]
    [InlineData(Roles.AdministradorServicio)]
    public async Task Get_WhenNotBackofficeStaff_IsDenied(string role)
    {
        var (application, _) = await app.ApplicationWithResolutionAsync();
        var someone = await app.CreateAccountAsync(role);
        using var browser = await app.SignedInSessionAsync(someone);

        using var response = await browser.GetAsync(Url(application));

        PageAssert.IsDenied(response);
    }

    [Fact]
    public async Task Get_WhenAnonymous_RedirectsToSignIn()
    {
        var (application, _) = await app.ApplicationWithResolutionAsync();
        using var browser = app.CreateSession();

        using var response = await browser.GetAsync(Url(application));

        PageAssert.RedirectsToSignIn(response);
    }

    private async Task<WebSession> JefeAsync() => await app.SignedInSessionAsync(await app.CreateAccountAsync(Roles.Jefe));

    private async Task<string> VerificationResultAsync(Resolution licence)
    {
        using var anonymous = app.CreateSession();
        var page = await anonymous.GetPageAsync($"/verificar/{licence.VerificationCode}");
        return page.Document.QuerySelector(".panel .panel__title")!.TextContent.Trim();
    }

    private static string Url(TestApplication application) => $"/backoffice/expedientes/{application.Id}/revocar";
}
