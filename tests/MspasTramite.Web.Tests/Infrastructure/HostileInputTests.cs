using System.Diagnostics;
using MspasTramite.Web.Tests.TestKit;
using Xunit.Abstractions;

namespace MspasTramite.Web.Tests.Infrastructure;

[Collection(SqlitePaymentsApp.Name)]
public sealed class HostileInputTests_Sqlite(SqlitePaymentsAppFactory app, ITestOutputHelper output) : HostileInputTests<SqlitePaymentsAppFactory>(app, output);

[Collection(PostgresPaymentsApp.Name)]
public sealed class HostileInputTests_Postgres(PostgresPaymentsAppFactory app, ITestOutputHelper output) : HostileInputTests<PostgresPaymentsAppFactory>(app, output);

/// No input ever gives a 500. Every page the app routes, found from its own endpoints (so pages and
/// parameters added later are visited too), as every role allowed on it, at every address that leads
/// to an application in each state, gets a NUL byte and a 10,000-character value in every route
/// parameter, every query parameter its handlers read and every field of every form it draws, and a
/// post to a handler it does not have. Every textarea it draws must bind to multi-line text (which
/// keeps its line breaks when cleaned). The app with payments is used so that the Finanzas pages have
/// a real payment to show.
public abstract class HostileInputTests<TFactory>(TFactory app, ITestOutputHelper output) where TFactory : MspasAppFactory, IPaymentsApp
{
    [Fact]
    public async Task EveryPage_WithNulOrLongValueInEveryParameterAndField_NeverAnswers5xx()
    {
        var clock = Stopwatch.StartNew();
        var pages = await PageCatalogue.ReadAsync(app);
        var world = await EveryState.CreateAsync(app);
        var built = clock.Elapsed;
        using var probe = new PageProbe(app, world);

        await probe.VisitAllAsync(pages);

        output.WriteLine($"{pages.Count} pages, {world.Files.Count} applications made in {built.TotalSeconds:0} s; {probe.FormsProbed} forms, {probe.Requests} requests, {probe.Renewals} applications made again, {probe.Abandoned} forms left part-probed, in {(clock.Elapsed - built).TotalSeconds:0} s; {probe.Failures.Count} server errors.");
        foreach (var failure in probe.Failures)
        {
            output.WriteLine("\n" + failure);
        }

        Assert.True(probe.Failures.Count == 0 && probe.Unreached.Count == 0 && probe.Flattened.Count == 0,
            $"{probe.Failures.Count} requests answered 5xx (the first 30 below, every one in the test's output)."
            + (probe.Unreached.Count == 0 ? "" : "\n\nThese pages answered only 404 or a redirect to sign in at every address the probe knows, so their content went unprobed; give EveryState what reaches them:\n"
                + string.Join('\n', probe.Unreached))
            + (probe.Flattened.Count == 0 ? "" : "\n\nThese textareas bind to text not marked [DataType(DataType.MultilineText)], so their line breaks are lost:\n"
                + string.Join('\n', probe.Flattened))
            + "\n\n" + string.Join("\n\n", probe.Failures.Take(30)));
    }
}
