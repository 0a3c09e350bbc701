using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MspasTramite.Web.Infrastructure;

/// The framework's model-binding messages are English constants; these go through the shared
/// localizer so a person sees them in their language.
internal static class SpanishModelBindingMessages
{
    // Its own factory: MVC options are configured before the container that holds the shared one exists.
    private static readonly IStringLocalizer Localizer = new ResourceManagerStringLocalizerFactory(
            Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)
        .Create(typeof(SharedResource));

    private static IStringLocalizer L() => Localizer;

    public static void Apply(DefaultModelBindingMessageProvider p)
    {
        p.SetValueMustNotBeNullAccessor(_ => L()["Este dato es obligatorio."]);
        p.SetAttemptedValueIsInvalidAccessor((value, _) => L()["El valor «{0}» no es válido.", value]);
        p.SetMissingBindRequiredValueAccessor(_ => L()["Este dato es obligatorio."]);
        p.SetMissingKeyOrValueAccessor(() => L()["Este dato es obligatorio."]);
        p.SetUnknownValueIsInvalidAccessor(_ => L()["El valor no es válido."]);
        p.SetValueIsInvalidAccessor(value => L()["El valor «{0}» no es válido.", value]);
        p.SetValueMustBeANumberAccessor(_ => L()["Escriba un número."]);
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => L()["El valor «{0}» no es válido.", value]);
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => L()["El valor no es válido."]);
        p.SetNonPropertyValueMustBeANumberAccessor(() => L()["Escriba un número."]);
        p.SetMissingRequestBodyRequiredValueAccessor(() => L()["Este dato es obligatorio."]);
    }
}
