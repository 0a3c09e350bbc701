using System.Net;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Admin;

[Collection(SqliteTwoFactorApp.Name)]
public sealed class StaffDetailsTests_Sqlite(SqliteTwoFactorAppFactory app) : StaffDetailsTests<SqliteTwoFactorAppFactory>(app);

[Collection(PostgresTwoFactorApp.Name)]
public sealed class StaffDetailsTests_Postgres(PostgresTwoFactorAppFactory app) : StaffDetailsTests<PostgresTwoFactorAppFactory>(app);

/// /admin/personal/{staffId}: an administrator resets a staff member's second factor, with a reason
/// the audit trail keeps; the person must set it up again at the next sign-in.
public abstract class StaffDetailsTests<TFactory>(TFactory app) where TFactory : MspasAppFactory, ITwoFactorApp
{
    private const string Reason = "Perdió su teléfono el 1 de diciembre; lo confirmó por teléfono con su jefa.";

    [Fact]
    public async Task ResetTwoFactor_WithReason_IsAuditedAndForcesSetUpAgain()
    {
        var (analyst, _, analystBrowser) = await app.StaffWithTwoFactorAsync(Roles.Analista, app.Clock);
        analystBrowser.Dispose();
        var (admin, _, adminBrowser) = await app.StaffWithTwoFactorAsync(Roles.AdministradorServicio, app.Clock);
        using var signedIn = adminBrowser;
        var analystId = await app.UserIdAsync(analyst);
        var list = await adminBrowser.GetPageAsync("/admin/personal");
        Assert.NotNull(list.Document.QuerySelector($"a[href='/admin/personal/{analystId}']"));

        using var response = await adminBrowser.SubmitAsync($"/admin/personal/{analystId}", new Dictionary<string, string?> { ["Input.Reason"] = Reason });

        Assert.Equal($"/admin/personal/{analystId}", response.RedirectPath());
        var page = await adminBrowser.FollowAsync(response);
        Assert.Contains(Reason, page.Text, StringComparison.Ordinal);
        Assert.Contains("Verificación en dos pasos restablecida", page.Text, StringComparison.Ordinal);
        var adminId = await app.UserIdAsync(admin);
        var (enabled, reset) = await app.WithDbAsync(async db => (
            await db.Users.Where(u => u.Id == analystId).Select(u => u.TwoFactorEnabled).SingleAsync(),
            await db.AccountAuditEntries.SingleAsync(e => e.UserId == analystId && e.Action == AccountAuditAction.TwoFactorReset)));
        Assert.False(enabled);
        Assert.Equal(adminId, reset.ActorId);
        Assert.Equal(Reason, reset.Detail);
        using var next = app.CreateSession();
        var landed = await next.SignInSuccessfullyAsync(analyst.Email, analyst.Password); // the password alone
        using var backOffice = await next.GetAsync(landed);
        Assert.Equal(TwoFactorFlows.SetupPath, backOffice.RedirectPath());
    }

    [Fact]
    public async Task ResetTwoFactor_WhenReasonMissing_ShowsErrorAndChangesNothing()
    {
        var (analyst, _, analystBrowser) = await app.StaffWithTwoFactorAsync(Roles.Analista, app.Clock);
        analystBrowser.Dispose();
        var (_, _, adminBrowser) = await app.StaffWithTwoFactorAsync(Roles.AdministradorServicio, app.Clock);
        using var signedIn = adminBrowser;
        var analystId = await app.UserIdAsync(analyst);

        using var response = await adminBrowser.SubmitAsync($"/admin/personal/{analystId}", new Dictionary<string, string?> { ["Input.Reason"] = " " });

        FormAssert.HasFieldError(await response.ReadPageAsync(), "Input_Reason", "Escriba el motivo.");
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Id == analystId).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task Get_WhenNotStaffOrUnknown_IsNotFound()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var (_, _, adminBrowser) = await app.StaffWithTwoFactorAsync(Roles.AdministradorServicio, app.Clock);
        using var signedIn = adminBrowser;

        using var citizenPage = await adminBrowser.GetAsync($"/admin/personal/{await app.UserIdAsync(citizen)}");
        using var unknown = await adminBrowser.GetAsync($"/admin/personal/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, citizenPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Get_AsAnonymousOrOtherRole_IsRefused()
    {
        var (analyst, _, analystBrowser) = await app.StaffWithTwoFactorAsync(Roles.Analista, app.Clock);
        using var signedIn = analystBrowser;
        var path = $"/admin/personal/{await app.UserIdAsync(analyst)}";
        using var anonymous = app.CreateSession();

        using var asAnonymous = await anonymous.GetAsync(path);
        using var asAnalyst = await analystBrowser.GetAsync(path);

        Assert.Equal("/cuenta/ingresar", asAnonymous.RedirectPath());
        Assert.Equal("/cuenta/acceso-denegado", asAnalyst.RedirectPath());
    }
}
