using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Review;

[Collection(SqliteReviewApp.Name)]
public sealed class LongTextTests_Sqlite(SqliteReviewAppFactory app) : LongTextTests<SqliteReviewAppFactory>(app);

[Collection(PostgresReviewApp.Name)]
public sealed class LongTextTests_Postgres(PostgresReviewAppFactory app) : LongTextTests<PostgresReviewAppFactory>(app);

/// Text as long as the back office's forms allow is kept whole where it belongs (the correction
/// request, the opinion); the history line that also quotes it is cut to what its column holds, where
/// PostgreSQL refused the whole save (a 500) and SQLite stored more than the column's length.
public abstract class LongTextTests<TFactory>(TFactory app) where TFactory : MspasAppFactory, IReviewApp
{
    [Fact]
    public async Task RequestCorrection_WithObservationsAsLongAsTheFormAllows_SendsThemWholeAndSummarisesTheHistory()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.InReviewAsync(analyst);
        await app.ReviewDocumentsAsync(file, analyst, ReviewFlows.RejectedRequirement);
        using var browser = await app.SignedInSessionAsync(analyst.Account);
        var notes = "Falta la constancia del colegiado. " + new string('x', 4000 - 35);

        var page = await browser.ActSuccessfullyAsync(file.Id, "RequestCorrection", new Dictionary<string, string?> { ["Notes"] = notes });

        Assert.Equal("Se envió la solicitud de subsanación al solicitante.", page.Notice);
        var stored = await app.ReadFileAsync(file.Id);
        Assert.Equal(ApplicationStatus.AwaitingCorrection, stored.Status);
        Assert.Equal(notes, stored.CorrectionRequest!.Notes);
        var history = stored.Events.Single(e => e.Kind == "correction-requested").Note!;
        Assert.Equal(ApplicationEvent.MaxNoteLength, history.Length);
        Assert.StartsWith("Croquis", history, StringComparison.Ordinal);
        Assert.EndsWith("…", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recommend_WithAnOpinionAsLongAsTheFormAllows_KeepsItWhole()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.ReadyForOpinionAsync(analyst);
        using var browser = await app.SignedInSessionAsync(analyst.Account);
        var opinion = "Cumple los requisitos documentales. " + new string('x', 8000 - 36);

        await browser.ActSuccessfullyAsync(file.Id, "Recommend", new Dictionary<string, string?>
        {
            ["Recommendation"] = "aprobar",
            ["Opinion"] = opinion,
        });

        var stored = await app.ReadFileAsync(file.Id);
        Assert.Equal(ApplicationStatus.AwaitingApproval, stored.Status);
        Assert.Equal(opinion, stored.Opinion);
        var history = stored.Events.Single(e => e.Kind == "opinion").Note!;
        Assert.Equal(ApplicationEvent.MaxNoteLength, history.Length);
        Assert.StartsWith("Recomienda aprobar. Cumple los requisitos documentales.", history, StringComparison.Ordinal);
    }
}
