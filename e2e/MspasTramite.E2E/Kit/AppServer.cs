using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MspasTramite.E2E.Kit;

/// The real app, started once per test run as its own process, exactly as it is deployed: its own
/// Kestrel on a free loopback port, a fresh SQLite database, real SMTP delivery to the sink that
/// ./test.sh starts. Environment "E2E" is not Development, so there are no demo accounts and errors
/// show the friendly page, as in production.
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes a fixture through IAsyncLifetime.DisposeAsync, which releases both.")]
public sealed class AppServer : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    private readonly Lock logLock = new();
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "mspas-e2e-" + Guid.NewGuid().ToString("N"));
    private Process? process;
    private StreamWriter? log;

    public Uri BaseUrl { get; private set; } = null!;

    /// Where the SMTP sink writes what the app sends.
    public Mailbox Mailbox { get; private set; } = null!;

    public string LogPath { get; } = Path.Combine(Paths.Artifacts, "app.log");

    /// The AdministradorServicio that `create-admin` made before the server started.
    public StaffMember Administrator { get; } =
        new("Administración E2E", TestData.UniqueEmail("admin"), "una frase larga para administrar");

    public async Task InitializeAsync()
    {
        var smtpHost = TestEnvironment.Require("MSPAS_TEST_SMTP_HOST");
        var smtpPort = TestEnvironment.Require("MSPAS_TEST_SMTP_PORT");
        Mailbox = new Mailbox(TestEnvironment.Require("MSPAS_TEST_MAILDIR"));

        var project = Path.Combine(Paths.Root, "src", "MspasTramite.Web");
        var dll = Path.Combine(project, "bin", "Release", "net10.0", "MspasTramite.Web.dll");
        if (!File.Exists(dll))
        {
            // ./test.sh builds the solution first; this covers `dotnet test` on a fresh checkout.
            await BuildAsync(project);
        }

        BaseUrl = new Uri($"http://127.0.0.1:{FreePort()}");
        Directory.CreateDirectory(dataDirectory);
        log = new StreamWriter(LogPath, append: false, Encoding.UTF8) { AutoFlush = true };

        // Staff accounts are never self-registered: the first administrator comes from the app's own
        // command, run against the same database before the server starts, as an operator does.
        await CreateAdministratorAsync(dll, project, smtpHost, smtpPort);

        var start = StartInfo(dll, project, smtpHost, smtpPort);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl.GetLeftPart(UriPartial.Authority));

        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => WriteLog(e.Data);
        process.ErrorDataReceived += (_, e) => WriteLog(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await WaitUntilReadyAsync(process);
    }

    public async Task DisposeAsync()
    {
        if (process is not null)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await process.WaitForExitAsync(wait.Token);
            }

            process.Dispose();
        }

        lock (logLock)
        {
            log?.Dispose();
            log = null;
        }

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; failing the run over it would not be.
        }
    }

    /// The last lines the app wrote, for failure messages: a 500 in the browser is a stack trace here.
    public string LogTail(int lines = 40)
    {
        lock (logLock)
        {
            if (!File.Exists(LogPath))
            {
                return "(no app log)";
            }

            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return $"--- last {lines} lines of {LogPath} ---\n" + string.Join('\n', all.TakeLast(lines));
        }
    }

    private void WriteLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (logLock)
        {
            log?.WriteLine(line);
        }
    }

    /// The app's process with the environment of the run: environment "E2E", a fresh SQLite database,
    /// the SMTP sink, and the payment sandbox mounted in the app (Stripe.net pointed at it, its webhooks
    /// sent back to the app), as Development wires it.
    private ProcessStartInfo StartInfo(string dll, string project, string smtpHost, string smtpPort)
    {
        var origin = BaseUrl.GetLeftPart(UriPartial.Authority);
        var start = new ProcessStartInfo(DotnetHost())
        {
            // The content root: appsettings.json and wwwroot are read from the project folder, as with `dotnet run`.
            WorkingDirectory = project,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "E2E";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["Database__DataDirectory"] = dataDirectory;
        start.Environment["Smtp__Host"] = smtpHost;
        start.Environment["Smtp__Port"] = smtpPort;
        start.Environment["Smtp__Security"] = "None";
        // Every journey signs up and in from 127.0.0.1; the per-address limit is for real clients.
        start.Environment["RateLimiting__AccountPermitsPerWindow"] = "1000";
        // The journeys sign staff in with a password, each many times within a code's 30 seconds, which
        // the replay guard would refuse; the two-factor journey sets it up itself, as anyone may.
        // Web.Tests check that staff are sent to set it up where it is required.
        start.Environment["TwoFactor__RequiredForStaff"] = "false";
        // The dashboard's figures come from a daily rollup that pages refresh when it is older than
        // this (5 minutes in production); at zero every page read sees what the journey just did.
        start.Environment["Performance__RollupMaxAge"] = "00:00:00";
        start.Environment["PaymentSandbox__Enabled"] = "true";
        start.Environment["PaymentSandbox__DataDirectory"] = Path.Combine(dataDirectory, "payment-sandbox");
        start.Environment["PaymentSandbox__WebhookUrl"] = $"{origin}/webhooks/stripe";
        start.Environment["Payments__Stripe__SecretKey"] = "sk_test_mspas_sandbox";
        start.Environment["Payments__Stripe__WebhookSecret"] = "whsec_mspas_sandbox";
        start.Environment["Payments__Stripe__ApiBase"] = $"{origin}/sandbox-pagos";
        // The address every link is made from; the app answers only to its host.
        start.Environment["PublicBaseUrl"] = origin;
        return start;
    }

    private async Task CreateAdministratorAsync(string dll, string project, string smtpHost, string smtpPort)
    {
        var start = StartInfo(dll, project, smtpHost, smtpPort);
        foreach (var arg in new[] { "create-admin", "--email", Administrator.Email, "--name", Administrator.Name, "--password", Administrator.Password })
        {
            start.ArgumentList.Add(arg);
        }

        using var command = Process.Start(start)!;
        command.OutputDataReceived += (_, e) => WriteLog(e.Data);
        command.ErrorDataReceived += (_, e) => WriteLog(e.Data);
        command.BeginOutputReadLine();
        command.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await command.WaitForExitAsync(timeout.Token);
        if (command.ExitCode != 0)
        {
            throw new InvalidOperationException($"`create-admin` exited with code {command.ExitCode}.\n{LogTail()}");
        }
    }

    private async Task WaitUntilReadyAsync(Process app)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        string last = "no answer yet";
        while (clock.Elapsed < StartTimeout)
        {
            if (app.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {app.ExitCode} before it was ready.\n{LogTail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"/health/ready answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException)
            {
                last = "/health/ready timed out";
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The app at {BaseUrl} was not ready within {StartTimeout.TotalSeconds} s ({last}).\n{LogTail()}");
    }

    private static async Task BuildAsync(string project)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Paths.Root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "build", project, "-c", "Release", "-nologo", "-v", "quiet" })
        {
            start.ArgumentList.Add(arg);
        }

        using var build = Process.Start(start)!;
        var output = build.StandardOutput.ReadToEndAsync();
        var errors = build.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(BuildTimeout);
        await build.WaitForExitAsync(timeout.Token);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"`dotnet build {project} -c Release` failed:\n{await output}\n{await errors}");
        }
    }

    /// The dotnet host running these tests, so the app runs on the same runtime.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static int FreePort()
    {
        // The port is released before the app binds it; on a test machine nothing else races for it.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
