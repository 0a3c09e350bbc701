using MspasTramite.Core.Procedures;

namespace MspasTramite.Web.Pages.Publishing;

public static class VersionStatusNames
{
    /// Spanish names (resource keys) of a version's states.
    public static string Of(VersionStatus status) => status switch
    {
        VersionStatus.Draft => "Borrador",
        VersionStatus.Published => "Publicada",
        VersionStatus.Archived => "Archivada",
        _ => status.ToString(),
    };
}
