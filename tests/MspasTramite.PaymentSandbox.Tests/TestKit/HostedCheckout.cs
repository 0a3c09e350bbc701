using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace MspasTramite.PaymentSandbox.Tests.TestKit;

/// Drives the hosted checkout page as a browser without JavaScript: read the form, fill it, submit it.
public static class HostedCheckout
{
    public static async Task<IHtmlDocument> GetAsync(HttpClient browser, string url)
    {
        ArgumentNullException.ThrowIfNull(browser);
        using var response = await browser.GetAsync(new Uri(url));
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var html = await response.Content.ReadAsStringAsync();
        return new HtmlParser().ParseDocument(html);
    }

    /// Posts the page's form with its hidden fields, the given values and, when named, the button pressed.
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, IHtmlDocument page,
        IReadOnlyDictionary<string, string> values, string? button = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(values);
        var form = page.QuerySelector<IHtmlFormElement>("form[method=post]") ?? throw new InvalidOperationException("No form on the page.");
        var fields = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]")
            .ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (name, value) in values)
        {
            Assert.NotNull(form.QuerySelector($"input[name={name}]"));
            fields[name] = value;
        }

        if (button is not null)
        {
            var pressed = form.QuerySelectorAll<IHtmlButtonElement>("button").Single(b => b.TextContent.Trim() == button);
            if (!string.IsNullOrEmpty(pressed.Name))
            {
                fields[pressed.Name] = pressed.Value;
            }
        }

        var action = new Uri(new Uri("http://localhost/"), form.GetAttribute("action"));
        using var content = new FormUrlEncodedContent(fields);
        return await browser.PostAsync(action, content);
    }

    public static Dictionary<string, string> Card(string number, string expiry = "12/34", string cvc = "123") => new()
    {
        ["cardNumber"] = number,
        ["expiry"] = expiry,
        ["cvc"] = cvc,
    };

    public static async Task<HttpResponseMessage> PayAsync(HttpClient browser, string sessionUrl, string number,
        string expiry = "12/34", string cvc = "123")
    {
        var page = await GetAsync(browser, sessionUrl);
        return await SubmitAsync(browser, page, Card(number, expiry, cvc));
    }
}
