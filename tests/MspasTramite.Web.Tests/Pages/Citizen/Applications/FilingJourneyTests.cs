using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Citizen.Applications;

[Collection(SqliteApp.Name)]
public sealed class FilingJourneyTests_Sqlite(SqliteAppFactory app) : FilingJourneyTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class FilingJourneyTests_Postgres(PostgresAppFactory app) : FilingJourneyTests<PostgresAppFactory>(app);

/// The happy path, page after page, following the links and forms a person uses: from the catalogue
/// to the proof of filing, and saving a draft to finish it another day.
public abstract class FilingJourneyTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Fact]
    public async Task Citizen_FindsProcedureFillsEveryStepSubmitsAndDownloadsProof()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = await app.SignedInSessionAsync(citizen);

        var catalogue = await browser.GetPageAsync("/tramites?q=fabrica+alimentos");
        var procedure = await browser.GetPageAsync(Link(catalogue, ".card__title a"));
        var start = await browser.GetPageAsync(Link(procedure, "a.button--start"));
        using var created = await browser.SubmitAsync(start, new Dictionary<string, string?>());
        var applicant = await browser.FollowAsync(created);
        var id = Guid.Parse(created.RedirectPath().Split('/')[2]);

        using var applicantSaved = await browser.SubmitAsync(applicant, new Dictionary<string, string?>
        {
            ["Input.Kind"] = "Company",
            ["Input.CompanyName"] = "Alimentos del Altiplano, S.A.",
            ["Input.CompanyNit"] = "3952550-3",
            ["Input.LegalRepresentative"] = "Rosa Representante",
        });
        var establishment = await browser.FollowAsync(applicantSaved);
        Assert.Equal("Establecimiento", establishment.Title);
        using var establishmentSaved = await browser.SubmitAsync(establishment, new Dictionary<string, string?>
        {
            ["Input.Name"] = "Planta Altiplano",
            ["Input.Address"] = "2a. calle 3-45, zona 3",
            ["Input.Department"] = "9",
            ["Input.Municipality"] = "9-1",
            ["Input.Phone"] = "7765 4321",
        });
        var professional = await browser.FollowAsync(establishmentSaved);
        Assert.Equal("Profesional responsable", professional.Title);
        using var professionalSaved = await browser.SubmitAsync(professional, new Dictionary<string, string?>
        {
            ["Input.Name"] = "Ing. Carlos Alimentario",
            ["Input.Colegiado"] = "4567",
        });
        var documents = await browser.FollowAsync(professionalSaved);
        Assert.Equal("Documentos", documents.Title);
        foreach (var requirement in (string[])["formulario-drca-004", "resolucion-marn", "croquis", "listado-productos", "escritura-constitucion"])
        {
            using var uploaded = await browser.SubmitFileAsync(documents, FilingFlows.UploadForm(requirement), TestFiles.Pdf($"{requirement}.pdf"));
            Assert.Equal($"/mis-solicitudes/{id}/documentos", uploaded.RedirectPath());
            documents = await browser.FollowAsync(uploaded);
        }

        var review = await browser.GetPageAsync(Link(documents, "main .button-group a.button:not(.button--secondary)"));
        Assert.Equal("Revise su solicitud antes de enviarla", review.Title);
        Assert.Equal("Q500.00", review.Document.QuerySelector(".fee")?.TextContent);
        Assert.Null(review.Document.QuerySelector(".warning"));
        using var submitted = await browser.SubmitAsync(review, new Dictionary<string, string?>());
        var details = await browser.FollowAsync(submitted);

        var saved = await app.FindApplicationAsync(id);
        Assert.Equal(ApplicationStatus.AwaitingPayment, saved.Status);
        Assert.Matches(FilingFlows.FileNumberPattern, saved.FileNumber);
        Assert.StartsWith("DRCA-", saved.FileNumber, StringComparison.Ordinal);
        Assert.Equal(500m, saved.FeeAmount);
        Assert.Equal((ApplicantKind.Company, "3952550-3", 9, 1, "77654321", "4567"),
            (saved.ApplicantKind, saved.CompanyNit, saved.DepartmentCode, saved.MunicipalityCode, saved.EstablishmentPhone, saved.ProfessionalColegiado));
        Assert.Equal(5, saved.Documents.Count);
        Assert.Equal($"Expediente {saved.FileNumber}", details.Title);
        Assert.Equal($"Solicitud enviada con el expediente {saved.FileNumber}. El siguiente paso es pagar el arancel.", details.Notice);

        using var proof = await browser.GetAsync(Link(details, "a[href$='/constancia']"));
        Assert.Equal(HttpStatusCode.OK, proof.StatusCode);
        Assert.Equal("application/pdf", proof.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(await proof.Content.ReadAsByteArrayAsync())[..4], StringComparison.Ordinal);

        var list = await browser.GetPageAsync("/mis-solicitudes");
        Assert.Equal(saved.FileNumber, list.Document.QuerySelector($"a[href='/mis-solicitudes/{id}']")?.TextContent);
        Assert.Contains("No tiene borradores.", list.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Citizen_SavesAndExitsThenResumesTheDraftFromTheList()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = await app.SignedInSessionAsync(citizen);
        using var created = await browser.SubmitAsync("/mis-solicitudes/nueva?tramite=" + ProcedureSlugs.HealthEstablishment, new Dictionary<string, string?>());
        var applicant = await browser.FollowAsync(created);

        using var saved = await browser.SubmitAsync(applicant, new Dictionary<string, string?> { ["Input.Kind"] = "Person", ["accion"] = "salir" });

        var details = await browser.FollowAsync(saved);
        Assert.Equal("Guardamos su avance. Puede continuar cuando quiera desde «Mis solicitudes».", details.Notice);
        var list = await browser.GetPageAsync("/mis-solicitudes");
        var row = Assert.Single(list.Document.QuerySelectorAll("table tbody tr"));
        Assert.Contains("Licencia sanitaria de establecimiento de salud", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Continuar", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Aún no tiene solicitudes enviadas.", list.Text, StringComparison.Ordinal);

        // Another day: the list, the draft, "Continuar la solicitud", and what was saved is there.
        var draft = await browser.GetPageAsync(Link(list, "table tbody tr a"));
        Assert.Equal("Borrador de solicitud", draft.Title);
        var resumed = await browser.GetPageAsync(Link(draft, "main .button-group a.button"));
        Assert.Equal("Solicitante", resumed.Title);
        Assert.Equal("Person", resumed.CheckedValue("Input.Kind"));
        var start = await browser.GetPageAsync("/mis-solicitudes/nueva?tramite=" + ProcedureSlugs.HealthEstablishment);
        Assert.Equal(saved.Headers.Location!.OriginalString, Link(start, "main .notice a"));
        var userId = await app.UserIdAsync(citizen);
        Assert.Equal(1, await app.WithDbAsync(db => db.Applications.CountAsync(a => a.ApplicantId == userId)));
    }

    private static string Link(HtmlPage page, string selector) =>
        page.Document.QuerySelector(selector)?.GetAttribute("href")
            ?? throw new InvalidOperationException($"No link '{selector}' on {page.Url}.");
}
