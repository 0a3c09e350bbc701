using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace MspasTramite.Web.Tests.TestKit;

/// The back office's file page (/backoffice/expedientes/{id}) as a person uses it: each action is a
/// form posting to its handler with the stamp the page was drawn with.
public static class BackofficePages
{
    public static string FileUrl(Guid id) => $"/backoffice/expedientes/{id}";

    /// The action form of a handler (asp-page-handler writes "?handler=Name" at the end of the action).
    public static string Form(string handler) => $"main form[action$='handler={handler}']";

    /// The accept or reject form of one document.
    public static string DocumentForm(Guid documentId, string handler) => $"#doc-{documentId} form[action$='handler={handler}']";

    public static bool HasForm(this HtmlPage page, string handler)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Document.QuerySelector(Form(handler)) is not null;
    }

    /// The state the page shows, from its status badge's class ("status--inreview" → "inreview").
    public static string ShownStatus(this HtmlPage page) => ClassSuffix(page, "strong.status", "status--");

    /// The SLA light the page shows ("sla--paused" → "paused").
    public static string ShownLight(this HtmlPage page) => ClassSuffix(page, "main .sla", "sla--");

    /// Submits one of the page's action forms.
    public static Task<HttpResponseMessage> ActAsync(this WebSession browser, HtmlPage page, string handler, IReadOnlyDictionary<string, string?>? values = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        return browser.SubmitAsync(page, values ?? new Dictionary<string, string?>(), Form(handler));
    }

    /// Opens the file, submits one of its action forms, checks the redirect back to the file and returns the page it shows.
    public static async Task<HtmlPage> ActSuccessfullyAsync(this WebSession browser, Guid id, string handler, IReadOnlyDictionary<string, string?>? values = null, string? formSelector = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var page = await browser.GetPageAsync(FileUrl(id));
        using var response = await browser.SubmitAsync(page, values ?? new Dictionary<string, string?>(), formSelector ?? Form(handler));
        return await FollowBackAsync(browser, id, handler, response);
    }

    /// Accepts or rejects one document through its own form.
    public static async Task<HtmlPage> ReviewDocumentSuccessfullyAsync(this WebSession browser, Guid id, Guid documentId, bool accept, string? reason = null)
    {
        var handler = accept ? "AcceptDocument" : "RejectDocument";
        return await browser.ActSuccessfullyAsync(id, handler, accept ? null : new Dictionary<string, string?> { ["DocumentReason"] = reason },
            DocumentForm(documentId, handler));
    }

    /// A post the page does not offer (no form is drawn for it), sent with the page's antiforgery token
    /// and stamp: what someone replaying an old form, or crafting one, would send.
    public static async Task<HttpResponseMessage> PostHandlerAsync(this WebSession browser, HtmlPage page, string handler, IReadOnlyDictionary<string, string?>? values = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(page);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.AntiforgeryToken,
            ["Stamp"] = page.Stamp(),
        };
        foreach (var (name, value) in values ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                fields.Remove(name);
            }
            else
            {
                fields[name] = value;
            }
        }

        using var content = new FormUrlEncodedContent(fields);
        return await browser.Client.PostAsync(new Uri(page.Url, $"{page.Url.AbsolutePath}?handler={handler}"), content);
    }

    /// The stamp the page was drawn with (every action form carries it).
    public static string Stamp(this HtmlPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Document.QuerySelector<IHtmlInputElement>("main form input[name=Stamp]")?.Value
            ?? throw new InvalidOperationException($"No stamp on {page.Url}.");
    }

    /// The file numbers in the queue's table, in the order shown.
    public static IReadOnlyList<string> QueueFileNumbers(this HtmlPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return [.. page.Document.QuerySelectorAll("table.queue tbody tr td:first-child a").Select(a => a.TextContent.Trim())];
    }

    /// Every page of a queue view, following "Siguiente" (bounded, so a broken pager fails instead of looping).
    public static async Task<IReadOnlyList<string>> AllQueueFileNumbersAsync(this WebSession browser, string url)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var numbers = new List<string>();
        string? next = url;
        for (var pages = 0; next is not null; pages++)
        {
            Assert.True(pages < 200, $"The queue {url} did not end after 200 pages.");
            var page = await browser.GetPageAsync(next);
            numbers.AddRange(page.QueueFileNumbers());
            next = page.Document.QuerySelector("nav.pagination a[rel=next]")?.GetAttribute("href");
        }

        return numbers;
    }

    private static string ClassSuffix(HtmlPage page, string selector, string prefix)
    {
        ArgumentNullException.ThrowIfNull(page);
        var element = page.Document.QuerySelector(selector);
        return element?.ClassList.FirstOrDefault(c => c.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..] ?? "";
    }

    private static async Task<HtmlPage> FollowBackAsync(WebSession browser, Guid id, string handler, HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var refused = await response.ReadPageAsync(response.StatusCode);
            Assert.Fail($"{handler} on {FileUrl(id)} answered {(int)response.StatusCode}: {string.Join(" | ", refused.SummaryErrors.Select(e => e.Message))}");
        }

        Assert.Equal(FileUrl(id), response.RedirectPath());
        return await browser.FollowAsync(response);
    }
}
