namespace MspasTramite.Core.Identity;

public static class Roles
{
    public const string Solicitante = nameof(Solicitante);
    public const string Analista = nameof(Analista);
    public const string Jefe = nameof(Jefe);
    public const string AdministradorServicio = nameof(AdministradorServicio);
    public const string Finanzas = nameof(Finanzas);

    public static IReadOnlyList<string> All { get; } = [Solicitante, Analista, Jefe, AdministradorServicio, Finanzas];

    /// Roles an administrator may give to a staff account; citizens only ever self-register.
    public static IReadOnlyList<string> Staff { get; } = [Analista, Jefe, AdministradorServicio, Finanzas];

    /// The Spanish name people read (a key of the shared resource files).
    public static string DisplayName(string role) => role switch
    {
        Solicitante => "Solicitante",
        Analista => "Analista",
        Jefe => "Jefe de sección",
        AdministradorServicio => "Administrador del servicio",
        Finanzas => "Finanzas",
        _ => role,
    };
}

/// Authorization policies, one per area of the site. Every page is closed by default (fallback policy).
public static class Policies
{
    public const string Citizen = nameof(Citizen);
    public const string BackOffice = nameof(BackOffice);
    public const string Admin = nameof(Admin);
    public const string Finance = nameof(Finance);

    /// The procedures' documentation (/admin/tramites): the product manager edits and publishes,
    /// analysts and heads of section read drafts (they apply what is published). Writes are checked
    /// again per request: PublishingPageModel refuses every POST to anyone but the product manager.
    public const string PublishingRead = nameof(PublishingRead);
}
