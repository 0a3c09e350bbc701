using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MspasTramite.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace MspasTramite.E2E.Language;

[Collection(RunningApp.Name)]
public sealed class LanguageJourneys(AppServer app, Chromium chromium, ITestOutputHelper output) : Journey(app, chromium, output)
{
    [Fact]
    public Task Person_switches_language_to_English() => RunAsync(async page =>
    {
        var html = page.Locator("html");
        await page.GotoAsync("/cuenta/registro");
        await Expect(html).ToHaveAttributeAsync("lang", "es-GT");
        await PageCheck.CheckAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "English", Exact = true }).ClickAsync();

        // Back on the page the person was reading, now in English.
        await Expect(page).ToHaveURLAsync(new Regex("/cuenta/registro$"));
        await Expect(html).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Español", Exact = true })).ToBeVisibleAsync();
        await PageCheck.CheckAsync(page, "English");

        // The choice is remembered on the next page.
        await page.GotoAsync("/");
        await Expect(html).ToHaveAttributeAsync("lang", "en");
        await PageCheck.CheckAsync(page, "English");

        await page.GetByRole(AriaRole.Link, new() { Name = "Español", Exact = true }).ClickAsync();
        await Expect(html).ToHaveAttributeAsync("lang", "es-GT");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "English", Exact = true })).ToBeVisibleAsync();
    });
}
