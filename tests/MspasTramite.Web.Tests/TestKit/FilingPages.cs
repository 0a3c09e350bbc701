namespace MspasTramite.Web.Tests.TestKit;

/// The citizen's filing pages, as theory data. "{id}" stands for an application, "{doc}" for one of its documents.
public static class FilingPages
{
    public const string Details = "/mis-solicitudes/{id}";
    public const string Applicant = "/mis-solicitudes/{id}/solicitante";
    public const string Establishment = "/mis-solicitudes/{id}/establecimiento";
    public const string Professional = "/mis-solicitudes/{id}/profesional";
    public const string Fee = "/mis-solicitudes/{id}/arancel";
    public const string Documents = "/mis-solicitudes/{id}/documentos";
    public const string Review = "/mis-solicitudes/{id}/revision";
    public const string Proof = "/mis-solicitudes/{id}/constancia";
    public const string Withdraw = "/mis-solicitudes/{id}/retirar";
    public const string Download = "/mis-solicitudes/{id}/documentos/{doc}";

    /// What changed when a draft moved to a newer version of its procedure (VersionMoveTests).
    public const string Changes = "/mis-solicitudes/{id}/cambios";

    /// The steps of the form, in order, as the health-establishment procedure has them all.
    public static IReadOnlyList<string> StepPages { get; } = [Applicant, Establishment, Professional, Fee, Documents, Review];

    public static IReadOnlyList<string> ApplicationPages { get; } = [Details, .. StepPages, Changes, Proof, Withdraw, Download];

    /// Every citizen page, with any application and document id.
    public static TheoryData<string> CitizenPages() =>
        [.. ApplicationPages, "/mis-solicitudes", "/mis-solicitudes/nueva?tramite=" + ProcedureSlugs.FoodFactory];

    public static TheoryData<string> PerApplicationPages() => [.. ApplicationPages];

    public static TheoryData<string> Steps() => [.. StepPages];

    /// Each page with the state its owner could open it in: steps need a draft, the proof a submitted application.
    public static TheoryData<string, bool> PerApplicationPagesWithSubmitted()
    {
        var data = new TheoryData<string, bool>();
        foreach (var page in ApplicationPages)
        {
            data.Add(page, page is Details or Proof or Withdraw or Download);
        }

        return data;
    }

    public static string Resolve(string page, Guid id, Guid? doc = null) =>
        page.Replace("{id}", id.ToString(), StringComparison.Ordinal).Replace("{doc}", (doc ?? Guid.NewGuid()).ToString(), StringComparison.Ordinal);
}
