using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace MspasTramite.Web.Pages.Publishing.Draft;

/// A draft section's fields: a form that posts to the page for the product manager; for analysts and
/// heads of section, who only read, the same fields with no form around them, disabled (a disabled
/// fieldset disables every control in it, so no page can leave one editable).
[HtmlTargetElement("draft-form")]
public sealed class DraftFormTagHelper(IHtmlGenerator generator) : TagHelper
{
    public bool Editable { get; set; }

    /// The text of the hidden button Enter presses (the page's save button's).
    public string DefaultButton { get; set; } = "";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var content = await output.GetChildContentAsync();
        if (Editable)
        {
            output.TagName = "form";
            output.Attributes.SetAttribute("method", "post");
            output.Attributes.SetAttribute("novalidate", "novalidate");
            // Enter in a text box presses the form's first submit button: without this one it would be
            // the first row's "Subir …" or "Quitar …" button.
            output.Content.SetHtmlContent($"<button type=\"submit\" class=\"visually-hidden\" tabindex=\"-1\" aria-hidden=\"true\">{HtmlEncoder.Default.Encode(DefaultButton)}</button>");
            output.Content.AppendHtml(content);
            output.Content.AppendHtml(generator.GenerateAntiforgery(ViewContext));
        }
        else
        {
            output.TagName = "fieldset";
            output.AddClass("fieldset", HtmlEncoder.Default);
            output.Attributes.SetAttribute("disabled", "disabled");
            output.Content.SetHtmlContent(content);
        }
    }
}
