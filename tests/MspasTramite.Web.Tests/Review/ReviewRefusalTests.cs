using System.Net;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Review;

[Collection(SqliteReviewApp.Name)]
public sealed class ReviewRefusalTests_Sqlite(SqliteReviewAppFactory app) : ReviewRefusalTests<SqliteReviewAppFactory>(app);

[Collection(PostgresReviewApp.Name)]
public sealed class ReviewRefusalTests_Postgres(PostgresReviewAppFactory app) : ReviewRefusalTests<PostgresReviewAppFactory>(app);

/// What the file page refuses, and how it says so: in Spanish, on the same page, with what the person
/// typed kept, and the file left exactly as it was.
public abstract class ReviewRefusalTests<TFactory>(TFactory app) where TFactory : MspasAppFactory, IReviewApp
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task RejectDocument_WithoutReason_ShowsErrorAndChangesNothing(string reason)
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.InReviewAsync(analyst);
        var document = file.Document(ReviewFlows.RejectedRequirement);
        using var browser = await app.SignedInSessionAsync(analyst.Account);
        var page = await browser.GetPageAsync(file.BackofficeUrl);

        using var response = await browser.SubmitAsync(page, new Dictionary<string, string?> { ["DocumentReason"] = reason },
            BackofficePages.DocumentForm(document.Id, "RejectDocument"));

        var shown = await response.ReadPageAsync(HttpStatusCode.OK);
        FormAssert.HasFieldError(shown, $"Reason-{document.Id}", "Escriba el motivo del rechazo: el solicitante lo leerá para corregirlo.");
        Assert.Equal(DocumentReview.Pending, (await app.ReadFileAsync(file.Id)).Documents.Single(d => d.Id == document.Id).Review);
    }

    [Fact]
    public async Task RejectDocument_WithReasonTooLong_KeepsWhatWasTyped()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.InReviewAsync(analyst);
        var document = file.Document(ReviewFlows.RejectedRequirement);
        using var browser = await app.SignedInSessionAsync(analyst.Account);
        var page = await browser.GetPageAsync(file.BackofficeUrl);
        var reason = "El plano no tiene escala. " + new string('x', 1000);

        using var response = await browser.SubmitAsync(page, new Dictionary<string, string?> { ["DocumentReason"] = reason },
            BackofficePages.DocumentForm(document.Id, "RejectDocument"));

        var shown = await response.ReadPageAsync(HttpStatusCode.OK);
        FormAssert.HasFieldError(shown, $"Reason-{document.Id}", "El motivo no puede pasar de 1000 caracteres.");
        Assert.Equal(reason, shown.Document.GetElementById($"Reason-{document.Id}")?.TextContent);
        Assert.Equal(DocumentReview.Pending, (await app.ReadFileAsync(file.Id)).Documents.Single(d => d.Id == document.Id).Review);
    }

    [Fact]
    public async Task RejectDocument_AlreadyAccepted_IsRefused()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.InReviewAsync(analyst);
        var document = file.Document(ReviewFlows.RejectedRequirement);
        using var browser = await app.SignedInSessionAsync(analyst.Account);
        var page = await browser.ReviewDocumentSuccessfullyAsync(file.Id, document.Id, accept: true);
        // The page offers no way back for an accepted document; a crafted post is refused too.
        Assert.Null(page.Document.QuerySelector(BackofficePages.DocumentForm(document.Id, "RejectDocument")));

        using var response = await browser.PostHandlerAsync(page, "RejectDocument", new Dictionary<string, string?>
        {
            ["DocumentId"] = document.Id.ToString(),
            ["DocumentReason"] = "Pensándolo bien, el croquis no sirve.",
        });

        var shown = await response.ReadPageAsync(HttpStatusCode.OK);
        FormAssert.HasSummaryError(shown, "Este documento ya fue aceptado y no puede observarse de nuevo (Decreto 5-2021, art. 12).");
        var stored = (await app.ReadFileAsync(file.Id)).Documents.Single(d => d.Id == document.Id);
        Assert.Equal((DocumentReview.Accepted, (string?)null), (stored.Review, stored.ReviewReason));
    }

    [Fact]
    public async Task ReviewDocument_ByAnotherAnalyst_IsRefused()
    {
        var owner = await app.CreatePersonAsync(Roles.Analista);
        var other = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.InReviewAsync(owner);
        using var browser = await app.SignedInSessionAsync(other.Account);
        var page = await browser.GetPageAsync(file.BackofficeUrl);
        Assert.Null(page.Document.QuerySelector("main form[action$='handler=AcceptDocument']"));

        using var response = await browser.PostHandlerAsync(page, "AcceptDocument", new Dictionary<string, string?> { ["DocumentId"] = file.Documents[0].Id.ToString() });

        var shown = await response.ReadPageAsync(HttpStatusCode.OK);
        FormAssert.HasSummaryError(shown, "Solo el analista asignado puede revisar documentos mientras el expediente está en revisión.");
        Assert.All((await app.ReadFileAsync(file.Id)).Documents, d => Assert.Equal(DocumentReview.Pending, d.Review));
    }

    [Fact]
    public async Task RequestCorrection_Twice_IsRefusedTheSecondTime()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.AwaitingCorrectionAsync(analyst);
        await app.AnswerCorrectionAsync(file);
        // The replacement is rejected too: there is something to observe, but no second request.
        await app.ReviewDocumentsAsync(file, analyst, ReviewFlows.RejectedRequirement);
        using var browser = await app.SignedInSessionAsync(analyst.Account);
        var page = await browser.GetPageAsync(file.BackofficeUrl);
        Assert.False(page.HasForm("RequestCorrection"));

        using var response = await browser.PostHandlerAsync(page, "RequestCorrection", new Dictionary<string, string?> { ["Notes"] = "Falta además la licencia municipal." });

        var shown = await response.ReadPageAsync(HttpStatusCode.OK);
        FormAssert.HasSummaryError(shown, "El expediente ya tuvo su única solicitud de subsanación (Decreto 5-2021, art. 12).");
        var stored = await app.ReadFileAsync(file.Id);
        Assert.Equal(ApplicationStatus.InReview, stored.Status);
        Assert.Equal(1, await app.WithDbAsync(db => db.CorrectionRequests.CountAsync(c => c.ApplicationId == file.Id)));
        Assert.Single(await app.OutboxAsync(file.Citizen.Email, "review.correction-requested"));
    }

    [Fact]
    public async Task RequestCorrection_WithNothingToCorrect_AsksForAnObservation()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.InReviewAsync(analyst);
        await app.ReviewDocumentsAsync(file, analyst);
        using var browser = await app.SignedInSessionAsync(analyst.Account);
        var page = await browser.GetPageAsync(file.BackofficeUrl);

        using var response = await browser.ActAsync(page, "RequestCorrection", new Dictionary<string, string?> { ["Notes"] = " " });

        var shown = await response.ReadPageAsync(HttpStatusCode.OK);
        FormAssert.HasFieldError(shown, "Notes", "Rechace al menos un documento o escriba qué falta: una subsanación sin observaciones no tiene nada que corregir.");
        Assert.Equal(ApplicationStatus.InReview, (await app.ReadFileAsync(file.Id)).Status);
    }

    [Fact]
    public async Task Recommend_WithADocumentPending_IsRefused()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.InReviewAsync(analyst, ProcedureSlugs.ProcessedFood);
        // Every document accepted but one, still pending.
        foreach (var document in file.Documents.Skip(1))
        {
            await app.DoAsync(file.Id, (r, stamp) => r.ReviewDocumentAsync(file.Id, analyst.Actor, stamp, document.Id, accept: true, null));
        }

        using var browser = await app.SignedInSessionAsync(analyst.Account);
        var page = await browser.GetPageAsync(file.BackofficeUrl);

        using var response = await browser.ActAsync(page, "Recommend", new Dictionary<string, string?>
        {
            ["Recommendation"] = "aprobar",
            ["Opinion"] = ReviewFlows.FavourableOpinion,
        });

        var shown = await response.ReadPageAsync(HttpStatusCode.OK);
        FormAssert.HasSummaryError(shown, "Primero acepte o rechace cada documento del expediente.");
        // What was typed stays, so nothing is lost once the document is reviewed.
        Assert.Equal(ReviewFlows.FavourableOpinion, shown.Document.GetElementById("Opinion")?.TextContent);
        Assert.Equal("aprobar", shown.CheckedValue("Recommendation"));
        var stored = await app.ReadFileAsync(file.Id);
        Assert.Equal(ApplicationStatus.InReview, stored.Status);
        Assert.Null(stored.Recommendation);
    }

    [Fact]
    public async Task Recommend_BeforeTheInspection_IsRefusedForAProcedureWithInspection()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.InReviewAsync(analyst);
        await app.ReviewDocumentsAsync(file, analyst);
        using var browser = await app.SignedInSessionAsync(analyst.Account);
        var page = await browser.GetPageAsync(file.BackofficeUrl);

        using var response = await browser.ActAsync(page, "Recommend", new Dictionary<string, string?>
        {
            ["Recommendation"] = "aprobar",
            ["Opinion"] = ReviewFlows.FavourableOpinion,
        });

        var shown = await response.ReadPageAsync(HttpStatusCode.OK);
        FormAssert.HasSummaryError(shown, "Primero registre el resultado de la inspección.");
        Assert.Equal(ApplicationStatus.InReview, (await app.ReadFileAsync(file.Id)).Status);
    }

    [Fact]
    public async Task Recommend_WithShortOpinion_ShowsErrorAndKeepsIt()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.ReadyForOpinionAsync(analyst);
        using var browser = await app.SignedInSessionAsync(analyst.Account);
        var page = await browser.GetPageAsync(file.BackofficeUrl);

        using var response = await browser.ActAsync(page, "Recommend", new Dictionary<string, string?>
        {
            ["Recommendation"] = "aprobar",
            ["Opinion"] = "Todo en orden.",
        });

        var shown = await response.ReadPageAsync(HttpStatusCode.OK);
        FormAssert.HasFieldError(shown, "Opinion", "Escriba el dictamen que fundamenta su recomendación (al menos 20 caracteres).");
        Assert.Equal("Todo en orden.", shown.Document.GetElementById("Opinion")?.TextContent);
        Assert.Equal(ApplicationStatus.InReview, (await app.ReadFileAsync(file.Id)).Status);
    }

    [Fact]
    public async Task Approve_ByTheJefeWhoAlsoRecommended_IsRefused()
    {
        // One person with both roles: they may review and give the opinion, but not decide on it.
        var both = await app.CreatePersonAsync(Roles.Analista, Roles.Jefe);
        var file = await app.AwaitingApprovalAsync(both);
        using var browser = await app.SignedInSessionAsync(both.Account);
        var page = await browser.GetPageAsync(file.BackofficeUrl);
        Assert.False(page.HasForm("Approve"));
        Assert.False(page.HasForm("Reject"));

        using var approve = await browser.PostHandlerAsync(page, "Approve");

        var shown = await approve.ReadPageAsync(HttpStatusCode.OK);
        FormAssert.HasSummaryError(shown, "Quien emitió el dictamen no puede resolver el mismo expediente.");
        using var reject = await browser.PostHandlerAsync(page, "Reject", new Dictionary<string, string?> { ["Grounds"] = "No cumple." });
        FormAssert.HasSummaryError(await reject.ReadPageAsync(HttpStatusCode.OK), "Quien emitió el dictamen no puede resolver el mismo expediente.");
        var stored = await app.ReadFileAsync(file.Id);
        Assert.Equal(ApplicationStatus.AwaitingApproval, stored.Status);
        Assert.Null(stored.DecidedById);
        Assert.False(await app.WithDbAsync(db => db.Resolutions.AnyAsync(r => r.ApplicationId == file.Id)));
    }

    [Fact]
    public async Task Approve_AgainstAnUnfavourableOpinion_IsRefused()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var head = await app.CreatePersonAsync(Roles.Jefe);
        var file = await app.AwaitingApprovalAsync(analyst, Recommendation.Reject);
        using var browser = await app.SignedInSessionAsync(head.Account);
        var page = await browser.GetPageAsync(file.BackofficeUrl);
        Assert.False(page.HasForm("Approve"));
        Assert.True(page.HasForm("Reject"));
        Assert.True(page.HasForm("SendBack"));

        using var response = await browser.PostHandlerAsync(page, "Approve");

        var shown = await response.ReadPageAsync(HttpStatusCode.OK);
        FormAssert.HasSummaryError(shown, "El dictamen recomienda rechazar: para aprobar, devuélvalo al analista.");
        Assert.Equal(ApplicationStatus.AwaitingApproval, (await app.ReadFileAsync(file.Id)).Status);
        Assert.False(await app.WithDbAsync(db => db.Resolutions.AnyAsync(r => r.ApplicationId == file.Id)));
    }

    [Fact]
    public async Task Reject_WithoutGrounds_ShowsError()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var head = await app.CreatePersonAsync(Roles.Jefe);
        var file = await app.AwaitingApprovalAsync(analyst, Recommendation.Reject);
        using var browser = await app.SignedInSessionAsync(head.Account);
        var page = await browser.GetPageAsync(file.BackofficeUrl);

        using var response = await browser.ActAsync(page, "Reject", new Dictionary<string, string?> { ["Grounds"] = "" });

        var shown = await response.ReadPageAsync(HttpStatusCode.OK);
        FormAssert.HasFieldError(shown, "Grounds", "Escriba los fundamentos de la denegatoria: el solicitante los leerá en la resolución.");
        Assert.Equal(ApplicationStatus.AwaitingApproval, (await app.ReadFileAsync(file.Id)).Status);
    }

    [Fact]
    public async Task Act_WithAStaleStamp_Answers409AndSaysTheFileChanged()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.ReceivedAsync();
        using var browser = await app.SignedInSessionAsync(analyst.Account);
        // Two tabs on the same file; the first one takes it, so the second one's page is stale.
        var stale = await browser.GetPageAsync(file.BackofficeUrl);
        await browser.ActSuccessfullyAsync(file.Id, "Claim");
        var note = $"Nota escrita en la pestaña vieja {Guid.NewGuid():N}";

        using var response = await browser.ActAsync(stale, "Note", new Dictionary<string, string?> { ["Note"] = note });

        var shown = await response.ReadPageAsync(HttpStatusCode.Conflict);
        Assert.Contains(shown.SummaryErrors, e => e.Message.Contains("cambió", StringComparison.Ordinal));
        // The page is drawn again with the file as it is now, so the next try works.
        Assert.Equal("inreview", shown.ShownStatus());
        Assert.NotEqual(stale.Stamp(), shown.Stamp());
        Assert.DoesNotContain((await app.ReadFileAsync(file.Id)).Events, e => e.Note == note);
    }

    [Fact]
    public async Task Claim_ByAJefe_IsNotOffered_AndRefused()
    {
        var head = await app.CreatePersonAsync(Roles.Jefe);
        var file = await app.ReceivedAsync();
        using var browser = await app.SignedInSessionAsync(head.Account);
        var page = await browser.GetPageAsync(file.BackofficeUrl);
        Assert.False(page.HasForm("Claim"));
        Assert.True(page.HasForm("Assign"));

        using var response = await browser.PostHandlerAsync(page, "Claim");

        var shown = await response.ReadPageAsync(HttpStatusCode.OK);
        FormAssert.HasSummaryError(shown, "Solo un analista puede hacerlo.");
        Assert.Equal(ApplicationStatus.Received, (await app.ReadFileAsync(file.Id)).Status);
    }

    [Fact]
    public async Task Post_WhenFileUnknown_Returns404()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.ReceivedAsync();
        using var browser = await app.SignedInSessionAsync(analyst.Account);
        var page = await browser.GetPageAsync(file.BackofficeUrl);
        var target = BackofficePages.FileUrl(Guid.NewGuid());

        using var response = await browser.SubmitAsync(page, new Dictionary<string, string?>(), FilingFlows.AimForm(page, BackofficePages.Form("Claim"), target + "?handler=Claim"));

        await PageAssert.IsNotFoundAsync(response);
    }
}
