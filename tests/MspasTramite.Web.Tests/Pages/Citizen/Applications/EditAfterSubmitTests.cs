using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Citizen.Applications;

[Collection(SqliteApp.Name)]
public sealed class EditAfterSubmitTests_Sqlite(SqliteAppFactory app) : EditAfterSubmitTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class EditAfterSubmitTests_Postgres(PostgresAppFactory app) : EditAfterSubmitTests<PostgresAppFactory>(app);

/// Only a draft can be edited: once submitted (or withdrawn), every step sends its owner to the
/// application's page with a notice, and nothing posted to a step changes it.
public abstract class EditAfterSubmitTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    private const string SubmittedNotice = "Esta solicitud ya fue enviada y no se puede modificar.";

    [Theory]
    [MemberData(nameof(FilingPages.Steps), MemberType = typeof(FilingPages))]
    public async Task Get_WhenApplicationSubmitted_RedirectsToDetailsWithNotice(string step)
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = ProcedureSlugs.HealthEstablishment, Submitted = true });
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await browser.GetAsync(FilingPages.Resolve(step, application.Id));

        Assert.Equal(application.Url, response.RedirectPath());
        var details = await browser.FollowAsync(response);
        Assert.Equal(SubmittedNotice, details.Notice);
        Assert.Equal($"Expediente {application.FileNumber}", details.Title);
    }

    [Theory]
    [InlineData(FilingPages.Applicant)]
    [InlineData(FilingPages.Establishment)]
    [InlineData(FilingPages.Professional)]
    [InlineData(FilingPages.Fee)]
    [InlineData(FilingPages.Documents + "?handler=Upload&requisito=plano")]
    [InlineData(FilingPages.Documents + "?handler=Remove&documento={doc}")]
    [InlineData(FilingPages.Review)]
    public async Task Post_WhenApplicationSubmitted_RedirectsToDetailsAndChangesNothing(string step)
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = ProcedureSlugs.HealthEstablishment, Submitted = true });
        var before = await app.FindApplicationAsync(application.Id);
        using var browser = await app.SignedInSessionAsync(citizen);
        var details = await browser.GetPageAsync(application.Url);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = details.AntiforgeryToken,
            ["Input.Kind"] = "Company",
            ["Input.CompanyName"] = "Cambio Tardío, S.A.",
            ["Input.CompanyNit"] = TestData.CompanyNit,
            ["Input.LegalRepresentative"] = "Alguien",
            ["Input.Name"] = "Cambio Tardío",
            ["Input.Address"] = "Otra dirección",
            ["Input.Department"] = "3",
            ["Input.Municipality"] = "3-1",
            ["Input.Colegiado"] = "999",
            ["Category"] = "hospital",
        });

        using var response = await browser.Client.PostAsync(
            new Uri(FilingPages.Resolve(step, application.Id, application.Document("plano").Id), UriKind.Relative), content);

        Assert.Equal(application.Url, response.RedirectPath());
        Assert.Equal(SubmittedNotice, (await browser.FollowAsync(response)).Notice);
        var after = await app.FindApplicationAsync(application.Id);
        Assert.Equal(before.ConcurrencyStamp, after.ConcurrencyStamp);
        Assert.Equal(ApplicationStatus.AwaitingPayment, after.Status);
        Assert.Equal((TestData.EstablishmentName, "clinica-individual", 90m), (after.EstablishmentName, after.CategoryCode, after.FeeAmount));
        Assert.Equal(before.Documents.Select(d => d.Id).Order(), after.Documents.Select(d => d.Id).Order());
        Assert.Equal(before.Events.Count, after.Events.Count);
    }

    [Fact]
    public async Task Get_WhenDraftWithdrawn_RedirectsToDetailsSayingItWasWithdrawn()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { FilledThrough = ApplicationStep.Establishment });
        using var browser = await app.SignedInSessionAsync(citizen);
        using (var withdrawn = await browser.SubmitAsync(application.Url + "/retirar", new Dictionary<string, string?>()))
        {
            Assert.Equal("/mis-solicitudes", withdrawn.RedirectPath());
        }

        using var response = await browser.GetAsync(application.Url + "/establecimiento");

        Assert.Equal(application.Url, response.RedirectPath());
        var details = await browser.FollowAsync(response);
        // It was never submitted: the notice must not say so.
        Assert.Equal("Esta solicitud fue retirada y ya no se puede modificar.", details.Notice);
        Assert.Contains("Retirada", details.Document.QuerySelector(".status")?.TextContent, StringComparison.Ordinal);
    }
}
