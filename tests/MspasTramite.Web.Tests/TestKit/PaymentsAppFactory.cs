using System.Net;
using System.Net.Sockets;
using System.Text;
using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Payments;

namespace MspasTramite.Web.Tests.TestKit;

/// An app with online payment switched on: the Stripe-compatible sandbox mounted in it, the app's
/// Stripe.net client talking to that sandbox and the sandbox delivering signed webhooks back to the
/// app, both through the in-memory test server. Each direction runs through a <see cref="Line"/>
/// that a test can break (gateway down, app down) and mend.
public interface IPaymentsApp
{
    public const string StripeSecretKey = "sk_test_mspas_sandbox";
    public const string WebhookSecret = "whsec_mspas_sandbox";
    public const string ApiBase = "http://localhost/sandbox-pagos";
    public const int StripeTimeoutSeconds = 2;

    /// App → sandbox: every Stripe.net call of the app.
    Line Gateway { get; }

    /// Sandbox → app: every webhook delivery.
    Line Webhooks { get; }
}

/// The shared part of the payments factories (one per database engine).
internal static class PaymentsHost
{
    /// The recurring reconciliation (Core/Jobs/RecurringJobs.cs). With ReconcileAfterMinutes at 0 it
    /// would settle any open checkout within five minutes, racing a test that pays and then delivers
    /// the webhook itself (the webhook then finds the payment already paid); tests call
    /// PaymentService.ReconcileAsync themselves.
    public const string ReconcileSweepJob = "payments-reconcile";

    public static void StopReconcileSweep(MspasAppFactory app) =>
        app.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(ReconcileSweepJob);

    public static void Configure(IWebHostBuilder builder, string sandboxDirectory, IPaymentsApp app)
    {
        builder.UseSetting("PaymentSandbox:Enabled", "true");
        builder.UseSetting("PaymentSandbox:DataDirectory", sandboxDirectory);
        builder.UseSetting("PaymentSandbox:SecretKey", IPaymentsApp.StripeSecretKey);
        builder.UseSetting("PaymentSandbox:WebhookSecret", IPaymentsApp.WebhookSecret);
        builder.UseSetting("PaymentSandbox:WebhookUrl", "http://localhost/webhooks/stripe");
        // A failed delivery is retried within a fraction of a second instead of Stripe's minutes.
        builder.UseSetting("PaymentSandbox:WebhookRetryBaseDelay", "00:00:00.200");
        builder.UseSetting("PaymentSandbox:WebhookRetryMaxDelay", "00:00:00.500");
        // With retries this quick, the default 20 attempts run out in about ten seconds; a loaded CI
        // machine can take that long between a test breaking the line and mending it, and the event
        // would then never be delivered. Stripe keeps trying for days; so does the sandbox here.
        builder.UseSetting("PaymentSandbox:WebhookMaxAttempts", "1000");
        builder.UseSetting("PaymentSandbox:PollInterval", "00:00:00.100");
        builder.UseSetting("Payments:Stripe:SecretKey", IPaymentsApp.StripeSecretKey);
        builder.UseSetting("Payments:Stripe:WebhookSecret", IPaymentsApp.WebhookSecret);
        builder.UseSetting("Payments:Stripe:ApiBase", IPaymentsApp.ApiBase);
        // Short, so a gateway that never answers fails a test in seconds (Stripe.net retries once).
        builder.UseSetting("Payments:Stripe:TimeoutSeconds", IPaymentsApp.StripeTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Reconciliation looks at every open session at once; the tests call it themselves.
        builder.UseSetting("Payments:ReconcileAfterMinutes", "0");
        // After the app's own registrations: the last primary handler configured wins.
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient(StripePaymentGateway.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(sp => new LineHandler(app.Gateway, TestServerHandler(sp)));
            services.AddHttpClient("payment-sandbox-webhooks")
                .ConfigurePrimaryHttpMessageHandler(sp => new LineHandler(app.Webhooks, TestServerHandler(sp)));
        });
    }

    public static void DeleteDirectory(string directory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; failing the run over it is not.
        }
    }

    private static HttpMessageHandler TestServerHandler(IServiceProvider services) =>
        ((TestServer)services.GetRequiredService<IServer>()).CreateHandler();
}

public class SqlitePaymentsAppFactory : SqliteAppFactory, IPaymentsApp
{
    private readonly string sandboxDirectory = Path.Combine(Path.GetTempPath(), "mspas-web-tests", "sandbox-" + Guid.NewGuid().ToString("N"));

    public Line Gateway { get; } = new("gateway");
    public Line Webhooks { get; } = new("webhooks");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        PaymentsHost.StopReconcileSweep(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        PaymentsHost.Configure(builder, sandboxDirectory, this);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        PaymentsHost.DeleteDirectory(sandboxDirectory);
        GC.SuppressFinalize(this);
    }
}

public class PostgresPaymentsAppFactory : PostgresAppFactory, IPaymentsApp
{
    private readonly string sandboxDirectory = Path.Combine(Path.GetTempPath(), "mspas-web-tests", "sandbox-" + Guid.NewGuid().ToString("N"));

    public Line Gateway { get; } = new("gateway");
    public Line Webhooks { get; } = new("webhooks");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        PaymentsHost.StopReconcileSweep(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        PaymentsHost.Configure(builder, sandboxDirectory, this);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        PaymentsHost.DeleteDirectory(sandboxDirectory);
        GC.SuppressFinalize(this);
    }
}

[CollectionDefinition(Name)]
public sealed class SqlitePaymentsApp : ICollectionFixture<SqlitePaymentsAppFactory>
{
    public const string Name = "App with payments on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresPaymentsApp : ICollectionFixture<PostgresPaymentsAppFactory>
{
    public const string Name = "App with payments on PostgreSQL";
}

public enum LineFault
{
    /// Nothing listens: the connection is refused at once (the app or the gateway is down).
    Refused,

    /// Answers 500 with a Stripe error object.
    ServerError,

    /// Never answers: the caller's timeout ends the request.
    Hang,

    /// The request reaches the other side and is carried out, but the answer is lost on the way back.
    ResponseLost,
}

/// One direction of traffic between the app and the sandbox, which a test can break for a while.
public sealed class Line(string name)
{
    private readonly Lock gate = new();
    private LineFault? fault;
    private int remaining;
    private int failed;
    private int passed;

    /// Requests that went through, and requests that met the fault.
    public int Passed => Volatile.Read(ref passed);
    public int Failed => Volatile.Read(ref failed);

    /// Breaks the line until the returned handle is disposed, or for the next <paramref name="times"/> requests only.
    public IDisposable Break(LineFault kind, int? times = null)
    {
        lock (gate)
        {
            fault = kind;
            remaining = times ?? int.MaxValue;
        }

        return new Mend(this);
    }

    public void Restore()
    {
        lock (gate)
        {
            fault = null;
            remaining = 0;
        }
    }

    internal LineFault? Take()
    {
        lock (gate)
        {
            if (fault is null || remaining <= 0)
            {
                Interlocked.Increment(ref passed);
                return null;
            }

            remaining--;
            Interlocked.Increment(ref failed);
            return fault;
        }
    }

    public override string ToString() => $"{name}: {Passed} passed, {Failed} failed";

    private sealed class Mend(Line line) : IDisposable
    {
        public void Dispose() => line.Restore();
    }
}

internal sealed class LineHandler(Line line, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        switch (line.Take())
        {
            case LineFault.Refused:
                throw new HttpRequestException($"Connection refused ({line}, simulated)", new SocketException((int)SocketError.ConnectionRefused));
            case LineFault.ServerError:
                return new HttpResponseMessage(HttpStatusCode.InternalServerError)
                {
                    RequestMessage = request,
                    Content = new StringContent("""{"error":{"type":"api_error","message":"Simulated gateway failure."}}""", Encoding.UTF8, "application/json"),
                };
            case LineFault.Hang:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new OperationCanceledException(cancellationToken);
            case LineFault.ResponseLost:
                using (await base.SendAsync(request, cancellationToken))
                {
                    throw new HttpRequestException($"Connection reset while reading the response ({line}, simulated)");
                }

            default:
                return await base.SendAsync(request, cancellationToken);
        }
    }
}
