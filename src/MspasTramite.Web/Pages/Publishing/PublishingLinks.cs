namespace MspasTramite.Web.Pages.Publishing;

/// The addresses of the publishing pages, in one place for pages, redirects and tests.
public static class PublishingLinks
{
    public const string Catalogue = "/admin/tramites";

    public static string Procedure(Guid procedureId) => $"/admin/tramites/{procedureId}";

    public static string Draft(Guid procedureId) => $"/admin/tramites/{procedureId}/borrador";

    public static string Preview(Guid procedureId) => $"/admin/tramites/{procedureId}/vista-previa";

    public static string Publish(Guid procedureId) => $"/admin/tramites/{procedureId}/publicar";
}
