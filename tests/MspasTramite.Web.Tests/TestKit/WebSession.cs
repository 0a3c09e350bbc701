using System.Net;
using System.Text;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace MspasTramite.Web.Tests.TestKit;

/// One person's browser: keeps its cookies, reads pages with AngleSharp and submits their forms the
/// way a browser does (hidden fields and antiforgery token included), without following redirects.
public sealed class WebSession(HttpClient client) : IDisposable
{
    public HttpClient Client => client;

    public Task<HttpResponseMessage> GetAsync(string url) => client.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute));

    /// GET a page that must answer 200.
    public async Task<HtmlPage> GetPageAsync(string url)
    {
        using var response = await GetAsync(url);
        return await HtmlPage.ReadAsync(response, HttpStatusCode.OK);
    }

    /// Fills the page's form and posts it: the form's own fields as the browser would send them,
    /// overridden by <paramref name="values"/> (a null value removes the field).
    public async Task<HttpResponseMessage> SubmitAsync(HtmlPage page, IReadOnlyDictionary<string, string?> values, string formSelector = "main form[method=post]")
    {
        var (fields, target) = FillForm(page, values, formSelector);
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(target, content);
    }

    /// Posts a multipart form (enctype="multipart/form-data") the way a browser does: the form's own
    /// fields, overridden by <paramref name="values"/>, and the file in the form's file input (none
    /// when <paramref name="file"/> is null, as when the person chose nothing).
    public async Task<HttpResponseMessage> SubmitFileAsync(HtmlPage page, string formSelector, UploadFile? file, IReadOnlyDictionary<string, string?>? values = null)
    {
        var (fields, target) = FillForm(page, values ?? new Dictionary<string, string?>(), formSelector);
        var form = FindForm(page, formSelector);
        var fileField = form.QuerySelector<IHtmlInputElement>("input[type=file][name]")?.Name
            ?? throw new InvalidOperationException($"The form '{formSelector}' on {page.Url} has no file input.");
        using var content = Multipart(fields);
        var filePart = new ByteArrayContent(file?.Content ?? []);
        filePart.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{HtmlFormEscape(fileField)}\"; filename=\"{HtmlFormEscape(file?.FileName ?? "")}\"");
        filePart.Headers.TryAddWithoutValidation("Content-Type", file?.ContentType ?? "application/octet-stream");
        content.Add(filePart);
        return await client.PostAsync(target, content);
    }

    /// Posts the form as multipart/form-data whatever its enctype, as a crafted request may: each
    /// value travels as its bytes, where the framework would refuse a form-encoded %00 before the
    /// app saw it.
    public async Task<HttpResponseMessage> SubmitAsMultipartAsync(HtmlPage page, IReadOnlyDictionary<string, string?> values, string formSelector = "main form[method=post]")
    {
        var (fields, target) = FillForm(page, values, formSelector);
        using var content = Multipart(fields);
        return await client.PostAsync(target, content);
    }

    private static MultipartFormDataContent Multipart(List<KeyValuePair<string, string>> fields)
    {
        var content = new MultipartFormDataContent
        {
            // Browsers write the file name as UTF-8 in the part's header.
            HeaderEncodingSelector = (_, _) => Encoding.UTF8,
        };
        foreach (var (name, value) in fields)
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(value));
            part.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{HtmlFormEscape(name)}\"");
            content.Add(part);
        }

        return content;
    }

    /// GET the page, then submit its form.
    public async Task<HttpResponseMessage> SubmitAsync(string url, IReadOnlyDictionary<string, string?> values, string formSelector = "main form[method=post]")
    {
        var page = await GetPageAsync(url);
        return await SubmitAsync(page, values, formSelector);
    }

    /// Follows one redirect and reads the page it leads to (which must answer 200).
    public async Task<HtmlPage> FollowAsync(HttpResponseMessage redirect)
    {
        ArgumentNullException.ThrowIfNull(redirect);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        return await GetPageAsync(redirect.Headers.Location!.ToString());
    }

    private static IHtmlFormElement FindForm(HtmlPage page, string formSelector) =>
        page.Document.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form matches '{formSelector}' on {page.Url}.\n{page.Html}");

    /// The fields a browser would send for the form (inputs, selects, textareas; checked boxes only;
    /// no buttons or files), overridden by <paramref name="values"/>, and the address it posts to.
    private static (List<KeyValuePair<string, string>> Fields, Uri Target) FillForm(HtmlPage page, IReadOnlyDictionary<string, string?> values, string formSelector)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(values);
        var form = FindForm(page, formSelector);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[name]"))
        {
            if (input.Type is "checkbox" or "radio" && !input.IsChecked)
            {
                continue;
            }

            if (input.Type is "submit" or "button" or "file")
            {
                continue;
            }

            fields.Add(new(input.Name!, input.Value));
        }

        foreach (var select in form.QuerySelectorAll<IHtmlSelectElement>("select[name]"))
        {
            fields.Add(new(select.Name!, select.Value ?? ""));
        }

        foreach (var textarea in form.QuerySelectorAll<IHtmlTextAreaElement>("textarea[name]"))
        {
            fields.Add(new(textarea.Name!, textarea.Value));
        }

        foreach (var (name, value) in values)
        {
            fields.RemoveAll(f => f.Key == name);
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }

        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.Url : new Uri(page.Url, action);
        return (fields, target);
    }

    // What the HTML standard makes a browser do to names in a multipart header.
    private static string HtmlFormEscape(string name) =>
        name.Replace("\"", "%22", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    public void Dispose() => client.Dispose();
}

/// A parsed HTML response.
public sealed class HtmlPage
{
    private HtmlPage(Uri url, HttpStatusCode status, string html, IDocument document)
    {
        Url = url;
        Status = status;
        Html = html;
        Document = document;
    }

    public Uri Url { get; }
    public HttpStatusCode Status { get; }
    public string Html { get; }
    public IDocument Document { get; }

    public string Title => Document.QuerySelector("h1")?.TextContent.Trim() ?? "";

    /// The text a person reads (Razor writes accented letters as character references in the HTML).
    public string Text => Document.Body?.TextContent ?? "";

    /// The text of the error shown next to a field (FormFieldTagHelper renders it as #{id}-error).
    public string? FieldError(string fieldId) => Document.GetElementById(fieldId + "-error")?.TextContent.Trim();

    /// The error summary's messages, each with the field it links to (null for a form-level error).
    public IReadOnlyList<(string? Target, string Message)> SummaryErrors =>
        [.. Document.QuerySelectorAll(".error-summary li").Select(li =>
            (li.QuerySelector("a")?.GetAttribute("href"), li.TextContent.Trim()))];

    /// The value an input shows (null when the input has no value attribute).
    public string? InputValue(string name) =>
        Document.QuerySelector<IHtmlInputElement>($"input[name='{name}']")?.GetAttribute("value");

    public bool HasInput(string name) => Document.QuerySelector($"input[name='{name}']") is not null;

    /// The value of the checked radio button of a group (null when none is checked).
    public string? CheckedValue(string name) =>
        Document.QuerySelectorAll<IHtmlInputElement>($"input[type=radio][name='{name}']").FirstOrDefault(i => i.IsChecked)?.Value;

    /// The value of a select's selected option, as the browser would send it.
    public string? SelectedValue(string name) =>
        Document.QuerySelector<IHtmlSelectElement>($"select[name='{name}']")?.Value;

    /// The notice shown after a redirect ("Guardamos su avance…").
    public string? Notice => Document.QuerySelector(".notice")?.TextContent.Trim();

    /// The antiforgery token of the page's first form, for posts a person could not make through it.
    public string AntiforgeryToken =>
        Document.QuerySelector<IHtmlInputElement>("form input[name=__RequestVerificationToken]")?.Value
            ?? throw new InvalidOperationException($"No antiforgery token on {Url}.");

    public static async Task<HtmlPage> ReadAsync(HttpResponseMessage response, HttpStatusCode? expected = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var html = await response.Content.ReadAsStringAsync();
        var url = response.RequestMessage!.RequestUri!;
        if (expected is not null && response.StatusCode != expected)
        {
            Assert.Fail($"{response.RequestMessage.Method} {url} answered {(int)response.StatusCode} {response.StatusCode}, expected {(int)expected.Value}. " +
                        $"Location: {response.Headers.Location}\n{Shorten(html)}");
        }

        var context = BrowsingContext.New(Configuration.Default);
        var document = await context.OpenAsync(r => r.Content(html).Address(url));
        return new HtmlPage(url, response.StatusCode, html, document);
    }

    private static string Shorten(string s) => s.Length <= 4000 ? s : s[..4000] + "…";
}

public static class HttpResponseExtensions
{
    /// The path a redirect points to, whether the Location header is relative or absolute.
    public static string RedirectPath(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected a redirect.");
        var location = response.Headers.Location!;
        var absolute = location.IsAbsoluteUri ? location : new Uri(new Uri("https://localhost"), location);
        return absolute.AbsolutePath;
    }

    /// A Location header (relative or absolute) as a path and query this site's client can GET.
    public static string PathAndQueryOf(this Uri location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    public static Task<HtmlPage> ReadPageAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK) =>
        HtmlPage.ReadAsync(response, expected);
}
