namespace MspasTramite.Web.Tests.TestKit;

public static class FormAssert
{
    /// The error is shown next to the field and, linking to it, in the error summary (GOV.UK pattern).
    public static void HasFieldError(HtmlPage page, string fieldId, string message)
    {
        ArgumentNullException.ThrowIfNull(page);
        Assert.Equal(message, page.FieldError(fieldId));
        Assert.Contains(("#" + fieldId, message), page.SummaryErrors);
        var input = page.Document.GetElementById(fieldId);
        Assert.NotNull(input);
        Assert.Contains(fieldId + "-error", input.GetAttribute("aria-describedby") ?? "", StringComparison.Ordinal);
    }

    /// A form-level error (not tied to one field), shown in the summary.
    public static void HasSummaryError(HtmlPage page, string message)
    {
        ArgumentNullException.ThrowIfNull(page);
        Assert.Contains(message, page.SummaryErrors.Select(e => e.Message));
    }
}
