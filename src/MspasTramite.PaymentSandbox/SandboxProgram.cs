using Microsoft.AspNetCore.Hosting;

namespace MspasTramite.PaymentSandbox;

/// The sandbox as its own process (docker-compose, or `dotnet run --project src/MspasTramite.PaymentSandbox`).
/// An explicit Main in a named class rather than top-level statements: the web app references this
/// project to mount the sandbox, and a second global `Program` would clash with its own. Not a static
/// class, so that tests can name it as WebApplicationFactory's entry point.
public sealed class SandboxProgram
{
    private SandboxProgram()
    {
    }

    public const string DefaultUrl = "http://localhost:5090";

    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Host.UseDefaultServiceProvider(o =>
        {
            o.ValidateOnBuild = true;
            o.ValidateScopes = true;
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddPaymentSandbox(builder.Configuration);

        var app = builder.Build();
        app.MapGet("/", () => Results.Redirect(PaymentSandboxOptions.PathPrefix + "/"));
        app.MapPaymentSandbox();
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
