namespace MspasTramite.Web;

/// Marker for the shared resource files. Spanish text is the key (the default language); other
/// languages live in Resources/SharedResource.{culture}.resx.
#pragma warning disable CA1052 // Used as a type argument only.
public sealed class SharedResource;
#pragma warning restore CA1052
