using System.Net;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Review;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Verification;

[Collection(SqliteApp.Name)]
public sealed class VerifyResolutionTests_Sqlite(SqliteAppFactory app) : VerifyResolutionTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class VerifyResolutionTests_Postgres(PostgresAppFactory app) : VerifyResolutionTests<PostgresAppFactory>(app);

/// /verificar/{code} for resolutions: anyone with the code or the QR learns whether a licence is
/// authentic and in force, and nothing about the holder beyond what the licence itself shows.
public abstract class VerifyResolutionTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Fact]
    public async Task Get_LicenceInForce_SaysAuthenticAndShowsOnlyWhatTheLicenceShows()
    {
        var (application, licence) = await app.ApplicationWithResolutionAsync();

        var page = await VerifyAsync(licence.VerificationCode);

        Assert.Equal("Licencia auténtica y vigente", Panel(page));
        Assert.Equal(licence.Number, Field(page, "Licencia"));
        Assert.Equal(application.Owner.FullName, Field(page, "Titular"));
        Assert.Equal(TestData.EstablishmentName, Field(page, "Establecimiento"));
        Assert.Equal("Licencia sanitaria de fábrica de alimentos", Field(page, "Trámite"));
        Assert.Equal(GuatemalaTime.FormatDate(licence.IssuedAt), Field(page, "Fecha de emisión"));
        Assert.Equal(GuatemalaTime.FormatDate(licence.ValidFrom), Field(page, "Vigente desde"));
        Assert.Equal(GuatemalaTime.FormatDate(licence.ValidUntil!.Value), Field(page, "Vigente hasta"));
        Assert.Equal(
            ["Licencia", "Titular", "Establecimiento", "Trámite", "Fecha de emisión", "Vigente desde", "Vigente hasta"],
            page.Document.QuerySelectorAll(".summary-list dt").Select(dt => dt.TextContent.Trim()));
        AssertNothingPrivate(page, licence);
    }

    [Fact]
    public async Task Get_CompanyLicence_ShowsTheCompanyButNeitherItsNitNorThePersonsCui()
    {
        var (application, licence) = await app.ApplicationWithResolutionAsync(applicant: ApplicantKind.Company);

        var page = await VerifyAsync(licence.VerificationCode);

        Assert.Equal(TestData.CompanyName, Field(page, "Titular"));
        Assert.Equal(TestData.CompanyNit, licence.HolderId);
        AssertNothingPrivate(page, licence);
        Assert.DoesNotContain(application.Owner.FullName, page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_LicenceOnItsLastDay_IsStillInForce()
    {
        var (_, licence) = await app.ApplicationWithResolutionAsync();
        var today = ResolutionFlows.GuatemalaToday();
        await app.SetValidUntilAsync(licence.Id, today);

        var page = await VerifyAsync(licence.VerificationCode);

        Assert.Equal("Licencia auténtica y vigente", Panel(page));
        Assert.Equal(GuatemalaTime.FormatDate(today), Field(page, "Vigente hasta"));
    }

    [Fact]
    public async Task Get_LicencePastItsLastDay_SaysAuthenticButExpired()
    {
        var (_, licence) = await app.ApplicationWithResolutionAsync();
        var yesterday = ResolutionFlows.GuatemalaToday().AddDays(-1);
        await app.SetValidUntilAsync(licence.Id, yesterday);

        var page = await VerifyAsync(licence.VerificationCode);

        Assert.Equal($"Licencia auténtica, vencida el {GuatemalaTime.FormatDate(yesterday)}", Panel(page));
        Assert.Contains("panel--warning", page.Document.QuerySelector(".panel")!.ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("vigente", Panel(page), StringComparison.Ordinal);
        AssertNothingPrivate(page, licence);
    }

    [Fact]
    public async Task Get_LicenceThatNeverExpires_SaysSoAndIsInForce()
    {
        var (_, licence) = await app.ApplicationWithResolutionAsync();
        await app.SetValidUntilAsync(licence.Id, null);

        var page = await VerifyAsync(licence.VerificationCode);

        Assert.Equal("Licencia auténtica y vigente", Panel(page));
        Assert.Equal("Sin vencimiento", Field(page, "Vigente hasta"));
    }

    [Fact]
    public async Task Get_RevokedLicence_SaysRevokedOnItsDateWithoutTheReason()
    {
        var (_, licence) = await app.ApplicationWithResolutionAsync();
        const string reason = "Cierre ordenado por el área de salud tras la inspección de seguimiento.";
        Assert.Equal(RevokeOutcome.Revoked, await app.RevokeAsync(licence.Id, reason));
        var revoked = (await app.FindResolutionAsync(licence.ApplicationId))!;

        var page = await VerifyAsync(licence.VerificationCode);

        Assert.Equal($"Licencia revocada el {GuatemalaTime.FormatDate(revoked.RevokedAt!.Value)}", Panel(page));
        Assert.Contains("panel--danger", page.Document.QuerySelector(".panel")!.ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("auténtica y vigente", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(reason, page.Text, StringComparison.Ordinal);
        AssertNothingPrivate(page, licence);
    }

    [Fact]
    public async Task Get_RevokedLicenceAlsoExpired_SaysRevoked()
    {
        var (_, licence) = await app.ApplicationWithResolutionAsync();
        await app.SetValidUntilAsync(licence.Id, ResolutionFlows.GuatemalaToday().AddDays(-1));
        await app.RevokeAsync(licence.Id, "Motivo de prueba.");

        var page = await VerifyAsync(licence.VerificationCode);

        Assert.StartsWith("Licencia revocada el ", Panel(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Rejection_SaysAuthenticDenialWithoutItsGrounds()
    {
        var (application, rejection) = await app.ApplicationWithResolutionAsync(ResolutionKind.Rejection);

        var page = await VerifyAsync(rejection.VerificationCode);

        Assert.Equal("Resolución de denegatoria auténtica", Panel(page));
        Assert.Equal(rejection.Number, Field(page, "Resolución"));
        Assert.Equal(application.Owner.FullName, Field(page, "Solicitante"));
        Assert.Equal(
            ["Resolución", "Solicitante", "Establecimiento", "Trámite", "Fecha de emisión"],
            page.Document.QuerySelectorAll(".summary-list dt").Select(dt => dt.TextContent.Trim()));
        Assert.DoesNotContain("Licencia auténtica", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ResolutionFlows.RejectionGrounds, page.Text, StringComparison.Ordinal);
        AssertNothingPrivate(page, rejection);
    }

    [Fact]
    public async Task Get_CodeInLowerCaseWithSpaces_FindsTheLicence()
    {
        var (_, licence) = await app.ApplicationWithResolutionAsync();

        var page = await VerifyAsync($"%20{licence.VerificationCode.ToLowerInvariant()}%20");

        Assert.Equal("Licencia auténtica y vigente", Panel(page));
        Assert.Equal(licence.Number, Field(page, "Licencia"));
    }

    [Fact]
    public async Task Get_UnknownCode_Returns404WithTheSpanishMessage()
    {
        using var anonymous = app.CreateSession();

        using var response = await anonymous.GetAsync("/verificar/ZZZZ2222ZZZZ");

        var page = await response.ReadPageAsync(HttpStatusCode.NotFound);
        Assert.Contains("No encontramos ningún documento con el código ZZZZ2222ZZZZ.", page.Text, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector(".panel"));
        Assert.Null(page.Document.QuerySelector(".summary-list"));
    }

    [Fact]
    public async Task Get_TheLicencesNumberInsteadOfItsCode_IsNotFound()
    {
        var (_, licence) = await app.ApplicationWithResolutionAsync();
        using var anonymous = app.CreateSession();

        using var response = await anonymous.GetAsync($"/verificar/{licence.Number}");

        var page = await response.ReadPageAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain("auténtica", page.Text, StringComparison.Ordinal);
    }

    private async Task<HtmlPage> VerifyAsync(string code)
    {
        using var anonymous = app.CreateSession();
        return await anonymous.GetPageAsync($"/verificar/{code}");
    }

    private static string Panel(HtmlPage page) =>
        page.Document.QuerySelector(".panel .panel__title")?.TextContent.Trim() ?? throw new InvalidOperationException($"No result panel:\n{page.Text}");

    private static string? Field(HtmlPage page, string label) =>
        page.Document.QuerySelectorAll(".summary-list > div")
            .FirstOrDefault(d => d.QuerySelector("dt")?.TextContent.Trim() == label)?.QuerySelector("dd")?.TextContent.Trim();

    /// No identity number, file number, address, amount or signer: only what proves the document.
    private static void AssertNothingPrivate(HtmlPage page, Resolution resolution)
    {
        var main = page.Document.QuerySelector("main")!.TextContent;
        Assert.NotNull(resolution.HolderId);
        Assert.DoesNotContain(resolution.HolderId, main, StringComparison.Ordinal);
        Assert.DoesNotContain(resolution.FileNumber!, main, StringComparison.Ordinal);
        Assert.DoesNotContain(resolution.SignedBy, main, StringComparison.Ordinal);
        Assert.DoesNotContain(resolution.EstablishmentAddress!, main, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"Q\s?[0-9]", main);
        Assert.DoesNotContain("NIT", main, StringComparison.Ordinal);
        Assert.DoesNotContain("CUI", main, StringComparison.Ordinal);
    }
}
