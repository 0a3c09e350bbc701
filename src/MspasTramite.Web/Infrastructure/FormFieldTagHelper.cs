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

    /// For type="select": the choices, grouped by SelectListItem.Group when set.
    public IEnumerable<SelectListItem>? Options { get; set; }

    /// For type="select": the first, empty choice ("Elija…").
    public string? Placeholder { get; set; }

    public int? Maxlength { get; set; }

    /// Marks the field required (aria-required) where the page, not a [Required] attribute, checks it.
    public bool Required { get; set; }

    /// The field is described also by a line the page writes after it, with the id "{field id}-legibilidad"
    /// (the draft editor's readability score), so a screen reader reads the score with the field.
    public bool Readability { get; set; }

    /// The id a field's readability line carries: the field's own id, then "-legibilidad".
    public static string ReadabilityId(string name) => TagBuilder.CreateSanitizedId(name, "_") + "-legibilidad";

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
        var required = (Required || For.Metadata.IsRequired) && !isCheckbox;

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

        if (Readability)
        {
            describedBy.Add(id + "-legibilidad");
        }

        var currentValue = state?.AttemptedValue ?? Convert.ToString(For.Model, CultureInfo.InvariantCulture);
        var isSelect = Type == "select";
        var isTextarea = Type == "textarea";
        var input = isSelect ? new TagBuilder("select") : isTextarea ? new TagBuilder("textarea") : new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
        input.Attributes["id"] = id;
        input.Attributes["name"] = name;
        if (isSelect)
        {
            input.InnerHtml.AppendHtml(SelectOptions(currentValue, enc));
        }
        else if (isTextarea)
        {
            input.Attributes["rows"] = "5";
            input.InnerHtml.Append(currentValue ?? "");
        }
        else
        {
            input.Attributes["type"] = Type;
        }

        if (Maxlength is int max)
        {
            input.Attributes["maxlength"] = max.ToString(CultureInfo.InvariantCulture);
        }

        if (isCheckbox)
        {
            input.Attributes["value"] = "true";
            if (For.Model is true || (state?.AttemptedValue?.Contains("true", StringComparison.OrdinalIgnoreCase) ?? false))
            {
                input.Attributes["checked"] = "checked";
            }
        }
        else if (Type != "password" && !isSelect && !isTextarea)
        {
            if (!string.IsNullOrEmpty(currentValue))
            {
                input.Attributes["value"] = currentValue;
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

    private string SelectOptions(string? current, HtmlEncoder enc)
    {
        var sb = new System.Text.StringBuilder();
        if (Placeholder is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<option value=\"\">{enc.Encode(Placeholder)}</option>");
        }

        foreach (var group in (Options ?? []).GroupBy(o => o.Group?.Name))
        {
            if (group.Key is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<optgroup label=\"{enc.Encode(group.Key)}\">");
            }

            foreach (var option in group)
            {
                var selected = string.Equals(option.Value, current, StringComparison.Ordinal) ? " selected" : "";
                sb.Append(CultureInfo.InvariantCulture, $"<option value=\"{enc.Encode(option.Value)}\"{selected}>{enc.Encode(option.Text)}</option>");
            }

            if (group.Key is not null)
            {
                sb.Append("</optgroup>");
            }
        }

        return sb.ToString();
    }
}

/// A set of radio buttons in a fieldset whose legend is the question.
[HtmlTargetElement("radio-group", TagStructure = TagStructure.WithoutEndTag)]
public sealed class RadioGroupTagHelper : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = default!;

    public string Legend { get; set; } = "";
    public string? Hint { get; set; }
    public IEnumerable<SelectListItem> Options { get; set; } = [];

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var enc = HtmlEncoder.Default;
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var state = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry : null;
        var errors = state?.Errors.Select(e => e.ErrorMessage).Where(m => !string.IsNullOrEmpty(m)).ToList() ?? [];
        var current = state?.AttemptedValue ?? Convert.ToString(For.Model, CultureInfo.InvariantCulture);
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", errors.Count > 0 ? "field field--error" : "field");
        var describedBy = new List<string>();
        var html = new System.Text.StringBuilder();
        if (Hint is not null)
        {
            describedBy.Add(id + "-hint");
        }

        if (errors.Count > 0)
        {
            describedBy.Add(id + "-error");
        }

        var described = describedBy.Count > 0 ? $" aria-describedby=\"{string.Join(' ', describedBy)}\"" : "";
        html.Append(CultureInfo.InvariantCulture, $"<fieldset class=\"fieldset\" id=\"{id}\"{described}><legend class=\"label\">{enc.Encode(Legend)}</legend>");
        if (Hint is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"hint\" id=\"{id}-hint\">{enc.Encode(Hint)}</p>");
        }

        if (errors.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"field-error\" id=\"{id}-error\">{enc.Encode(string.Join(" ", errors))}</p>");
        }

        var i = 0;
        foreach (var option in Options)
        {
            var optionId = i == 0 ? id + "_first" : $"{id}_{i}";
            var isChecked = string.Equals(option.Value, current, StringComparison.Ordinal) ? " checked" : "";
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"radio\"><input class=\"radio-input\" type=\"radio\" id=\"{optionId}\" name=\"{name}\" value=\"{enc.Encode(option.Value)}\"{isChecked} />");
            html.Append(CultureInfo.InvariantCulture, $"<label class=\"radio-label\" for=\"{optionId}\">{enc.Encode(option.Text)}</label></div>");
            i++;
        }

        html.Append("</fieldset>");
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
