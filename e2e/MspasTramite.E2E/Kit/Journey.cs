using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using Xunit.Sdk;

namespace MspasTramite.E2E.Kit;

/// Journey classes carry [Collection(RunningApp.Name)] themselves: xunit does not inherit it.
public abstract class Journey(AppServer app, Chromium chromium, ITestOutputHelper output)
{
    protected AppServer App => app;

    /// Runs the steps in a fresh browser context. Every page the browser lands on is recorded, and the
    /// journey fails if one of them was never checked with PageCheck.CheckAsync. At the end it saves a
    /// screenshot for people to look at; on failure, a screenshot and the page's HTML, and the app log's
    /// tail goes in the message.
    protected async Task RunAsync(Func<IPage, Task> steps, [CallerMemberName] string name = "")
    {
        ArgumentNullException.ThrowIfNull(steps);
        await using var context = await chromium.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl.ToString(),
            Locale = "es-GT",
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var visits = PageCheck.Watch(page, name, output);

        // A script error or a resource the Content-Security-Policy blocked shows up only here.
        var browserErrors = new List<string>();
        page.Console += (_, message) =>
        {
            // The app has no favicon; Chromium asks for one anyway and logs the 404.
            if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal))
            {
                browserErrors.Add($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => browserErrors.Add(error);

        try
        {
            await steps(page);
            Assert.True(browserErrors.Count == 0, "The browser reported errors:\n" + string.Join('\n', browserErrors));
            visits.AssertAllChecked();
        }
        catch (Exception e)
        {
            var saved = await SaveFailureAsync(page, name);
            throw new XunitException($"{name} failed at {page.Url}.\n{saved}\n{app.LogTail()}", e);
        }

        await SaveScreenshotAsync(page, name);
    }

    /// A screenshot of a page half way through a journey, for people to look at: screenshots/<journey>-<step>.png.
    protected Task ScreenshotAsync(IPage page, string step, [CallerMemberName] string name = "") =>
        SaveScreenshotAsync(page, $"{name}-{step}");

    private async Task SaveScreenshotAsync(IPage page, string fileName)
    {
        var screenshot = Paths.Artifact("screenshots", fileName + ".png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        output.WriteLine($"Screenshot: {screenshot}");
    }

    private static async Task<string> SaveFailureAsync(IPage page, string name)
    {
        var screenshot = Paths.Artifact("failures", name + ".png");
        var html = Paths.Artifact("failures", name + ".html");
        try
        {
            await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
            await File.WriteAllTextAsync(html, await page.ContentAsync());
            return $"Screenshot: {screenshot}\nPage HTML: {html}";
        }
        catch (PlaywrightException e)
        {
            // The page may be gone (a crash, a closed context); the original failure matters more.
            return $"Could not save the page: {e.Message}";
        }
    }
}
