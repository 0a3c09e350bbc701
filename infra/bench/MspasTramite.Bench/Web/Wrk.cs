using System.Globalization;
using System.Text.RegularExpressions;

namespace MspasTramite.Bench.Web;

/// One run of wrk as its summary gives it (`--latency`). Latencies in milliseconds.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Maintainability", "CA1515", Justification = "Part of the result the smoke test reads.")]
public sealed record WrkRun(double RequestsPerSecond, long Requests, double P50Ms, double P90Ms, double P99Ms, long Non2xx, long SocketErrors);

/// What wrk sends: a GET with headers, or a Lua script (the webhook's signed POSTs) and its arguments.
internal sealed record WrkRequest(string Path, IReadOnlyList<string> Headers, string? Script = null, IReadOnlyList<string>? ScriptArguments = null);

/// wrk from Debian (`apt-get install wrk`): one thread, a fixed number of connections, as issue 12 measured.
internal static partial class Wrk
{
    // The mixed load runs several at once; their outputs go to one log, one at a time.
    private static readonly SemaphoreSlim LogLock = new(1, 1);

    public static async Task<WrkRun> RunAsync(string baseUrl, WrkRequest request, int connections, int seconds, string logFile, CancellationToken cancellationToken)
    {
        var arguments = Arguments(baseUrl, request, connections, seconds);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // wrk stops by itself after -d; anything far beyond is a hang.
        limit.CancelAfter(TimeSpan.FromSeconds(seconds + 60));
        int exit;
        string text;
        try
        {
            (exit, text) = await WebBenchmark.RunProcessAsync("wrk", arguments, Path.GetDirectoryName(logFile)!, limit.Token);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("wrk is not installed: apt-get install -y wrk", e);
        }

        await LogLock.WaitAsync(cancellationToken);
        try
        {
            await File.AppendAllTextAsync(logFile, $"$ wrk {string.Join(' ', arguments.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a))}\n{text}\n", cancellationToken);
        }
        finally
        {
            LogLock.Release();
        }

        return exit == 0 ? Parse(text) : throw new InvalidOperationException($"wrk exited with {exit}: {text}");
    }

    public static IReadOnlyList<string> Arguments(string baseUrl, WrkRequest request, int connections, int seconds)
    {
        ArgumentNullException.ThrowIfNull(request);
        var arguments = new List<string> { "-t1", $"-c{connections}", $"-d{seconds}s", "--latency", "--timeout", "10s" };
        foreach (var header in request.Headers)
        {
            arguments.Add("-H");
            arguments.Add(header);
        }

        if (request.Script is not null)
        {
            arguments.Add("-s");
            arguments.Add(request.Script);
        }

        arguments.Add(baseUrl + request.Path);
        if (request.ScriptArguments is { Count: > 0 } scriptArguments)
        {
            arguments.Add("--");
            arguments.AddRange(scriptArguments);
        }

        return arguments;
    }

    public static WrkRun Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rps = RequestsPerSecond().Match(output);
        var total = Total().Match(output);
        if (!rps.Success || !total.Success)
        {
            throw new FormatException($"Not a wrk summary: {output}");
        }

        double Percentile(string p)
        {
            var m = Regex.Match(output, $@"^\s+{p}%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
            return m.Success ? Milliseconds(m.Groups[1].Value, m.Groups[2].Value) : double.NaN;
        }

        var non2xx = Non2xx().Match(output);
        var sockets = SocketErrors().Match(output);
        return new WrkRun(
            double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile("50"),
            Percentile("90"),
            Percentile("99"),
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            sockets.Success ? sockets.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0);
    }

    private static double Milliseconds(string value, string unit) =>
        double.Parse(value, CultureInfo.InvariantCulture) * unit switch
        {
            "us" => 0.001,
            "ms" => 1,
            "s" => 1000,
            _ => 60_000,
        };

    [GeneratedRegex(@"^Requests/sec:\s+([\d.]+)", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s+(\d+) requests in ", RegexOptions.Multiline)]
    private static partial Regex Total();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
