using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Review;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Review;

[Collection(SqliteReviewApp.Name)]
public sealed class ReviewRaceTests_Sqlite(SqliteReviewAppFactory app) : ReviewRaceTests<SqliteReviewAppFactory>(app);

[Collection(PostgresReviewApp.Name)]
public sealed class ReviewRaceTests_Postgres(PostgresReviewAppFactory app) : ReviewRaceTests<PostgresReviewAppFactory>(app);

/// Two people acting on the same file at the same moment, each from the page they loaded (the same
/// stamp), each in their own request (their own DI scope and database transaction): exactly one wins,
/// the other is told the file changed, and the file shows only the winner's action.
public abstract class ReviewRaceTests<TFactory>(TFactory app) where TFactory : MspasAppFactory, IReviewApp
{
    // Several rounds: one round may happen not to overlap; every round must hold.
    private const int Rounds = 5;

    [Fact]
    public async Task Claim_ByTwoAnalystsAtOnce_OneWinsAndTheOtherGetsConflict()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var first = await app.CreatePersonAsync(Roles.Analista);
            var second = await app.CreatePersonAsync(Roles.Analista);
            var file = await app.ReceivedAsync(ProcedureSlugs.ProcessedFood);
            var stamp = await app.StampAsync(file.Id);

            var results = await AtOnceAsync(
                r => r.ClaimAsync(file.Id, first.Actor, stamp),
                r => r.ClaimAsync(file.Id, second.Actor, stamp));

            var winner = AssertOneWins(results, first, second);
            var stored = await app.ReadFileAsync(file.Id);
            Assert.Equal((ApplicationStatus.InReview, winner.Id), (stored.Status, stored.AssignedToId));
            var claimed = Assert.Single(stored.Events, e => e.Kind == "claimed");
            Assert.Equal(winner.Id, claimed.ActorId);
        }
    }

    [Fact]
    public async Task ApproveAndSendBack_ByTwoJefesAtOnce_OneWins()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        for (var round = 0; round < Rounds; round++)
        {
            var approver = await app.CreatePersonAsync(Roles.Jefe);
            var sender = await app.CreatePersonAsync(Roles.Jefe);
            var file = await app.AwaitingApprovalAsync(analyst, procedure: ProcedureSlugs.ProcessedFood);
            var stamp = await app.StampAsync(file.Id);

            var results = await AtOnceAsync(
                r => r.ApproveAsync(file.Id, approver.Actor, stamp),
                r => r.SendBackAsync(file.Id, sender.Actor, stamp, "Revise la etiqueta de nuevo."));

            var winner = AssertOneWins(results, approver, sender);
            var stored = await app.ReadFileAsync(file.Id);
            var resolutions = await app.WithDbAsync(db => db.Resolutions.CountAsync(r => r.ApplicationId == file.Id));
            if (winner == approver)
            {
                Assert.Equal((ApplicationStatus.Approved, approver.Id, 1), (stored.Status, stored.DecidedById, resolutions));
                Assert.DoesNotContain(stored.Events, e => e.Kind == "sent-back");
            }
            else
            {
                Assert.Equal((ApplicationStatus.InReview, (string?)null, 0), (stored.Status, stored.DecidedById, resolutions));
                Assert.DoesNotContain(stored.Events, e => e.Kind == "approved");
            }
        }
    }

    [Fact]
    public async Task AssignAndRelease_AtOnce_OneWins()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var analyst = await app.CreatePersonAsync(Roles.Analista);
            var other = await app.CreatePersonAsync(Roles.Analista);
            var head = await app.CreatePersonAsync(Roles.Jefe);
            var file = await app.InReviewAsync(analyst, ProcedureSlugs.ProcessedFood);
            var stamp = await app.StampAsync(file.Id);

            var results = await AtOnceAsync(
                r => r.ReleaseAsync(file.Id, analyst.Actor, stamp),
                r => r.AssignAsync(file.Id, head.Actor, stamp, other.Id));

            var winner = AssertOneWins(results, analyst, head);
            var stored = await app.ReadFileAsync(file.Id);
            Assert.Equal(
                winner == analyst ? (ApplicationStatus.Received, (string?)null) : (ApplicationStatus.InReview, other.Id),
                (stored.Status, stored.AssignedToId));
        }
    }

    [Fact]
    public async Task ReviewDocument_TwiceWithTheSameStamp_TheSecondIsAConflict()
    {
        var analyst = await app.CreatePersonAsync(Roles.Analista);
        var file = await app.InReviewAsync(analyst, ProcedureSlugs.ProcessedFood);
        var stamp = await app.StampAsync(file.Id);

        var results = await AtOnceAsync(
            r => r.ReviewDocumentAsync(file.Id, analyst.Actor, stamp, file.Documents[0].Id, accept: true, null),
            r => r.ReviewDocumentAsync(file.Id, analyst.Actor, stamp, file.Documents[1].Id, accept: false, "Ilegible."));

        Assert.Equal([ReviewOutcome.Done, ReviewOutcome.Conflict], results.Select(r => r.Outcome).Order());
        var reviewed = (await app.ReadFileAsync(file.Id)).Documents.Count(d => d.Review != DocumentReview.Pending);
        Assert.Equal(1, reviewed);
    }

    /// Both actions started together, each in its own scope, released by one signal so they overlap.
    private async Task<ReviewResult[]> AtOnceAsync(Func<ReviewService, Task<ReviewResult>> one, Func<ReviewService, Task<ReviewResult>> other)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = new[] { one, other }.Select(action => Task.Run(async () =>
        {
            await start.Task;
            return await app.ReviewAsync(action);
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(tasks);
    }

    private static Person AssertOneWins(ReviewResult[] results, Person first, Person second)
    {
        Assert.Equal([ReviewOutcome.Done, ReviewOutcome.Conflict], results.Select(r => r.Outcome).Order());
        var loser = results.Single(r => r.Outcome == ReviewOutcome.Conflict);
        Assert.Contains("cambió", Assert.Single(loser.Errors).Message, StringComparison.Ordinal);
        return results[0].Succeeded ? first : second;
    }
}
