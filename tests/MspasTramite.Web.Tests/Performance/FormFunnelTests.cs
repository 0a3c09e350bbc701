using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Performance;
using MspasTramite.Core.Procedures;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Performance;

[Collection(SqliteApp.Name)]
public sealed class FormFunnelTests_Sqlite(SqliteAppFactory app) : FormFunnelTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class FormFunnelTests_Postgres(PostgresAppFactory app) : FormFunnelTests<PostgresAppFactory>(app);

/// The form funnel: each step of a draft records when it was first shown and first saved, once,
/// with nothing about the person.
public abstract class FormFunnelTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Fact]
    public async Task Steps_ShownAndSavedTwice_RecordOneReachedAndOneSavedEach()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { FilledThrough = ApplicationStep.Applicant, Kind = ApplicantKind.Company });
        using var browser = await app.SignedInSessionAsync(citizen);

        for (var i = 0; i < 2; i++)
        {
            var page = await browser.GetPageAsync(application.Url + "/establecimiento");
            using var saved = await browser.SubmitAsync(page, Establishment("Planta Altiplano"));
            Assert.Equal(application.Url + "/profesional", saved.RedirectPath());
            await browser.GetPageAsync(application.Url + "/profesional");
        }

        var events = await EventsAsync(application.Id);
        Assert.Equal(
            [("establishment", FormStepEventKind.Reached), ("establishment", FormStepEventKind.Saved), ("professional", FormStepEventKind.Reached)],
            events.Select(e => (e.Step, e.Kind)).Order().ToList());
        var procedureId = await app.WithDbAsync(db => db.Applications.Where(a => a.Id == application.Id).Select(a => a.ProcedureVersion.ProcedureId).SingleAsync());
        Assert.All(events, e => Assert.Equal(procedureId, e.ProcedureId));
    }

    [Fact]
    public async Task Step_WhenSaveRefused_RecordsReachedOnly()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { FilledThrough = ApplicationStep.Applicant });
        using var browser = await app.SignedInSessionAsync(citizen);

        var page = await browser.GetPageAsync(application.Url + "/establecimiento");
        using var refused = await browser.SubmitAsync(page, Establishment(""));

        FormAssert.HasFieldError(await refused.ReadPageAsync(), "Input_Name", "Escriba el nombre del establecimiento.");
        Assert.Equal([("establishment", FormStepEventKind.Reached)], (await EventsAsync(application.Id)).Select(e => (e.Step, e.Kind)).ToList());
    }

    [Fact]
    public async Task Submit_RecordsReviewSaved_AndSubmittedFileRecordsNoMore()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen);
        using var browser = await app.SignedInSessionAsync(citizen);

        var review = await browser.GetPageAsync(application.Url + "/revision");
        using var submitted = await browser.SubmitAsync(review, new Dictionary<string, string?>());
        Assert.Equal(application.Url, submitted.RedirectPath());
        using var afterwards = await browser.GetAsync(application.Url + "/solicitante");

        Assert.Equal(application.Url, afterwards.RedirectPath());
        Assert.Equal(
            [("review", FormStepEventKind.Reached), ("review", FormStepEventKind.Saved)],
            (await EventsAsync(application.Id)).Select(e => (e.Step, e.Kind)).Order().ToList());
    }

    [Fact]
    public void Event_CarriesNoPersonalData()
    {
        // Which application, which procedure, which step, what and when: nothing a person typed.
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.AppDbContext>();
        var columns = db.Model.FindEntityType(typeof(FormStepEvent))!.GetProperties().Select(p => p.Name).Order();

        Assert.Equal(["ApplicationId", "At", "Id", "Kind", "ProcedureId", "Step"], columns);
    }

    private Task<List<FormStepEvent>> EventsAsync(Guid applicationId) =>
        app.WithDbAsync(db => db.FormStepEvents.AsNoTracking().Where(e => e.ApplicationId == applicationId).ToListAsync());

    private static Dictionary<string, string?> Establishment(string name) => new()
    {
        ["Input.Name"] = name,
        ["Input.Address"] = "2a. calle 3-45, zona 3",
        ["Input.Department"] = "9",
        ["Input.Municipality"] = "9-1",
        ["Input.Phone"] = "7765 4321",
    };
}
