namespace MspasTramite.Web.Pages.Publishing;

/// The addresses of the publishing pages, in one place for pages, redirects and tests.
public static class PublishingLinks
{
    public const string Catalogue = "/admin/tramites";

    public static string Procedure(Guid procedureId) => $"/admin/tramites/{procedureId}";

    public static string Draft(Guid procedureId) => $"/admin/tramites/{procedureId}/borrador";

    public static string DraftSection(Guid procedureId, string section) => $"/admin/tramites/{procedureId}/borrador/{section}";

    public static string Preview(Guid procedureId) => $"/admin/tramites/{procedureId}/vista-previa";

    public static string Publish(Guid procedureId) => $"/admin/tramites/{procedureId}/publicar";

    /// The editor's sections, by the slug in their address and in the audit record, with their names.
    public static IReadOnlyList<(string Slug, string Name)> Sections { get; } =
    [
        ("general", "Datos generales"),
        ("requisitos", "Requisitos"),
        ("tarifa", "Tarifa"),
        ("plazo-y-pasos", "Plazo y pasos"),
        ("simplificacion", "Cómo simplificamos este trámite"),
        ("idiomas", "Resúmenes en idiomas mayas"),
    ];

    /// The section a problem's field belongs to, so the list of problems links where to fix each.
    public static string SectionOf(string? field) => field switch
    {
        "Requirements" => "requisitos",
        "Fee" => "tarifa",
        "LegalBasis" or "OutputDocument" or "LegalTimeDays" or "LicenceValidityYears" or "Steps" => "plazo-y-pasos",
        "Simplifications" => "simplificacion",
        "PlainSummaries" => "idiomas",
        _ => "general",
    };

    public static string SectionName(string? slug) =>
        Sections.FirstOrDefault(s => s.Slug == slug).Name ?? slug ?? "";
}
