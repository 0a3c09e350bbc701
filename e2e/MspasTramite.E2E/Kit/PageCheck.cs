using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Sdk;

namespace MspasTramite.E2E.Kit;

/// The team's rule for every page a journey visits: axe finds no serious or critical WCAG 2.0/2.1 A/AA
/// issue, and the page reads on a phone 360 px wide without scrolling sideways. Journey.RunAsync
/// records every page the browser lands on and fails a journey that left one unchecked, so a new page
/// cannot slip in without it; kit steps check the pages they land on, journeys the rest.
public static partial class PageCheck
{
    /// The narrowest phones in common use; WCAG 1.4.10 asks for 320 CSS px, the team for 360.
    public const int PhoneWidth = 360;

    private const int PhoneHeight = 800;

    private static readonly AxeRunOptions AxeOptions = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        // Only what fails is read; passes and inapplicable rules are most of axe's answer otherwise.
        ResultTypes = [ResultType.Violations],
    };

    // Tables scroll sideways only on a phone (site.css), so only there can axe see a region that a
    // keyboard cannot scroll. The one rule is quick; the whole set again would double the check's time.
    private static readonly AxeRunOptions PhoneAxeOptions = new()
    {
        RunOnly = new RunOnlyOptions { Type = "rule", Values = ["scrollable-region-focusable"] },
        ResultTypes = [ResultType.Violations],
    };

    private static readonly ConditionalWeakTable<IPage, PageVisits> Journeys = [];

    /// Page shapes (ids left out) and states that passed in this run, with the journey that checked them.
    private static readonly ConcurrentDictionary<string, string> PassedInThisRun = new(StringComparer.Ordinal);

    /// Parameters that do not change what a page shows: tokens from emails, where to go back to, the
    /// form that was sent (Razor Pages' handler, the requirement a file was sent for).
    private static readonly HashSet<string> IgnoredParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "ReturnUrl", "userId", "code", "email", "token", "session_id", "handler", "requisito",
    };

    private static readonly bool PhoneScreenshots = Environment.GetEnvironmentVariable("MSPAS_E2E_PHONE_SCREENSHOTS") == "1";

    /// Called by Journey.RunAsync on its page: from now on every main-frame navigation is recorded.
    internal static PageVisits Watch(IPage page, string journey, ITestOutputHelper output)
    {
        var visits = new PageVisits(journey, output);
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                visits.Visited(frame.Url);
            }
        };
        Journeys.Add(page, visits);
        return visits;
    }

    /// Checks the page as it is now: axe, then the same page 360 px wide. A page reached again with
    /// something new on it (an error summary, the next state of a file) is checked again by naming that
    /// state; the same page in the same state is checked once a run: the pages every journey goes
    /// through (registration, sign-in, filing, checkout) would otherwise cost a few seconds each, every time.
    public static async Task CheckAsync(IPage page, string? state = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!Journeys.TryGetValue(page, out var visits))
        {
            throw new InvalidOperationException("PageCheck.CheckAsync works on the page of Journey.RunAsync.");
        }

        // A click that navigates returns once the new page starts loading; its stylesheet must be in.
        await page.WaitForLoadStateAsync(LoadState.Load);
        var key = PageKey(page.Url);
        var described = key + (state is null ? "" : $" ({state})");
        if (!visits.StartCheck(key, state))
        {
            return;
        }

        var shape = Shape(key) + "\n" + state;
        if (PassedInThisRun.TryGetValue(shape, out var checkedBy))
        {
            visits.Output.WriteLine($"Checked {described}: passed earlier in this run ({checkedBy})");
            return;
        }

        var clock = Stopwatch.StartNew();
        var problems = new StringBuilder()
            .Append(await AxeProblemsAsync(page, visits))
            .Append(await PhoneProblemsAsync(page, visits))
            .ToString();
        visits.Output.WriteLine($"Checked {described} in {clock.ElapsedMilliseconds} ms");
        if (problems.Length > 0)
        {
            throw new XunitException($"The page check failed on {page.Url}{(state is null ? "" : $" ({state})")}:\n{problems}");
        }

        PassedInThisRun.TryAdd(shape, visits.Journey);
    }

    /// Waits for the page with this main heading, then checks it.
    public static async Task ExpectPageAsync(IPage page, string heading)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true, Level = 1 })).ToBeVisibleAsync();
        await CheckAsync(page);
    }

    /// What identifies a page for the rule: its path, and its query where the query chooses what the
    /// page shows (a search, a queue's view). Tokens, return addresses and empty fields do not.
    internal static string PageKey(string url)
    {
        var uri = new Uri(url);
        var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[1].Length > 0 && !IgnoredParameters.Contains(Uri.UnescapeDataString(pair[0])))
            .Select(pair => pair[0] + "=" + pair[1])
            .Order(StringComparer.Ordinal)
            .ToList();
        return uri.AbsolutePath + (query.Count == 0 ? "" : "?" + string.Join('&', query));
    }

    /// A page's key with its ids left out: /mis-solicitudes/{id}/solicitante is one page, whoever's it is.
    internal static string Shape(string key) => IdSegment().Replace(key, "/{id}");

    private static async Task<string> AxeProblemsAsync(IPage page, PageVisits visits)
    {
        var result = await page.RunAxe(AxeOptions);
        // Moderate and minor findings do not fail the rule; they are named in the output, to be looked at.
        var lesser = result.Violations.Where(v => v.Impact is not ("serious" or "critical")).ToList();
        if (lesser.Count > 0)
        {
            visits.Output.WriteLine("  axe, not failed: " + string.Join(", ", lesser.Select(v => $"{v.Id} ({v.Impact}, {v.Nodes.Length})")));
        }

        return Describe(result, "axe (WCAG 2.0/2.1 A/AA)");
    }

    /// At 360 px the document must not scroll sideways, and nothing may stick out of the viewport
    /// except inside a container that scrolls sideways on purpose (a wide table in .table-scroll).
    /// Then the page goes back to the journey's size, so the steps after see what they saw before.
    private static async Task<string> PhoneProblemsAsync(IPage page, PageVisits visits)
    {
        var size = page.ViewportSize ?? throw new InvalidOperationException("The journey's page has no viewport size.");
        await page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        try
        {
            var overflow = await page.EvaluateAsync<PhoneOverflow>(PhoneOverflowScript);
            var text = new StringBuilder();
            if (overflow.ScrollWidth > overflow.ClientWidth || overflow.Wide.Length > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"At {PhoneWidth} px wide:\n");
                if (overflow.ScrollWidth > overflow.ClientWidth)
                {
                    text.Append(CultureInfo.InvariantCulture, $"- the document scrolls sideways: scrollWidth {overflow.ScrollWidth} > clientWidth {overflow.ClientWidth}\n");
                }

                foreach (var wide in overflow.Wide)
                {
                    text.Append(CultureInfo.InvariantCulture, $"- wider than the viewport: {wide}\n");
                }
            }

            text.Append(Describe(await page.RunAxe(PhoneAxeOptions), $"axe at {PhoneWidth} px"));
            if (text.Length > 0)
            {
                var screenshot = Paths.Artifact("failures", $"{visits.Journey}-{PhoneWidth}px.png");
                await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
                text.Append(CultureInfo.InvariantCulture, $"Screenshot at {PhoneWidth} px: {screenshot}\n");
            }
            else if (PhoneScreenshots)
            {
                await page.ScreenshotAsync(new() { Path = visits.NextPhoneScreenshot(page.Url), FullPage = true });
            }

            return text.ToString();
        }
        finally
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
        }
    }

    /// Each serious or critical violation: rule, impact, help, and where (at most 10 elements each).
    private static string Describe(AxeResult result, string by)
    {
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (serious.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{by} found {serious.Count} serious or critical issue(s):\n");
        foreach (var violation in serious)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {violation.Id} ({violation.Impact}): {violation.Help} ({violation.HelpUrl})\n");
            foreach (var node in violation.Nodes.Take(10))
            {
                // axe's first message says what to fix ("insufficient color contrast of 3.1 …").
                var why = node.All.Concat(node.None).Concat(node.Any).Select(check => check.Message).FirstOrDefault();
                text.Append(CultureInfo.InvariantCulture, $"    {node.Target}{(why is null ? "" : " — " + why)}\n");
            }

            if (violation.Nodes.Length > 10)
            {
                text.Append(CultureInfo.InvariantCulture, $"    … and {violation.Nodes.Length - 10} more\n");
            }
        }

        return text.ToString();
    }

    // GUIDs, numbers, verification codes, checkout session ids: any path segment with a digit in it.
    [GeneratedRegex(@"/[^/]*[0-9][^/]*")]
    private static partial Regex IdSegment();

    // Playwright fills the script's answer through a parameterless constructor and setters.
    private sealed class PhoneOverflow
    {
        public int ScrollWidth { get; set; }

        public int ClientWidth { get; set; }

        public string[] Wide { get; set; } = [];
    }

    // Elements wholly off-screen to the left are the skip link and the like, placed there on purpose;
    // anything else past either edge is cut off or widens the page. Only the outermost of a nest is
    // named: its children stick out because it does.
    private const string PhoneOverflowScript = """
        async () => {
            await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
            const root = document.documentElement;
            const width = root.clientWidth;
            // A scroller clips only what it contains as a box: an absolutely placed element (visually
            // hidden text) inside a scrolling table escapes it unless the scroller or something in it
            // is positioned.
            const containingBlock = el => {
                const position = getComputedStyle(el).position;
                if (position === 'fixed') return null;
                if (position !== 'absolute') return el.parentElement;
                for (let a = el.parentElement; a; a = a.parentElement) {
                    const style = getComputedStyle(a);
                    if (style.position !== 'static' || style.transform !== 'none') return a;
                }
                return null;
            };
            const scrollsOnPurpose = el => {
                for (let a = containingBlock(el); a && a !== document.body; a = containingBlock(a)) {
                    const x = getComputedStyle(a).overflowX;
                    if (x === 'auto' || x === 'scroll') return true;
                }
                return false;
            };
            const name = el => {
                const parts = [];
                for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
                    let part = e.localName;
                    if (e.id) { parts.unshift(part + '#' + e.id); break; }
                    if (e.classList.length) part += '.' + [...e.classList].join('.');
                    parts.unshift(part);
                }
                return parts.join(' > ');
            };
            const wide = [];
            for (const el of document.body.querySelectorAll('*')) {
                if (el.closest('svg') && el.localName !== 'svg') continue;
                if (!el.checkVisibility()) continue;
                const r = el.getBoundingClientRect();
                if (r.width === 0 || r.height === 0 || r.right <= 0) continue;
                if (r.left >= -1 && r.right <= width + 1) continue;
                if (scrollsOnPurpose(el) || wide.some(w => w.contains(el))) continue;
                wide.push(el);
            }
            return {
                scrollWidth: root.scrollWidth,
                clientWidth: width,
                wide: wide.slice(0, 10).map(el => {
                    const r = el.getBoundingClientRect();
                    return `${name(el)} (from ${Math.round(r.left)} to ${Math.round(r.right)} px)`;
                }),
            };
        }
        """;
}

/// The pages one journey landed on, and those it checked.
internal sealed partial class PageVisits(string journey, ITestOutputHelper output)
{
    private readonly Lock gate = new();
    private readonly List<string> visited = [];
    private readonly HashSet<string> checkedPages = [];
    private readonly HashSet<string> checkedStates = [];
    private int phoneScreenshots;

    public string Journey => journey;

    public ITestOutputHelper Output => output;

    public void Visited(string url)
    {
        // about:blank before the first page, chrome-error:// after a refused connection: not pages of the service.
        if (!url.StartsWith("http", StringComparison.Ordinal))
        {
            return;
        }

        var key = PageCheck.PageKey(url);
        lock (gate)
        {
            if (!visited.Contains(key))
            {
                visited.Add(key);
            }
        }
    }

    /// False when this journey already checked this page in this state.
    public bool StartCheck(string key, string? state)
    {
        lock (gate)
        {
            checkedPages.Add(key);
            return checkedStates.Add(key + "\n" + state);
        }
    }

    /// screenshots/360px/<journey>-<n>-<path>.png, in the order the journey checked its pages.
    public string NextPhoneScreenshot(string url)
    {
        var n = Interlocked.Increment(ref phoneScreenshots);
        var path = NotInFileName().Replace(PageCheck.Shape(new Uri(url).AbsolutePath), "-").Trim('-');
        return Paths.Artifact(Path.Combine("screenshots", $"{PageCheck.PhoneWidth}px"), $"{journey}-{n:00}-{(path.Length == 0 ? "home" : path)}.png");
    }

    public void AssertAllChecked()
    {
        List<string> notChecked;
        lock (gate)
        {
            notChecked = visited.Where(key => !checkedPages.Contains(key)).ToList();
        }

        Assert.True(notChecked.Count == 0,
            $"The journey visited pages it never checked with PageCheck.CheckAsync (axe and {PageCheck.PhoneWidth} px):\n"
            + string.Join('\n', notChecked.Select(key => "- " + key)));
    }

    [GeneratedRegex("[^A-Za-z0-9_]+")]
    private static partial Regex NotInFileName();
}
