using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using MspasTramite.Core.Text;

namespace MspasTramite.Web.Infrastructure;

/// Every string a request binds (form fields, query and route values, handler parameters) is text
/// someone typed, and is cleaned by TypedText before any page sees it, so no page can forget to: a
/// NUL that reaches PostgreSQL is a 500, an ESC or a U+202E that reaches an email, a PDF or the back
/// office is a spoof. Text marked [DataType(DataType.MultilineText)] (what a textarea edits) keeps its
/// line breaks. Passwords are taken as typed: they are never shown, only hashed, and cleaning one
/// chosen before would lock its owner out.
public sealed class TypedTextModelBinderProvider : IModelBinderProvider
{
    private static readonly TypedTextModelBinder Binder = new();

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Metadata.ModelType == typeof(string) ? Binder : null;
    }
}

/// The framework's string binding (first value; empty or blank is null unless the property says
/// otherwise), on cleaned text.
public sealed class TypedTextModelBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var sent = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (sent == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        var metadata = bindingContext.ModelMetadata;
        var value = metadata.DataTypeName == nameof(DataType.Password)
            ? sent.FirstValue
            : TypedText.Clean(sent.FirstValue, multiline: metadata.DataTypeName == nameof(DataType.MultilineText));
        // A form shown again after a refused post shows the cleaned text, not what was sent.
        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, new ValueProviderResult(value, sent.Culture));
        bindingContext.Result = ModelBindingResult.Success(metadata.ConvertEmptyStringToNull && string.IsNullOrWhiteSpace(value) ? null : value);
        return Task.CompletedTask;
    }
}
