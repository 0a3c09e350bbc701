using System.Net;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.Publishing;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Authorization;

[Collection(SqliteApp.Name)]
public sealed class RoleMatrixTests_Sqlite(SqliteAppFactory app) : RoleMatrixTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class RoleMatrixTests_Postgres(PostgresAppFactory app) : RoleMatrixTests<PostgresAppFactory>(app);

/// Who may open each area: anonymous people are sent to sign in, a wrong role to "acceso denegado",
/// the right role sees the page. Accounts are made directly; signing in goes through the login page.
public abstract class RoleMatrixTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Theory]
    [MemberData(nameof(RoleMatrix.Rows), MemberType = typeof(RoleMatrix))]
    public async Task Get_AreaPage_AnswersByRole(string role, string path)
    {
        using var browser = app.CreateSession();
        if (role != RoleMatrix.Anonymous)
        {
            var account = await app.CreateAccountAsync(role);
            await browser.SignInSuccessfullyAsync(account.Email, account.Password);
        }

        if (path.Contains("{tramite}", StringComparison.Ordinal))
        {
            var (procedureId, _) = await PublishedProcedures.CreateAsync(app.Services);
            await PublishedProcedures.StartDraftAsync(app.Services, procedureId);
            path = path.Replace("{tramite}", procedureId.ToString(), StringComparison.Ordinal);
        }

        using var response = await browser.GetAsync(path);

        if (role == RoleMatrix.Anonymous)
        {
            Assert.Equal("/cuenta/ingresar", response.RedirectPath());
            Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        }
        else if (RoleMatrix.Allowed(role, path))
        {
            var page = await response.ReadPageAsync(HttpStatusCode.OK);
            Assert.NotEmpty(page.Title);
        }
        else
        {
            Assert.Equal("/cuenta/acceso-denegado", response.RedirectPath());
            using var denied = await browser.GetAsync(response.Headers.Location!.PathAndQueryOf());
            var page = await denied.ReadPageAsync(HttpStatusCode.Forbidden);
            Assert.Equal("Acceso denegado", page.Title);
        }
    }

    [Theory]
    [InlineData(Roles.Solicitante, "/mis-solicitudes")]
    [InlineData(Roles.Analista, "/backoffice")]
    [InlineData(Roles.Jefe, "/backoffice")]
    [InlineData(Roles.AdministradorServicio, "/admin")]
    [InlineData(Roles.Finanzas, "/finanzas")]
    public async Task Post_SignIn_SendsEachRoleToItsHome(string role, string home)
    {
        var account = await app.CreateAccountAsync(role);
        using var browser = app.CreateSession();

        var landed = await browser.SignInSuccessfullyAsync(account.Email, account.Password);

        Assert.Equal(home, landed);
    }

}

public static class RoleMatrix
{
    public const string Anonymous = "";

    /// A procedure's admin pages: the test puts in the id of a procedure of its own, with a draft.
    public const string ProcedurePage = "/admin/tramites/{tramite}";

    public static TheoryData<string, string> Rows()
    {
        string[] paths = ["/mis-solicitudes", "/backoffice", "/admin", "/admin/personal", "/admin/personal/nueva", "/admin/indicadores", "/admin/indicadores/volumenes", "/admin/indicadores/costos", "/admin/tramites", RoleMatrix.ProcedurePage, RoleMatrix.ProcedurePage + "/vista-previa", RoleMatrix.ProcedurePage + "/publicar", "/finanzas", "/cuenta/contrasena", "/cuenta/sesiones", "/cuenta/seguridad", "/cuenta/seguridad/doble-factor"];
        var data = new TheoryData<string, string>();
        foreach (var role in (string[])[Anonymous, .. Roles.All])
        {
            foreach (var path in paths)
            {
                data.Add(role, path);
            }
        }

        return data;
    }

    // The policies of WebServiceCollectionExtensions, written out independently.
    public static bool Allowed(string role, string path) => path switch
    {
        "/mis-solicitudes" => role == Roles.Solicitante,
        "/backoffice" => role is Roles.Analista or Roles.Jefe,
        "/finanzas" => role == Roles.Finanzas,
        // The procedures' documentation: the product manager edits, analysts and heads of section read.
        _ when path.StartsWith("/admin/tramites", StringComparison.Ordinal) => role is Roles.AdministradorServicio or Roles.Analista or Roles.Jefe,
        // The person's own account: anyone signed in.
        _ when path.StartsWith("/cuenta/", StringComparison.Ordinal) => true,
        _ when path.StartsWith("/admin", StringComparison.Ordinal) => role == Roles.AdministradorServicio,
        _ => throw new ArgumentOutOfRangeException(nameof(path), path, "no rule for this path"),
    };
}
