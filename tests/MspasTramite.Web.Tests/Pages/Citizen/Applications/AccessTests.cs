using System.Net;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Citizen.Applications;

[Collection(SqliteApp.Name)]
public sealed class AccessTests_Sqlite(SqliteAppFactory app) : AccessTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class AccessTests_Postgres(PostgresAppFactory app) : AccessTests<PostgresAppFactory>(app);

/// Who may open each citizen filing page: anonymous visitors are sent to sign in, staff are denied,
/// and an application that is not the person's own is "not found", exactly like one that does not
/// exist, so nobody can learn which ids are real.
public abstract class AccessTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Theory]
    [MemberData(nameof(FilingPages.CitizenPages), MemberType = typeof(FilingPages))]
    public async Task Get_WhenAnonymous_RedirectsToSignIn(string page)
    {
        using var browser = app.CreateSession();

        using var response = await browser.GetAsync(FilingPages.Resolve(page, Guid.NewGuid()));

        PageAssert.RedirectsToSignIn(response);
    }

    [Theory]
    [InlineData(FilingPages.Applicant)]
    [InlineData(FilingPages.Establishment)]
    [InlineData(FilingPages.Professional)]
    [InlineData(FilingPages.Fee)]
    [InlineData(FilingPages.Documents + "?handler=Upload&requisito=plano")]
    [InlineData(FilingPages.Review)]
    [InlineData(FilingPages.Withdraw)]
    [InlineData(FilingPages.Changes)]
    [InlineData("/mis-solicitudes/nueva?tramite=" + ProcedureSlugs.FoodFactory)]
    public async Task Post_WhenAnonymous_RedirectsToSignIn(string page)
    {
        using var browser = app.CreateSession();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Kind"] = "Person" });

        using var response = await browser.Client.PostAsync(new Uri(FilingPages.Resolve(page, Guid.NewGuid()), UriKind.Relative), content);

        PageAssert.RedirectsToSignIn(response);
    }

    [Theory]
    [MemberData(nameof(FilingPages.CitizenPages), MemberType = typeof(FilingPages))]
    public async Task Get_WhenSignedInAsStaff_IsDenied(string page)
    {
        var analyst = await app.CreateAccountAsync(Roles.Analista);
        using var browser = await app.SignedInSessionAsync(analyst);

        using var response = await browser.GetAsync(FilingPages.Resolve(page, Guid.NewGuid()));

        PageAssert.IsDenied(response);
    }

    [Theory]
    [MemberData(nameof(FilingPages.PerApplicationPagesWithSubmitted), MemberType = typeof(FilingPages))]
    public async Task Get_WhenApplicationOfAnotherCitizen_Returns404(string page, bool submitted)
    {
        var owner = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, owner, new() { Procedure = ProcedureSlugs.HealthEstablishment, Submitted = submitted });
        var url = FilingPages.Resolve(page, application.Id, application.Documents[0].Id);
        var someoneElse = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = await app.SignedInSessionAsync(someoneElse);

        using var response = await browser.GetAsync(url);

        await PageAssert.IsNotFoundAsync(response);
        // The same address works for its owner: the 404 is about who asks.
        using var ownerBrowser = await app.SignedInSessionAsync(owner);
        using var ownerResponse = await ownerBrowser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, ownerResponse.StatusCode);
    }

    [Theory]
    [MemberData(nameof(FilingPages.PerApplicationPages), MemberType = typeof(FilingPages))]
    public async Task Get_WhenApplicationUnknown_Returns404(string page)
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await browser.GetAsync(FilingPages.Resolve(page, Guid.NewGuid()));

        await PageAssert.IsNotFoundAsync(response);
    }

    [Theory]
    [InlineData("/mis-solicitudes/123/solicitante")]
    [InlineData("/mis-solicitudes/no-es-un-id")]
    [InlineData("/mis-solicitudes/no-es-un-id/documentos/otro")]
    public async Task Get_WhenIdIsNotAnId_Returns404(string url)
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await browser.GetAsync(url);

        await PageAssert.IsNotFoundAsync(response);
    }

    /// Someone else's application, posted to with the attacker's own valid form and token: the same
    /// form of their own draft, aimed at the other application. Nothing changes.
    [Theory]
    [InlineData("solicitante")]
    [InlineData("establecimiento")]
    [InlineData("profesional")]
    [InlineData("arancel")]
    [InlineData("documentos-subir")]
    [InlineData("documentos-quitar")]
    [InlineData("revision")]
    [InlineData("retirar")]
    public async Task Post_WhenApplicationOfAnotherCitizen_Returns404AndChangesNothing(string form)
    {
        var owner = await app.CreateAccountAsync(Roles.Solicitante);
        var victim = await TestData.CreateApplicationAsync(app, owner, new() { Procedure = ProcedureSlugs.HealthEstablishment });
        var before = await app.FindApplicationAsync(victim.Id);
        var attacker = await app.CreateAccountAsync(Roles.Solicitante);
        var own = await TestData.CreateApplicationAsync(app, attacker, new() { Procedure = ProcedureSlugs.HealthEstablishment });
        using var browser = await app.SignedInSessionAsync(attacker);

        using var response = await PostOwnFormToAsync(browser, form, own, victim);

        await PageAssert.IsNotFoundAsync(response);
        var after = await app.FindApplicationAsync(victim.Id);
        Assert.Equal(before.ConcurrencyStamp, after.ConcurrencyStamp);
        Assert.Equal(before.Status, after.Status);
        Assert.Null(after.FileNumber);
        Assert.Equal(before.EstablishmentName, after.EstablishmentName);
        Assert.Equal(before.CategoryCode, after.CategoryCode);
        Assert.Equal(before.Documents.Select(d => d.Id).Order(), after.Documents.Select(d => d.Id).Order());
        Assert.Equal(before.Events.Count, after.Events.Count);
    }

    [Theory]
    [InlineData("solicitante")]
    [InlineData("establecimiento")]
    [InlineData("profesional")]
    [InlineData("arancel")]
    [InlineData("documentos-subir")]
    [InlineData("documentos-quitar")]
    [InlineData("revision")]
    [InlineData("retirar")]
    public async Task Post_WithoutAntiforgeryToken_Returns400AndChangesNothing(string form)
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = ProcedureSlugs.HealthEstablishment });
        var before = await app.FindApplicationAsync(application.Id);
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await PostOwnFormToAsync(browser, form, application, application, withToken: false);

        var page = await response.ReadPageAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Solicitud no válida", page.Title);
        var after = await app.FindApplicationAsync(application.Id);
        Assert.Equal(before.ConcurrencyStamp, after.ConcurrencyStamp);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.Documents.Count, after.Documents.Count);
        Assert.Equal(before.Events.Count, after.Events.Count);
    }

    [Fact]
    public async Task Post_NewWithoutAntiforgeryToken_Returns400AndCreatesNoDraft()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = await app.SignedInSessionAsync(citizen);
        var page = await browser.GetPageAsync("/mis-solicitudes/nueva?tramite=" + ProcedureSlugs.FoodFactory);

        using var response = await browser.SubmitAsync(page, new Dictionary<string, string?> { ["__RequestVerificationToken"] = null });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var userId = await app.UserIdAsync(citizen);
        Assert.Equal(0, await app.WithDbAsync(db => db.Applications.CountAsync(a => a.ApplicantId == userId)));
    }

    /// Opens a form of the person's own application <paramref name="source"/> and posts it, with
    /// plausible values, to the same page of <paramref name="target"/>.
    private static async Task<HttpResponseMessage> PostOwnFormToAsync(WebSession browser, string form, TestApplication source, TestApplication target, bool withToken = true)
    {
        var step = form.Split('-')[0];
        var page = await browser.GetPageAsync($"{source.Url}/{step}");
        Dictionary<string, string?> values = form switch
        {
            "solicitante" => new() { ["Input.Kind"] = "Company", ["Input.CompanyName"] = "Empresa Ajena", ["Input.CompanyNit"] = TestData.CompanyNit, ["Input.LegalRepresentative"] = "Nadie" },
            "establecimiento" => new() { ["Input.Name"] = "Nombre Ajeno", ["Input.Address"] = "Otra dirección", ["Input.Department"] = "3", ["Input.Municipality"] = "3-1" },
            "profesional" => new() { ["Input.Name"] = "Profesional Ajeno", ["Input.Colegiado"] = "999" },
            "arancel" => new() { ["Category"] = "hospital" },
            _ => [],
        };
        if (!withToken)
        {
            values["__RequestVerificationToken"] = null;
        }

        var selector = form switch
        {
            "documentos-subir" => FilingFlows.UploadForm("plano"),
            "documentos-quitar" => "main form[action*='handler=Remove']",
            _ => "main form[method=post]",
        };
        var action = form switch
        {
            "documentos-subir" => $"{target.Url}/documentos?handler=Upload&requisito=plano",
            "documentos-quitar" => $"{target.Url}/documentos?handler=Remove&documento={target.Document("plano").Id}",
            _ => $"{target.Url}/{step}",
        };
        var aimed = FilingFlows.AimForm(page, selector, action);
        return form == "documentos-subir"
            ? await browser.SubmitFileAsync(page, aimed, TestFiles.Pdf("plano.pdf"), values)
            : await browser.SubmitAsync(page, values, aimed);
    }
}
