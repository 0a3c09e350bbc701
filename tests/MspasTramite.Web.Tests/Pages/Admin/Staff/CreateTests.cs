using System.Net;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Admin.Staff;

[Collection(SqliteApp.Name)]
public sealed class CreateTests_Sqlite(SqliteAppFactory app) : CreateTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class CreateTests_Postgres(PostgresAppFactory app) : CreateTests<PostgresAppFactory>(app);

/// /admin/personal/nueva: an administrator creates a staff account; the invitation arrives by SMTP
/// and its link lets the person choose a password and start working.
public abstract class CreateTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Fact]
    public async Task Post_WhenValid_InvitesStaffWhoSetsPasswordAndReachesBackoffice()
    {
        using var admin = await SignedInAdminAsync();
        var staffEmail = TestData.NewEmail("analista");

        using var created = await admin.SubmitAsync("/admin/personal/nueva", new Dictionary<string, string?>
        {
            ["Input.FullName"] = "Luis Analista Nuevo",
            ["Input.Email"] = staffEmail,
            ["Input.Role"] = Roles.Analista,
        });

        Assert.Equal("/admin/personal", created.RedirectPath());
        var list = await admin.FollowAsync(created);
        Assert.Contains($"Cuenta creada. Enviamos la invitación a {staffEmail}.", list.Document.QuerySelector(".notice")?.TextContent, StringComparison.Ordinal);
        var row = list.Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(staffEmail, StringComparison.Ordinal));
        Assert.Contains("Invitación pendiente", row.TextContent, StringComparison.Ordinal);

        var invitation = await Mailbox.WaitForSubjectAsync(staffEmail, "Su cuenta de personal MSPAS");
        Assert.Contains("Luis Analista Nuevo", invitation.TextBody, StringComparison.Ordinal);
        using var staff = app.CreateSession();
        var password = TestData.NewPassword();
        using var chosen = await staff.SubmitAsync(Mailbox.LinkTo(invitation, "/cuenta/restablecer-contrasena").PathAndQuery, new Dictionary<string, string?>
        {
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        Assert.Equal("/cuenta/ingresar", chosen.RedirectPath());

        var home = await staff.SignInSuccessfullyAsync(staffEmail, password);

        Assert.Equal("/backoffice", home);
        var backoffice = await staff.GetPageAsync(home);
        Assert.Equal("Bandeja de trabajo", backoffice.Title);
        var user = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == staffEmail));
        Assert.True(user.IsStaff);
        Assert.True(user.EmailConfirmed);
        var activeRow = (await admin.GetPageAsync("/admin/personal")).Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(staffEmail, StringComparison.Ordinal));
        Assert.Contains("Activa", activeRow.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Superusuario")]
    [InlineData("Solicitante")] // citizens only ever self-register
    public async Task Post_WhenRoleNotInList_ShowsErrorAndCreatesNothing(string role)
    {
        using var admin = await SignedInAdminAsync();
        var staffEmail = TestData.NewEmail("intruso");

        using var response = await admin.SubmitAsync("/admin/personal/nueva", new Dictionary<string, string?>
        {
            ["Input.FullName"] = "Persona Con Rol Inventado",
            ["Input.Email"] = staffEmail,
            ["Input.Role"] = role,
        });

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Role", "Elija uno de los roles de la lista.");
        Assert.Equal("Persona Con Rol Inventado", page.InputValue("Input.FullName"));
        Assert.Equal(staffEmail, page.InputValue("Input.Email"));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == staffEmail)));
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.To == staffEmail)));
    }

    [Fact]
    public async Task Post_WhenRoleMissing_ShowsError()
    {
        using var admin = await SignedInAdminAsync();

        using var response = await admin.SubmitAsync("/admin/personal/nueva", new Dictionary<string, string?>
        {
            ["Input.FullName"] = "Persona Sin Rol",
            ["Input.Email"] = TestData.NewEmail("sinrol"),
        });

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Role", "Elija el rol de la cuenta.");
    }

    [Fact]
    public async Task Post_WhenEmailAlreadyHasAccount_ShowsErrorAndSendsNoInvitation()
    {
        using var admin = await SignedInAdminAsync();
        var existing = await app.CreateAccountAsync(Roles.Solicitante);

        using var response = await admin.SubmitAsync("/admin/personal/nueva", new Dictionary<string, string?>
        {
            ["Input.FullName"] = "Otra Persona",
            ["Input.Email"] = existing.Email,
            ["Input.Role"] = Roles.Jefe,
        });

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Email", "Ya existe una cuenta con ese correo electrónico.");
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.To == existing.Email)));
    }

    [Fact]
    public async Task Post_WithoutAdminRole_IsDenied()
    {
        var analyst = await app.CreateAccountAsync(Roles.Analista);
        using var browser = app.CreateSession();
        await browser.SignInSuccessfullyAsync(analyst.Email, analyst.Password);
        var anyForm = await browser.GetPageAsync("/cuenta/salir"); // any page: only for the antiforgery token
        var token = anyForm.Document.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var staffEmail = TestData.NewEmail("colado");

        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token!,
            ["Input.FullName"] = "Cuenta Colada",
            ["Input.Email"] = staffEmail,
            ["Input.Role"] = Roles.AdministradorServicio,
        });
        using var response = await browser.Client.PostAsync(new Uri("/admin/personal/nueva", UriKind.Relative), content);

        Assert.Equal("/cuenta/acceso-denegado", response.RedirectPath());
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == staffEmail)));
    }

    private async Task<WebSession> SignedInAdminAsync()
    {
        var account = await app.CreateAccountAsync(Roles.AdministradorServicio);
        var browser = app.CreateSession();
        Assert.Equal("/admin", await browser.SignInSuccessfullyAsync(account.Email, account.Password));
        return browser;
    }
}
