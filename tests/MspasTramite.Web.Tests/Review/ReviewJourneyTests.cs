using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Review;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Review;

[Collection(SqliteReviewApp.Name)]
public sealed class ReviewJourneyTests_Sqlite(SqliteReviewAppFactory app) : ReviewJourneyTests<SqliteReviewAppFactory>(app);

[Collection(PostgresReviewApp.Name)]
public sealed class ReviewJourneyTests_Postgres(PostgresReviewAppFactory app) : ReviewJourneyTests<PostgresReviewAppFactory>(app);

/// A paid file from the queue to the licence, every step through the pages and their forms: the
/// analyst takes it, reviews each document, asks for the one correction, the citizen answers it, the
/// analyst inspects and gives the opinion, and another person, a head of section, approves it.
public abstract class ReviewJourneyTests<TFactory>(TFactory app) where TFactory : MspasAppFactory, IReviewApp
{
    private const string SitePlan = "Croquis de ubicación y plano de distribución de la fábrica";

    [Fact]
    public async Task FoodFactory_FromQueueToLicence_ThroughThePages()
    {
        var file = await app.ReceivedAsync(ProcedureSlugs.FoodFactory);
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var head = await app.CreatePersonAsync(Roles.Jefe);
        using var analystBrowser = await app.SignedInSessionAsync(analyst.Account);

        // The paid file waits in the unassigned queue, in nobody's work.
        Assert.Contains(file.FileNumber, await analystBrowser.AllQueueFileNumbersAsync("/backoffice?vista=sin-asignar"));
        Assert.Empty((await analystBrowser.GetPageAsync("/backoffice?vista=mios")).QueueFileNumbers());

        // The analyst takes it: it is theirs and in review.
        var page = await analystBrowser.ActSuccessfullyAsync(file.Id, "Claim");
        Assert.Equal("Tomó el expediente: ahora está en su trabajo.", page.Notice);
        Assert.Equal("inreview", page.ShownStatus());
        Assert.Contains(analyst.FullName, page.Text, StringComparison.Ordinal);
        Assert.Equal([file.FileNumber], (await analystBrowser.GetPageAsync("/backoffice?vista=mios")).QueueFileNumbers());
        Assert.DoesNotContain(file.FileNumber, await analystBrowser.AllQueueFileNumbersAsync("/backoffice?vista=sin-asignar"));

        // One document rejected with its reason, every other one accepted.
        var sitePlan = file.Document(ReviewFlows.RejectedRequirement);
        page = await analystBrowser.ReviewDocumentSuccessfullyAsync(file.Id, sitePlan.Id, accept: false, ReviewFlows.RejectionReason);
        Assert.Equal("Documento rechazado.", page.Notice);
        foreach (var document in file.Documents.Where(d => d.Id != sitePlan.Id))
        {
            page = await analystBrowser.ReviewDocumentSuccessfullyAsync(file.Id, document.Id, accept: true);
        }

        var stored = await app.ReadFileAsync(file.Id);
        Assert.All(stored.CurrentDocuments.Where(d => d.Id != sitePlan.Id), d => Assert.Equal(DocumentReview.Accepted, d.Review));
        Assert.Equal(DocumentReview.Rejected, stored.Documents.Single(d => d.Id == sitePlan.Id).Review);
        // An accepted document offers nothing more to do; the rejected one can still be accepted.
        Assert.Null(page.Document.QuerySelector(BackofficePages.DocumentForm(file.Documents.First(d => d.Id != sitePlan.Id).Id, "RejectDocument")));
        Assert.NotNull(page.Document.QuerySelector(BackofficePages.DocumentForm(sitePlan.Id, "AcceptDocument")));

        // The one correction request: the file waits for the citizen and the legal clock stops.
        page = await analystBrowser.ActSuccessfullyAsync(file.Id, "RequestCorrection");
        Assert.Equal("Se envió la solicitud de subsanación al solicitante.", page.Notice);
        Assert.Equal("awaitingcorrection", page.ShownStatus());
        Assert.Equal("paused", page.ShownLight());
        stored = await app.ReadFileAsync(file.Id);
        Assert.Equal(ApplicationStatus.AwaitingCorrection, stored.Status);
        Assert.NotNull(stored.ClockStoppedAt);
        var item = Assert.Single(stored.CorrectionRequest!.Items);
        Assert.Equal((ReviewFlows.RejectedRequirement, sitePlan.Id, ReviewFlows.RejectionReason), (item.RequirementCode, item.DocumentId, item.Reason));

        // The citizen is told by email, with every item and a link to answer.
        var notice = await Mailbox.WaitForSubjectAsync(file.Citizen.Email, $"Expediente {file.FileNumber}: se le pide subsanar");
        Assert.Contains($"{SitePlan} ({sitePlan.FileName}): {ReviewFlows.RejectionReason}", notice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Formulario DRCA-004", notice.TextBody, StringComparison.Ordinal);
        var link = Mailbox.LinkTo(notice, file.CorrectionUrl);

        // The citizen sees the request on the file and answers it: only the listed item can be replaced.
        using var citizen = await app.SignedInSessionAsync(file.Citizen.Account);
        var details = await citizen.GetPageAsync(file.CitizenUrl);
        Assert.Contains("Debe subsanar su expediente", details.Text, StringComparison.Ordinal);
        var correction = await citizen.GetPageAsync(link.PathAndQuery);
        var uploadForm = Assert.Single(correction.Document.QuerySelectorAll("main form.upload"));
        Assert.Contains($"requisito={ReviewFlows.RejectedRequirement}", uploadForm.GetAttribute("action"), StringComparison.Ordinal);
        Assert.Contains(ReviewFlows.RejectionReason, correction.Text, StringComparison.Ordinal);

        using (var uploaded = await citizen.SubmitFileAsync(correction, "main form.upload", TestFiles.Pdf("croquis-corregido.pdf")))
        {
            Assert.Equal(file.CorrectionUrl, uploaded.RedirectPath());
        }

        correction = await citizen.GetPageAsync(file.CorrectionUrl);
        Assert.Contains("croquis-corregido.pdf", correction.Text, StringComparison.Ordinal);
        using (var answered = await citizen.SubmitAsync(correction, new Dictionary<string, string?> { ["Answer"] = "Adjunto el croquis con todas las áreas." },
            "main form[action$='handler=Answer']"))
        {
            Assert.Equal(file.CitizenUrl, answered.RedirectPath());
        }

        // Back to the same analyst, in review, with the clock running again.
        stored = await app.ReadFileAsync(file.Id);
        Assert.Equal(ApplicationStatus.InReview, stored.Status);
        Assert.Equal(analyst.Id, stored.AssignedToId);
        Assert.Null(stored.ClockStoppedAt);
        Assert.NotNull(stored.CorrectionRequest!.AnsweredAt);
        await Mailbox.WaitForSubjectAsync(analyst.Email, $"Expediente {file.FileNumber}: subsanación respondida");
        var replacement = stored.CurrentDocuments.Single(d => d.RequirementCode == ReviewFlows.RejectedRequirement);
        Assert.NotEqual(sitePlan.Id, replacement.Id);
        Assert.Equal("croquis-corregido.pdf", replacement.FileName);
        Assert.Equal(replacement.Id, stored.Documents.Single(d => d.Id == sitePlan.Id).SupersededById);

        // The analyst accepts the replacement: the only document left to review.
        page = await analystBrowser.GetPageAsync(file.BackofficeUrl);
        Assert.Single(page.Document.QuerySelectorAll("main form[action$='handler=AcceptDocument']"));
        await analystBrowser.ReviewDocumentSuccessfullyAsync(file.Id, replacement.Id, accept: true);

        // The inspection: scheduled (the applicant is told), then its result recorded.
        var inspectionAt = GuatemalaTime.ToLocal(app.Clock.GetUtcNow().AddDays(3)).ToString("yyyy-MM-dd'T'10:00", CultureInfo.InvariantCulture);
        page = await analystBrowser.ActSuccessfullyAsync(file.Id, "ScheduleInspection", new Dictionary<string, string?> { ["InspectionAt"] = inspectionAt });
        Assert.Equal("inspectionscheduled", page.ShownStatus());
        stored = await app.ReadFileAsync(file.Id);
        Assert.Equal(DateTimeOffset.ParseExact(inspectionAt + "-06:00", "yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture), stored.InspectionScheduledFor);
        await Mailbox.WaitForSubjectAsync(file.Citizen.Email, $"Inspección programada — expediente {file.FileNumber}");
        page = await analystBrowser.ActSuccessfullyAsync(file.Id, "RecordInspection", new Dictionary<string, string?>
        {
            ["Favourable"] = "si",
            ["InspectionNotes"] = "Áreas separadas, agua potable y control de plagas al día.",
        });
        Assert.Equal("inreview", page.ShownStatus());

        // The opinion: the file goes to the heads of section, and the analyst has nothing left to do.
        page = await analystBrowser.ActSuccessfullyAsync(file.Id, "Recommend", new Dictionary<string, string?>
        {
            ["Recommendation"] = "aprobar",
            ["Opinion"] = ReviewFlows.FavourableOpinion,
        });
        Assert.Equal("awaitingapproval", page.ShownStatus());
        Assert.False(page.HasForm("Recommend"));
        Assert.False(page.HasForm("Approve"));

        // Another person, a head of section, approves.
        using var headBrowser = await app.SignedInSessionAsync(head.Account);
        page = await headBrowser.GetPageAsync(file.BackofficeUrl);
        Assert.True(page.HasForm("Approve"));
        Assert.Contains(ReviewFlows.FavourableOpinion, page.Text, StringComparison.Ordinal);
        page = await headBrowser.ActSuccessfullyAsync(file.Id, "Approve");
        Assert.Equal("approved", page.ShownStatus());

        stored = await app.ReadFileAsync(file.Id);
        Assert.Equal(ApplicationStatus.Approved, stored.Status);
        Assert.Equal(head.Id, stored.DecidedById);
        Assert.Equal(analyst.Id, stored.RecommendedById);
        var resolution = await app.WithDbAsync(db => db.Resolutions.AsNoTracking().SingleAsync(r => r.ApplicationId == file.Id));
        Assert.Equal(ResolutionKind.Licence, resolution.Kind);
        await Mailbox.WaitForSubjectAsync(file.Citizen.Email, $"Expediente {file.FileNumber} aprobado — {resolution.Number}");
        // Every pending timer of the file ends with the decision.
        Assert.DoesNotContain(await app.TimersAsync(file.Id), t => t.FiredAt == null && t.CancelledAt == null);
    }

    [Fact]
    public async Task ProcessedFood_HasNoInspectionStep_AndGoesStraightToTheOpinion()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.InReviewAsync(analyst, ProcedureSlugs.ProcessedFood);
        await app.ReviewDocumentsAsync(file, analyst);
        using var browser = await app.SignedInSessionAsync(analyst.Account);

        var page = await browser.GetPageAsync(file.BackofficeUrl);

        Assert.False(page.HasForm("ScheduleInspection"));
        Assert.Null(page.Document.GetElementById("inspeccion"));
        page = await browser.ActSuccessfullyAsync(file.Id, "Recommend", new Dictionary<string, string?>
        {
            ["Recommendation"] = "aprobar",
            ["Opinion"] = "La etiqueta y el formulario cumplen el reglamento técnico.",
        });
        Assert.Equal("awaitingapproval", page.ShownStatus());
    }

    [Fact]
    public async Task Release_ThenAssignByJefe_MovesTheFileBetweenAnalysts()
    {
        var first = await app.CreatePersonAsync(Roles.Analista);
        var second = await app.CreatePersonAsync(Roles.Analista);
        var head = await app.CreatePersonAsync(Roles.Jefe);
        var file = await app.InReviewAsync(first);
        using var firstBrowser = await app.SignedInSessionAsync(first.Account);

        var page = await firstBrowser.ActSuccessfullyAsync(file.Id, "Release");

        Assert.Equal("received", page.ShownStatus());
        Assert.Null((await app.ReadFileAsync(file.Id)).AssignedToId);
        using var headBrowser = await app.SignedInSessionAsync(head.Account);
        page = await headBrowser.ActSuccessfullyAsync(file.Id, "Assign", new Dictionary<string, string?> { ["AnalystId"] = second.Id });
        Assert.Equal("Expediente asignado.", page.Notice);
        var stored = await app.ReadFileAsync(file.Id);
        Assert.Equal((ApplicationStatus.InReview, second.Id), (stored.Status, stored.AssignedToId));
        using var secondBrowser = await app.SignedInSessionAsync(second.Account);
        Assert.Equal([file.FileNumber], (await secondBrowser.GetPageAsync("/backoffice?vista=mios")).QueueFileNumbers());
    }

    [Fact]
    public async Task Note_IsKeptInTheHistoryForStaff_AndNeverShownToTheCitizen()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.InReviewAsync(analyst);
        using var browser = await app.SignedInSessionAsync(analyst.Account);
        var note = $"Llamar al solicitante por el plano {Guid.NewGuid():N}";

        var page = await browser.ActSuccessfullyAsync(file.Id, "Note", new Dictionary<string, string?> { ["Note"] = note });

        Assert.Contains(note, page.Text, StringComparison.Ordinal);
        using var citizen = await app.SignedInSessionAsync(file.Citizen.Account);
        Assert.DoesNotContain(note, (await citizen.GetPageAsync(file.CitizenUrl)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reject_ByJefe_IssuesADenialWithItsGrounds()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var head = await app.CreatePersonAsync(Roles.Jefe);
        var file = await app.AwaitingApprovalAsync(analyst, Recommendation.Reject);
        using var browser = await app.SignedInSessionAsync(head.Account);
        const string grounds = "Las instalaciones no cumplen el artículo 32 del Acuerdo Gubernativo 969-99.";

        var page = await browser.ActSuccessfullyAsync(file.Id, "Reject", new Dictionary<string, string?> { ["Grounds"] = grounds });

        Assert.Equal("rejected", page.ShownStatus());
        var stored = await app.ReadFileAsync(file.Id);
        Assert.Equal((ApplicationStatus.Rejected, head.Id, grounds), (stored.Status, stored.DecidedById, stored.DecisionGrounds));
        var resolution = await app.WithDbAsync(db => db.Resolutions.AsNoTracking().SingleAsync(r => r.ApplicationId == file.Id));
        Assert.Equal(ResolutionKind.Rejection, resolution.Kind);
        var email = await Mailbox.WaitForSubjectAsync(file.Citizen.Email, $"Expediente {file.FileNumber}: resolución de denegatoria");
        Assert.Contains(grounds, email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendBack_ByJefe_ReturnsTheFileToTheAnalystWithTheReason()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var head = await app.CreatePersonAsync(Roles.Jefe);
        var file = await app.AwaitingApprovalAsync(analyst);
        using var browser = await app.SignedInSessionAsync(head.Account);
        const string reason = "Revise de nuevo el listado de productos: falta la categoría.";

        var page = await browser.ActSuccessfullyAsync(file.Id, "SendBack", new Dictionary<string, string?> { ["Reason"] = reason });

        Assert.Equal("inreview", page.ShownStatus());
        var stored = await app.ReadFileAsync(file.Id);
        Assert.Equal((ApplicationStatus.InReview, analyst.Id), (stored.Status, stored.AssignedToId));
        Assert.Null(stored.Recommendation);
        var email = await Mailbox.WaitForSubjectAsync(analyst.Email, $"Expediente {file.FileNumber} devuelto para revisión");
        Assert.Contains(reason, email.TextBody, StringComparison.Ordinal);
    }
}
