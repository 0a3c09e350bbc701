using Microsoft.Playwright;

namespace MspasTramite.E2E.Kit;

/// Debian's Chromium, driven by Playwright's driver (the node binary shipped in the NuGet package,
/// copied to bin/.playwright). Playwright's own browser download needs the internet, which test
/// machines don't have, so it is never attempted: the system browser is launched by path.
public sealed class Chromium : IAsyncLifetime
{
    private static readonly string[] Arguments =
    [
        // Test machines and CI run as root, where Chromium's sandbox cannot start.
        "--no-sandbox",
        "--disable-gpu",
        // No network but loopback: nothing in the background may try to reach the internet.
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("MSPAS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium not found at {executable}. ./test.sh installs Debian's chromium package; MSPAS_CHROMIUM may point elsewhere.");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // Enough for a slow machine; a real failure still shows within seconds rather than after 30.
        Assertions.SetDefaultExpectTimeout(10_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Headless = true,
            Args = Arguments,
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
    }
}
