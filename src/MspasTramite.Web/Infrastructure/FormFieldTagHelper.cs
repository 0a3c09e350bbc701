using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace MspasTramite.Web.Infrastructure;

/// One accessible form field: label, hint, error message and input, wired together with
/// aria-describedby and aria-invalid (the GOV.UK Design System pattern). What the person typed is
/// shown again after a failed post (except passwords, which are never echoed back into a page).
[HtmlTargetElement("form-field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FormFieldTagHelper : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = default!;

    public string Label { get; set; } = "";
    public string? Hint { get; set; }
    public string Type { get; set; } = "text";
    public string? Autocomplete { get; set; }
    public string? Inputmode { get; set; }
    public string? Width { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var state = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry : null;
        var errors = state?.Errors.Select(e => e.ErrorMessage).Where(m => !string.IsNullOrEmpty(m)).ToList() ?? [];
        var isCheckbox = Type == "checkbox";
        var required = For.Metadata.IsRequired && !isCheckbox;

        var describedBy = new List<string>();
        var enc = HtmlEncoder.Default;
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", errors.Count > 0 ? "field field--error" : "field");
        var html = new System.Text.StringBuilder();

        if (!isCheckbox)
        {
            html.Append(CultureInfo.InvariantCulture, $"<label class=\"label\" for=\"{id}\">{enc.Encode(Label)}</label>");
        }

        if (!string.IsNullOrEmpty(Hint))
        {
            describedBy.Add(id + "-hint");
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"hint\" id=\"{id}-hint\">{enc.Encode(Hint)}</p>");
        }

        if (errors.Count > 0)
        {
            describedBy.Add(id + "-error");
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"field-error\" id=\"{id}-error\">");
            html.Append(enc.Encode(string.Join(" ", errors)));
            html.Append("</p>");
        }

        var input = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
        input.Attributes["id"] = id;
        input.Attributes["name"] = name;
        input.Attributes["type"] = Type;
        if (isCheckbox)
        {
            input.Attributes["value"] = "true";
            if (For.Model is true || (state?.AttemptedValue?.Contains("true", StringComparison.OrdinalIgnoreCase) ?? false))
            {
                input.Attributes["checked"] = "checked";
            }
        }
        else if (Type != "password")
        {
            var value = state?.AttemptedValue ?? Convert.ToString(For.Model, CultureInfo.CurrentCulture);
            if (!string.IsNullOrEmpty(value))
            {
                input.Attributes["value"] = value;
            }
        }

        input.AddCssClass(isCheckbox ? "checkbox-input" : "input");
        if (Width is not null)
        {
            input.AddCssClass("input--" + Width);
        }

        if (Autocomplete is not null)
        {
            input.Attributes["autocomplete"] = Autocomplete;
        }

        if (Inputmode is not null)
        {
            input.Attributes["inputmode"] = Inputmode;
        }

        if (Type is "email" or "password" || Inputmode is "numeric")
        {
            input.Attributes["spellcheck"] = "false";
        }

        if (required)
        {
            input.Attributes["aria-required"] = "true";
        }

        if (errors.Count > 0)
        {
            input.Attributes["aria-invalid"] = "true";
        }

        if (describedBy.Count > 0)
        {
            input.Attributes["aria-describedby"] = string.Join(' ', describedBy);
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        input.WriteTo(writer, enc);
        if (isCheckbox)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"checkbox\">{writer}<label class=\"checkbox-label\" for=\"{id}\">{enc.Encode(Label)}</label></div>");
        }
        else
        {
            html.Append(writer);
        }

        output.Content.SetHtmlContent(html.ToString());
    }
}

/// The error summary at the top of a form: a heading and one link per problem, moved to by the
/// page script on load so a screen reader announces it (no inline script: the CSP forbids it).
[HtmlTargetElement("error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ErrorSummaryTagHelper : TagHelper
{
    public string Title { get; set; } = "";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var modelState = ViewContext.ViewData.ModelState;
        if (modelState.IsValid || modelState.ErrorCount == 0)
        {
            output.SuppressOutput();
            return;
        }

        var enc = HtmlEncoder.Default;
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "error-summary");
        output.Attributes.SetAttribute("role", "alert");
        output.Attributes.SetAttribute("aria-labelledby", "error-summary-title");
        output.Attributes.SetAttribute("tabindex", "-1");
        output.Attributes.SetAttribute("data-error-summary", "");
        var html = new System.Text.StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h2 class=\"error-summary__title\" id=\"error-summary-title\">{enc.Encode(Title)}</h2><ul class=\"error-summary__list\">");
        foreach (var (key, entry) in modelState.Where(kv => kv.Value is { ValidationState: ModelValidationState.Invalid }))
        {
            var target = string.IsNullOrEmpty(key) ? null : "#" + TagBuilder.CreateSanitizedId(key, "_");
            foreach (var error in entry!.Errors.Where(e => !string.IsNullOrEmpty(e.ErrorMessage)))
            {
                html.Append(target is null
                    ? $"<li>{enc.Encode(error.ErrorMessage)}</li>"
                    : $"<li><a href=\"{target}\">{enc.Encode(error.ErrorMessage)}</a></li>");
            }
        }

        html.Append("</ul>");
        output.Content.SetHtmlContent(html.ToString());
    }
}
