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

    [Fact]
    public async Task ChangeRoles_WithReason_EndsThePersonsSessionsAndTheNewRolesApply()
    {
        var (analyst, setup, analystBrowser) = await app.StaffWithTwoFactorAsync(Roles.Analista, app.Clock);
        using var analystSignedIn = analystBrowser;
        var (_, _, adminBrowser) = await app.StaffWithTwoFactorAsync(Roles.AdministradorServicio, app.Clock);
        using var signedIn = adminBrowser;
        var analystId = await app.UserIdAsync(analyst);
        var page = await adminBrowser.GetPageAsync($"/admin/personal/{analystId}");
        Assert.Equal(["Analista"], page.Document.QuerySelectorAll("input[name='RolesForm.Roles'][checked]").Select(i => i.GetAttribute("value")));

        using var changed = await adminBrowser.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["RolesForm.Roles"] = Roles.Finanzas,
            ["RolesForm.Reason"] = "Pasa a la unidad de Finanzas.",
        }, "main form[action*='handler=Roles']");

        Assert.Equal($"/admin/personal/{analystId}", changed.RedirectPath());
        using (var oldSession = await analystBrowser.GetAsync("/backoffice"))
        {
            Assert.Equal("/cuenta/ingresar", oldSession.RedirectPath());
        }

        var entry = await app.WithDbAsync(db => db.AccountAuditEntries.SingleAsync(e => e.UserId == analystId && e.Action == AccountAuditAction.RolesChanged));
        Assert.Equal("Analista → Finanzas. Motivo: Pasa a la unidad de Finanzas.", entry.Detail);
        app.Clock.NextPeriod();
        using var again = await analystBrowser.SignInWithCodeAsync(analyst, setup.App.CurrentCode);
        again.AssertSignedInAt("/finanzas");
    }

    [Fact]
    public async Task ChangeRoles_WithNoneChosen_SaysSoAndKeepsTheRoles()
    {
        var (analyst, _, analystBrowser) = await app.StaffWithTwoFactorAsync(Roles.Analista, app.Clock);
        analystBrowser.Dispose();
        var (_, _, adminBrowser) = await app.StaffWithTwoFactorAsync(Roles.AdministradorServicio, app.Clock);
        using var signedIn = adminBrowser;
        var analystId = await app.UserIdAsync(analyst);
        var page = await adminBrowser.GetPageAsync($"/admin/personal/{analystId}");

        using var refused = await adminBrowser.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["RolesForm.Roles"] = null,
            ["RolesForm.Reason"] = "Se va del servicio.",
        }, "main form[action*='handler=Roles']");

        var again = await refused.ReadPageAsync();
        Assert.Contains(again.SummaryErrors, e => e.Message == "Elija al menos un rol.");
        Assert.Equal("Se va del servicio.", again.Document.QuerySelector("textarea[name='RolesForm.Reason']")?.TextContent.Trim());
        Assert.True(await app.WithDbAsync(db => db.UserRoles.AnyAsync(r => r.UserId == analystId)));
    }

    [Fact]
    public async Task Disable_EndsTheSessionsAndRefusesSignIn_UntilEnabledAgain()
    {
        var (analyst, setup, analystBrowser) = await app.StaffWithTwoFactorAsync(Roles.Analista, app.Clock);
        using var analystSignedIn = analystBrowser;
        var (_, _, adminBrowser) = await app.StaffWithTwoFactorAsync(Roles.AdministradorServicio, app.Clock);
        using var signedIn = adminBrowser;
        var analystId = await app.UserIdAsync(analyst);
        var page = await adminBrowser.GetPageAsync($"/admin/personal/{analystId}");

        using var disabled = await adminBrowser.SubmitAsync(page, new Dictionary<string, string?> { ["StateForm.Reason"] = "Terminó su contrato." }, "main form[action*='handler=Disable']");

        Assert.Equal($"/admin/personal/{analystId}", disabled.RedirectPath());
        using (var oldSession = await analystBrowser.GetAsync("/backoffice"))
        {
            Assert.Equal("/cuenta/ingresar", oldSession.RedirectPath());
        }

        using (var refused = await analystBrowser.SignInAsync(analyst))
        {
            FormAssert.HasSummaryError(await refused.ReadPageAsync(), "El correo o la contraseña no son correctos.");
        }

        var afterDisable = await adminBrowser.GetPageAsync($"/admin/personal/{analystId}");
        Assert.Contains("Terminó su contrato.", afterDisable.Text, StringComparison.Ordinal);
        using var enabled = await adminBrowser.SubmitAsync(afterDisable, new Dictionary<string, string?> { ["StateForm.Reason"] = "Renovó su contrato." }, "main form[action*='handler=Enable']");
        Assert.Equal($"/admin/personal/{analystId}", enabled.RedirectPath());
        app.Clock.NextPeriod();
        using var back = await analystBrowser.SignInWithCodeAsync(analyst, setup.App.CurrentCode);
        back.AssertSignedInAt("/backoffice");
        var actions = await app.WithDbAsync(db => db.AccountAuditEntries.Where(e => e.UserId == analystId).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal([AccountAuditAction.Disabled, AccountAuditAction.Enabled], actions.Where(a => a is AccountAuditAction.Disabled or AccountAuditAction.Enabled));
    }

    [Fact]
    public async Task OwnAccount_OffersNoRoleOrStateChange_AndRefusesAPost()
    {
        var (admin, _, adminBrowser) = await app.StaffWithTwoFactorAsync(Roles.AdministradorServicio, app.Clock);
        using var signedIn = adminBrowser;
        var adminId = await app.UserIdAsync(admin);
        var page = await adminBrowser.GetPageAsync($"/admin/personal/{adminId}");
        Assert.Null(page.Document.QuerySelector("main form[action*='handler=Disable']"));

        using var response = await adminBrowser.Client.PostAsync(new Uri($"/admin/personal/{adminId}?handler=Disable", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["StateForm.Reason"] = "por error",
            ["__RequestVerificationToken"] = page.AntiforgeryToken,
        }));

        var refused = await response.ReadPageAsync();
        Assert.Contains(refused.SummaryErrors, e => e.Message == "No puede desactivar su propia cuenta.");
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.Id == adminId).Select(u => u.DisabledAt).SingleAsync()));
    }
}
