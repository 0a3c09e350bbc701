using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Data;
using MspasTramite.Core.Review;

namespace MspasTramite.Bench;

internal sealed record Timing(double Median, double P95)
{
    public static Timing Of(IReadOnlyCollection<double> samples)
    {
        var sorted = samples.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        // Nearest rank: the 19th of 20 samples.
        var p95 = sorted[Math.Max(0, (int)Math.Ceiling(0.95 * sorted.Length) - 1)];
        return new Timing(median, p95);
    }
}

internal sealed record ScenarioResult(
    Scenario Scenario, int Total, int Page, int Rows, Timing Query, Timing Count, Timing PageSql, IReadOnlyList<CapturedCommand> Explained);

/// Times WorkQueues.QueryAsync as the page calls it: a fresh scope (DbContext) per request, the
/// connection from the pool, both of its statements (the count and the page).
internal static class QueueRunner
{
    public static async Task<ScenarioResult> RunAsync(BenchEngine engine, Scenario scenario, int expectedTotal, DateOnly today, BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        for (var i = 0; i < options.Warmup; i++)
        {
            await QueryAsync(engine, scenario, today, cancellationToken);
        }

        var total = new List<double>();
        var count = new List<double>();
        var page = new List<double>();
        WorkQueuePage? result = null;
        for (var i = 0; i < options.Runs; i++)
        {
            engine.Capture.Clear();
            var (queue, elapsed) = await QueryAsync(engine, scenario, today, cancellationToken);
            result = queue;
            total.Add(elapsed.TotalMilliseconds);
            if (engine.Capture.Commands.Count != 2)
            {
                throw new InvalidOperationException($"{scenario.Name}: expected 2 statements (count, page), saw {engine.Capture.Commands.Count}.");
            }

            count.Add(engine.Capture.Commands[0].Duration.TotalMilliseconds);
            page.Add(engine.Capture.Commands[1].Duration.TotalMilliseconds);
        }

        Check(scenario, result!, expectedTotal);
        if (options.Reference)
        {
            await using var scope = engine.CreateScope();
            var reference = await ReferenceQueue.QueryAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scenario.Filter, scenario.UserId, today, cancellationToken);
            if (reference.Total != result!.Total || reference.Page != result.Page || !reference.Rows.SequenceEqual(result.Rows))
            {
                throw new InvalidOperationException($"{scenario.Name}: WorkQueues.QueryAsync answers a different page than the query before the bench.");
            }
        }

        engine.Capture.Clear();
        engine.Capture.Explain = true;
        try
        {
            await QueryAsync(engine, scenario, today, cancellationToken);
        }
        finally
        {
            engine.Capture.Explain = false;
        }

        return new ScenarioResult(scenario, result!.Total, result.Page, result.Rows.Count, Timing.Of(total), Timing.Of(count), Timing.Of(page), [.. engine.Capture.Commands]);
    }

    private static async Task<(WorkQueuePage Queue, TimeSpan Elapsed)> QueryAsync(BenchEngine engine, Scenario scenario, DateOnly today, CancellationToken cancellationToken)
    {
        await using var scope = engine.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var watch = Stopwatch.StartNew();
        var queue = await WorkQueues.QueryAsync(db, scenario.Filter, scenario.UserId, today, cancellationToken);
        watch.Stop();
        return (queue, watch.Elapsed);
    }

    /// A fast wrong answer is no result: the count must be the generator's, the page full and in due-date order.
    private static void Check(Scenario scenario, WorkQueuePage queue, int expectedTotal)
    {
        if (queue.Total != expectedTotal)
        {
            throw new InvalidOperationException($"{scenario.Name}: {queue.Total} files counted, {expectedTotal} generated.");
        }

        var expectedRows = Math.Min(queue.PageSize, Math.Max(0, queue.Total - ((queue.Page - 1) * queue.PageSize)));
        if (queue.Rows.Count != expectedRows)
        {
            throw new InvalidOperationException($"{scenario.Name}: page {queue.Page} has {queue.Rows.Count} rows, expected {expectedRows}.");
        }

        for (var i = 1; i < queue.Rows.Count; i++)
        {
            var (previous, row) = (queue.Rows[i - 1], queue.Rows[i]);
            if ((previous.DueOn, previous.ReceivedAt).CompareTo((row.DueOn, row.ReceivedAt)) > 0)
            {
                throw new InvalidOperationException($"{scenario.Name}: rows out of due-date order at {i}.");
            }
        }
    }
}
