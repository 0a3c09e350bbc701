using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using MspasTramite.PaymentSandbox.Tests.TestKit;
using Stripe;
using Stripe.Checkout;

namespace MspasTramite.PaymentSandbox.Tests.Hosting;

public sealed class HostingTests
{
    [Fact]
    public async Task Mounted_InAHostThatClosesEverything_TheSandboxStaysOpen()
    {
        await using var host = await SandboxHost.StartAsync();

        using var closed = await host.Browser.GetAsync(new Uri("http://localhost/privado"));
        using var dashboard = await host.Browser.GetAsync(new Uri($"{SandboxHost.ApiBase}/"));
        var session = await host.Stripe.CreateSessionAsync();
        using var page = await host.Browser.GetAsync(new Uri(session.Url));

        // The host's fallback policy is in force (anonymous visitors are sent to sign in)…
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        // …yet the sandbox's page, API and hosted checkout answer anonymous callers.
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // The host's own headers still apply (here its CSP), as in the web app.
        Assert.Equal(SandboxHost.AppCsp, page.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Dashboard_ListsSessionsAndEventsWithTheirDelivery()
    {
        await using var host = await SandboxHost.StartAsync();
        var paid = await host.CreatePaidSessionAsync();
        var open = await host.Stripe.CreateSessionAsync(12345);
        await host.Webhooks.WaitForCountAsync(1);
        var evt = Assert.Single((await new EventService(host.Stripe).ListAsync()).Data);
        await host.WaitForDeliveryAsync(evt.Id, d => d.Status == "delivered");

        var page = await HostedCheckout.GetAsync(host.Browser, $"{SandboxHost.ApiBase}/");

        var sessions = page.QuerySelectorAll("#sesiones tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, sessions.Count);
        Assert.Contains("Q123.45 GTQ", sessions[0], StringComparison.Ordinal);
        Assert.Contains("abierta", sessions[0], StringComparison.Ordinal);
        Assert.Contains("pagada", sessions[1], StringComparison.Ordinal);
        Assert.Contains(paid.PaymentIntentId, sessions[1], StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"#sesiones a[href='/sandbox-pagos/checkout/{open.Id}']"));
        var events = page.QuerySelector("#eventos tbody tr")!;
        Assert.Contains("checkout.session.completed", events.TextContent, StringComparison.Ordinal);
        Assert.Contains("entregado", events.TextContent, StringComparison.Ordinal);
        Assert.Equal("Reenviar", events.QuerySelector("button")!.TextContent);
    }

    [Fact]
    public async Task Standalone_ServesTheSameApiThroughItsOwnProgram()
    {
        using var data = new TempDirectory();
        await using var factory = new WebApplicationFactory<SandboxProgram>().WithWebHostBuilder(b =>
        {
            b.UseSetting("PaymentSandbox:DataDirectory", data.Path);
            b.UseSetting("PaymentSandbox:PublicBaseUrl", "http://localhost:5090");
        });
        var stripe = new StripeClient("sk_test_mspas_sandbox", apiBase: "http://localhost/sandbox-pagos",
            httpClient: new SystemNetHttpClient(factory.CreateClient()));
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var session = await stripe.CreateSessionAsync();
        var retrieved = await new SessionService(stripe).GetAsync(session.Id);
        using var root = await browser.GetAsync(new Uri("http://localhost/"));

        Assert.Equal(session.Id, retrieved.Id);
        // The hosted page is announced at the public address, not the one the API caller used.
        Assert.Equal($"http://localhost:5090/sandbox-pagos/checkout/{session.Id}", session.Url);
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/sandbox-pagos/", root.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Standalone_AsARealProcess_TakesAPaymentAndKeepsItsState()
    {
        using var data = new TempDirectory();
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var output = new StringBuilder();
        using var process = StartSandboxProcess(baseUrl, data.Path, output);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
            await WaitUntilUpAsync(http, $"{baseUrl}/sandbox-pagos/", process, output);
            var stripe = new StripeClient("sk_test_mspas_sandbox", apiBase: $"{baseUrl}/sandbox-pagos",
                httpClient: new SystemNetHttpClient(http));

            var session = await stripe.CreateSessionAsync(50000);
            var form = await HostedCheckout.GetAsync(http, session.Url);
            var action = form.QuerySelector("form")!.GetAttribute("action")!;
            using var content = new FormUrlEncodedContent(HostedCheckout.Card("4242 4242 4242 4242"));
            using var paid = await http.PostAsync(new Uri(new Uri(baseUrl), action), content);
            var retrieved = await new SessionService(stripe).GetAsync(session.Id);

            Assert.Equal($"{baseUrl}/sandbox-pagos/checkout/{session.Id}", session.Url);
            Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
            Assert.EndsWith($"session_id={session.Id}", paid.Headers.Location!.ToString(), StringComparison.Ordinal);
            Assert.Equal("paid", retrieved.PaymentStatus);
            Assert.True(System.IO.File.Exists(Path.Combine(data.Path, "payment-sandbox.db")));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task InvalidConfiguration_StopsTheSandboxFromStarting()
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => SandboxHost.StartAsync(o =>
            o.Settings["PaymentSandbox:WebhookUrl"] = "localhost:5080/webhooks/stripe"));

        Assert.Contains("WebhookUrl", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EventsApiVersion_IsTheOneStripeNetExpects()
    {
        // When Stripe.net is upgraded, this fails until PaymentSandboxOptions.ApiVersion follows.
        Assert.Equal(StripeConfiguration.ApiVersion, new PaymentSandboxOptions().ApiVersion);
    }

    private static Process StartSandboxProcess(string url, string dataDirectory, StringBuilder output)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "MspasTramite.PaymentSandbox.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--urls", url, "--PaymentSandbox:DataDirectory", dataDirectory, "--PaymentSandbox:WebhookUrl", "" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The sandbox did not start.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder output, string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static async Task WaitUntilUpAsync(HttpClient http, string url, Process process, StringBuilder output)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(url));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        lock (output)
        {
            throw new TimeoutException("The sandbox process did not come up:\n" + output);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
