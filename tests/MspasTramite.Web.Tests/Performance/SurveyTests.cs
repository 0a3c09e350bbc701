using System.Net;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Performance;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Performance;

[Collection(SqliteReviewApp.Name)]
public sealed class SurveyTests_Sqlite(SqliteReviewAppFactory app) : SurveyTests<SqliteReviewAppFactory>(app);

[Collection(PostgresReviewApp.Name)]
public sealed class SurveyTests_Postgres(PostgresReviewAppFactory app) : SurveyTests<PostgresReviewAppFactory>(app);

/// /mis-solicitudes/{id}/encuesta: the satisfaction survey (Decreto 5-2021 art. 11) after payment and
/// after the decision, one answer or skip per application and moment, by the application's owner.
public abstract class SurveyTests<TFactory>(TFactory app) where TFactory : MspasAppFactory, IReviewApp
{
    private const string AlreadyAnswered = "Esta encuesta ya fue respondida. Gracias por su opinión.";

    [Fact]
    public async Task Post_AfterPayment_StoresRatingAndCommentAndThanks()
    {
        var file = await app.ReceivedAsync();
        using var browser = await app.SignedInSessionAsync(file.Citizen.Account);

        var page = await browser.GetPageAsync(SurveyUrl(file, "pago"));
        Assert.Equal("Califique el servicio", page.Title);
        Assert.Equal("¿Qué tan satisfecho está con la solicitud y el pago en línea?", page.Document.QuerySelector("fieldset legend")?.TextContent);
        Assert.Equal(
            ["1 — Muy insatisfecho", "2 — Insatisfecho", "3 — Ni satisfecho ni insatisfecho", "4 — Satisfecho", "5 — Muy satisfecho"],
            page.Document.QuerySelectorAll("fieldset label").Select(l => l.TextContent).ToList());
        using var response = await browser.SubmitAsync(page, Answer("4", "Fue rápido pagar con tarjeta."));

        Assert.Equal(file.CitizenUrl, response.RedirectPath());
        Assert.Equal("Gracias por calificar el servicio.", (await browser.FollowAsync(response)).Notice);
        var stored = Assert.Single(await ResponsesAsync(file.Id));
        Assert.Equal((SurveyMoment.AfterPayment, (int?)4, "Fue rápido pagar con tarjeta."), (stored.Moment, stored.Rating, stored.Comment));
        var procedureId = await app.WithDbAsync(db => db.Applications.Where(a => a.Id == file.Id).Select(a => a.ProcedureVersion.ProcedureId).SingleAsync());
        Assert.Equal(procedureId, stored.ProcedureId);
    }

    [Fact]
    public async Task Post_Skip_RecordsASkipWithoutRatingOrComment()
    {
        var file = await app.ReceivedAsync();
        using var browser = await app.SignedInSessionAsync(file.Citizen.Account);

        var form = Answer("5", "Esto no se guarda.");
        form["accion"] = "omitir";
        using var response = await browser.SubmitAsync(await browser.GetPageAsync(SurveyUrl(file, "pago")), form);

        Assert.Equal(file.CitizenUrl, response.RedirectPath());
        Assert.Equal("Omitimos la encuesta. Gracias.", (await browser.FollowAsync(response)).Notice);
        var stored = Assert.Single(await ResponsesAsync(file.Id));
        Assert.Equal((SurveyMoment.AfterPayment, (int?)null, (string?)null), (stored.Moment, stored.Rating, stored.Comment));
    }

    [Fact]
    public async Task Post_Twice_SecondIsRefusedPolitelyAndFirstStands()
    {
        var file = await app.ReceivedAsync();
        using var browser = await app.SignedInSessionAsync(file.Citizen.Account);
        // Two tabs opened on the survey before either answered.
        var first = await browser.GetPageAsync(SurveyUrl(file, "pago"));
        var second = await browser.GetPageAsync(SurveyUrl(file, "pago"));

        using var answered = await browser.SubmitAsync(first, Answer("2", null));
        using var again = await browser.SubmitAsync(second, Answer("5", "Otra vez"));

        Assert.Equal(file.CitizenUrl, answered.RedirectPath());
        var page = await again.ReadPageAsync();
        Assert.Contains(AlreadyAnswered, page.Text, StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("main form[method=post]"));
        Assert.Equal((int?)2, Assert.Single(await ResponsesAsync(file.Id)).Rating);
        Assert.Contains(AlreadyAnswered, (await browser.GetPageAsync(SurveyUrl(file, "pago"))).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAndPost_ByAnotherCitizen_Return404AndStoreNothing()
    {
        var file = await app.ReceivedAsync();
        var other = await app.CreatePersonAsync(Roles.Solicitante);
        using var owner = await app.SignedInSessionAsync(file.Citizen.Account);
        var ownersPage = await owner.GetPageAsync(SurveyUrl(file, "pago"));
        using var browser = await app.SignedInSessionAsync(other.Account);
        var othersPage = await browser.GetPageAsync("/mis-solicitudes");

        using var get = await browser.GetAsync(SurveyUrl(file, "pago"));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = othersPage.AntiforgeryToken,
            ["Input.Rating"] = "1",
        });
        using var post = await browser.Client.PostAsync(new Uri(SurveyUrl(file, "pago"), UriKind.Relative), content);

        Assert.Equal("Califique el servicio", ownersPage.Title);
        await PageAssert.IsNotFoundAsync(get);
        await PageAssert.IsNotFoundAsync(post);
        Assert.Empty(await ResponsesAsync(file.Id));
    }

    [Fact]
    public async Task Get_Anonymous_RedirectsToSignIn()
    {
        var file = await app.ReceivedAsync();
        using var anonymous = app.CreateSession();

        using var response = await anonymous.GetAsync(SurveyUrl(file, "pago"));

        PageAssert.RedirectsToSignIn(response);
    }

    [Fact]
    public async Task GetAndPost_DecisionSurveyBeforeTheDecision_AreRefusedWithExplanation()
    {
        var file = await app.ReceivedAsync();
        using var browser = await app.SignedInSessionAsync(file.Citizen.Account);
        var paymentSurvey = await browser.GetPageAsync(SurveyUrl(file, "pago"));

        var page = await browser.GetPageAsync(SurveyUrl(file, "decision"));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = paymentSurvey.AntiforgeryToken,
            ["Input.Rating"] = "5",
        });
        using var post = await browser.Client.PostAsync(new Uri(SurveyUrl(file, "decision"), UriKind.Relative), content);

        Assert.Contains("La encuesta se abre cuando su solicitud tenga una resolución.", page.Text, StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("main form[method=post]"));
        Assert.Contains("La encuesta se abre cuando su solicitud tenga una resolución.", (await post.ReadPageAsync()).Text, StringComparison.Ordinal);
        Assert.Empty(await ResponsesAsync(file.Id));
    }

    [Fact]
    public async Task Post_CommentOver1000_ShowsSpanishErrorAndKeepsRatingAndComment()
    {
        var file = await app.ReceivedAsync();
        using var browser = await app.SignedInSessionAsync(file.Citizen.Account);
        var tooLong = new string('ñ', 1001);

        using var response = await browser.SubmitAsync(await browser.GetPageAsync(SurveyUrl(file, "pago")), Answer("3", tooLong));

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Comment", "El comentario puede tener como máximo 1000 caracteres.");
        Assert.Equal("3", page.CheckedValue("Input.Rating"));
        Assert.Equal(tooLong, page.Document.QuerySelector("textarea[name='Input.Comment']")?.TextContent.Trim('\n'));
        Assert.Empty(await ResponsesAsync(file.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("cinco")]
    [InlineData("+4")]
    public async Task Post_WithoutAValidRating_ShowsSpanishErrorAndKeepsComment(string rating)
    {
        var file = await app.ReceivedAsync();
        using var browser = await app.SignedInSessionAsync(file.Citizen.Account);

        using var response = await browser.SubmitAsync(await browser.GetPageAsync(SurveyUrl(file, "pago")), Answer(rating, "Buen servicio"));

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Rating", "Elija una calificación del 1 al 5.");
        Assert.Equal("Buen servicio", page.Document.QuerySelector("textarea[name='Input.Comment']")?.TextContent.Trim('\n'));
        Assert.Empty(await ResponsesAsync(file.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?momento=otro")]
    public async Task Get_WithoutAKnownMoment_Returns404(string query)
    {
        var file = await app.ReceivedAsync();
        using var browser = await app.SignedInSessionAsync(file.Citizen.Account);

        using var response = await browser.GetAsync($"{file.CitizenUrl}/encuesta{query}");

        await PageAssert.IsNotFoundAsync(response);
    }

    [Fact]
    public async Task Approval_EmailAndApplicationPageInviteToTheDecisionSurveyAtThePublicAddress()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var head = await app.CreatePersonAsync(Roles.Jefe);
        var file = await app.AwaitingApprovalAsync(analyst);
        using var browser = await app.SignedInSessionAsync(file.Citizen.Account);
        // Paid and rated already: after the decision, the decision's survey is the one offered.
        using var _ = await browser.SubmitAsync(await browser.GetPageAsync(SurveyUrl(file, "pago")), Answer("4", null));

        await app.DoAsync(file.Id, (r, stamp) => r.ApproveAsync(file.Id, head.Actor, stamp));

        var mail = await Mailbox.WaitForMessageAsync(file.Citizen.Email, m => m.Subject!.StartsWith($"Expediente {file.FileNumber} aprobado", StringComparison.Ordinal));
        var link = Mailbox.LinkTo(mail, $"{file.CitizenUrl}/encuesta");
        Assert.Equal(("localhost", "?momento=decision"), (link.Host, link.Query));
        var details = await browser.GetPageAsync(file.CitizenUrl);
        Assert.NotNull(details.Document.QuerySelector($"main a[href='{SurveyUrl(file, "decision")}']"));
        var survey = await browser.GetPageAsync(link.PathAndQuery);
        Assert.Equal("¿Qué tan satisfecho está con la atención de su solicitud?", survey.Document.QuerySelector("fieldset legend")?.TextContent);

        using var answered = await browser.SubmitAsync(survey, Answer("5", null));

        Assert.Equal(file.CitizenUrl, answered.RedirectPath());
        Assert.Equal(
            [(SurveyMoment.AfterPayment, (int?)4), (SurveyMoment.AfterDecision, (int?)5)],
            (await ResponsesAsync(file.Id)).Select(r => (r.Moment, r.Rating)).Order().ToList());
        Assert.Null((await browser.GetPageAsync(file.CitizenUrl)).Document.QuerySelector("main a[href*='/encuesta']"));
    }

    [Fact]
    public async Task ApplicationPage_WhenPaidAndNotRated_InvitesToThePaymentSurvey()
    {
        var file = await app.ReceivedAsync();
        using var browser = await app.SignedInSessionAsync(file.Citizen.Account);

        var details = await browser.GetPageAsync(file.CitizenUrl);

        Assert.NotNull(details.Document.QuerySelector($"main a[href='{SurveyUrl(file, "pago")}']"));
    }

    private static string SurveyUrl(ReviewFile file, string moment) => $"{file.CitizenUrl}/encuesta?momento={moment}";

    private Task<List<SurveyResponse>> ResponsesAsync(Guid applicationId) =>
        app.WithDbAsync(db => db.SurveyResponses.AsNoTracking().Where(r => r.ApplicationId == applicationId).ToListAsync());

    private static Dictionary<string, string?> Answer(string rating, string? comment) => new()
    {
        ["Input.Rating"] = rating,
        ["Input.Comment"] = comment,
        ["accion"] = "enviar",
    };
}
