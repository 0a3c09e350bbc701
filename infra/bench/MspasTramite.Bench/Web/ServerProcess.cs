using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MspasTramite.Bench.Web;

/// The app or the baseline as its own process (`dotnet X.dll`), in Production, on 127.0.0.1, its
/// output in a log file. Stopped by its own process id.
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Stopwatch sinceStart;

    private ServerProcess(Process process, Stopwatch sinceStart, int port)
    {
        this.process = process;
        this.sinceStart = sinceStart;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => process.Id;

    public string BaseUrl => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}");

    /// Time from the process start to the first 200 from /health/ready.
    public TimeSpan ReadyAfter { get; private set; }

    public static async Task<ServerProcess> StartAsync(string dll, int port, IReadOnlyDictionary<string, string?> environment, string logFile, CancellationToken cancellationToken)
    {
        // `exec` so that the process id is dotnet's own (its /proc/<pid>/status is the one read).
        var info = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$2\" \"$0\" >>\"$1\" 2>&1");
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add(logFile);
        // The host that runs this process (dotnet test sets it), else the one on the PATH.
        info.ArgumentList.Add(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{dll} did not start.");
        var server = new ServerProcess(process, watch, port);
        try
        {
            await server.WaitReadyAsync(logFile, cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    private async Task WaitReadyAsync(string logFile, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        // A fresh PostgreSQL database took 34-36 s before issue 12's fixes: three minutes is a hang.
        var deadline = TimeSpan.FromMinutes(3);
        while (sinceStart.Elapsed < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {process.ExitCode} before it was ready; see {logFile}.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(BaseUrl + "/health/ready"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    ReadyAfter = sinceStart.Elapsed;
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Listening but busy starting.
            }

            await Task.Delay(25, cancellationToken);
        }

        throw new TimeoutException($"Not ready after {deadline}; see {logFile}.");
    }

    /// Peak and current resident memory (VmHWM, VmRSS), in MB.
    public (double PeakMb, double CurrentMb) Memory()
    {
        var status = File.ReadAllLines($"/proc/{process.Id}/status");
        double Read(string key) =>
            status.Where(l => l.StartsWith(key + ":", StringComparison.Ordinal))
                .Select(l => double.Parse(l[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024)
                .FirstOrDefault();
        return (Read("VmHWM"), Read("VmRSS"));
    }

    private bool disposed;

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (!process.HasExited)
        {
            process.Kill();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(wait.Token);
        }

        process.Dispose();
    }

    /// A port nobody listens on now, for runs beside others (the smoke test in the test run).
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
