using System.Net;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.MyAccount;

[Collection(SqliteTwoFactorApp.Name)]
public sealed class TwoFactorTests_Sqlite(SqliteTwoFactorAppFactory app) : TwoFactorTests<SqliteTwoFactorAppFactory>(app);

[Collection(PostgresTwoFactorApp.Name)]
public sealed class TwoFactorTests_Postgres(PostgresTwoFactorAppFactory app) : TwoFactorTests<PostgresTwoFactorAppFactory>(app);

/// /cuenta/seguridad/doble-factor and the second step of signing in: set-up with an authenticator
/// app, each code accepted once, recovery codes once each, staff sent to set it up.
public abstract class TwoFactorTests<TFactory>(TFactory app) where TFactory : MspasAppFactory, ITwoFactorApp
{
    private TestClock Clock => app.Clock;

    [Fact]
    public async Task SetUp_WithPasswordAndCodeFromApp_TurnsItOnAndShowsTenRecoveryCodesOnce()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = await app.SignedInSessionAsync(account);

        var qrPage = await browser.StartSetupAsync(account.Password);
        var svg = qrPage.Document.QuerySelector(".qr-code svg[role=img]");
        Assert.NotNull(svg);
        Assert.False(string.IsNullOrEmpty(svg.GetAttribute("aria-label")));
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", qrPage.Document.GetElementById("manual-key")!.TextContent);
        var setup = await browser.SetUpTwoFactorAsync(account, Clock);

        Assert.Equal(10, setup.RecoveryCodes.Distinct().Count());
        var userId = await app.UserIdAsync(account);
        var (enabled, stored, audited) = await app.WithDbAsync(async db => (
            await db.Users.Where(u => u.Id == userId).Select(u => u.TwoFactorEnabled).SingleAsync(),
            await db.UserTokens.Where(t => t.UserId == userId && t.Name == "RecoveryCodes").Select(t => t.Value).SingleAsync(),
            await db.AccountAuditEntries.Where(e => e.UserId == userId).Select(e => e.Action).ToListAsync()));
        Assert.True(enabled);
        Assert.DoesNotContain(setup.RecoveryCodes[0], stored!, StringComparison.OrdinalIgnoreCase); // kept as hashes
        Assert.Equal([AccountAuditAction.TwoFactorEnabled], audited);
        var again = await browser.GetPageAsync(TwoFactorFlows.SetupPath);
        Assert.Empty(again.Document.QuerySelectorAll(".recovery-codes"));
        Assert.Contains("Le quedan 10 códigos de recuperación.", again.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetUp_WhenPasswordWrong_IsRefusedAndShowsNoKey()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = await app.SignedInSessionAsync(account);

        var page = await browser.StartSetupAsync("no es mi contraseña");

        FormAssert.HasFieldError(page, "Input_CurrentPassword", "La contraseña no es correcta.");
        Assert.Null(page.Document.GetElementById("manual-key"));
        Assert.Null(page.Document.QuerySelector(".qr-code"));
    }

    [Fact]
    public async Task SetUp_WhenCodeWrong_ShowsErrorAndStaysOff()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = await app.SignedInSessionAsync(account);
        var qrPage = await browser.StartSetupAsync(account.Password);
        var authenticator = new Authenticator(qrPage.Document.GetElementById("manual-key")!.TextContent, Clock);

        using var response = await browser.SubmitAsync(qrPage, new Dictionary<string, string?> { ["Input.Code"] = authenticator.CodeFromStepsAgo(3) });

        var page = await response.ReadPageAsync();
        Assert.StartsWith("El código no es correcto.", page.FieldError("Input_Code"), StringComparison.Ordinal);
        Assert.NotNull(page.Document.GetElementById("manual-key")); // the same key, to try again
        var userId = await app.UserIdAsync(account);
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task SetUp_WhenConfirmedWithForgedTicket_StartsAgain()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = await app.SignedInSessionAsync(account);
        var qrPage = await browser.StartSetupAsync(account.Password);
        var authenticator = new Authenticator(qrPage.Document.GetElementById("manual-key")!.TextContent, Clock);

        using var response = await browser.SubmitAsync(qrPage, new Dictionary<string, string?>
        {
            ["Input.Code"] = authenticator.CurrentCode,
            ["Input.SetupTicket"] = "inventado",
        });

        Assert.Equal(TwoFactorFlows.SetupPath, response.RedirectPath());
        var userId = await app.UserIdAsync(account);
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task SignIn_WithCodeFromApp_AsksForItAfterThePasswordAndLandsHome()
    {
        var (account, setup, first) = await app.StaffWithTwoFactorAsync(Roles.Analista, Clock);
        first.Dispose();
        Clock.NextPeriod();
        using var browser = app.CreateSession();

        using var response = await browser.SignInWithCodeAsync(account, setup.App.CurrentCode);

        response.AssertSignedInAt("/backoffice");
        using var backOffice = await browser.GetAsync("/backoffice");
        Assert.Equal(HttpStatusCode.OK, backOffice.StatusCode);
    }

    [Fact]
    public async Task SignIn_WithSecondFactor_KeepsItWhenTheSecurityStampIsChecked()
    {
        var (_, _, browser) = await app.StaffWithTwoFactorAsync(Roles.Analista, Clock);
        using var signedIn = browser;
        Clock.Advance(TimeSpan.FromMinutes(6)); // past the validator's 5-minute interval: the principal is rebuilt

        using var first = await browser.GetAsync("/backoffice");
        using var second = await browser.GetAsync("/backoffice");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task SignIn_WithCodeAlreadyUsed_IsRefused()
    {
        var (account, setup, first) = await app.StaffWithTwoFactorAsync(Roles.Analista, Clock);
        first.Dispose();
        Clock.NextPeriod();
        var code = setup.App.CurrentCode;
        using (var once = app.CreateSession())
        {
            using var accepted = await once.SignInWithCodeAsync(account, code);
            accepted.AssertSignedInAt("/backoffice");
        }

        using var browser = app.CreateSession();
        using var response = await browser.SignInWithCodeAsync(account, code);

        var page = await response.ReadPageAsync();
        Assert.Equal("El código no es correcto o ya se usó. Espere el siguiente código de su aplicación y escríbalo.", page.FieldError("Input_Code"));
        using var backOffice = await browser.GetAsync("/backoffice");
        Assert.Equal("/cuenta/ingresar", backOffice.RedirectPath());
    }

    [Fact]
    public async Task SignIn_WithCodeAlreadyUsedAfterAWrongOne_IsRefused()
    {
        // A wrong code first makes Identity save the whole account when the right one succeeds (to
        // reset the failed count): that save must not put back the last accepted step it read before.
        var (account, setup, first) = await app.StaffWithTwoFactorAsync(Roles.Analista, Clock);
        first.Dispose();
        Clock.NextPeriod();
        var code = setup.App.CurrentCode;
        using (var once = app.CreateSession())
        {
            using var wrong = await once.SignInWithCodeAsync(account, "000000");
            using var accepted = await once.SubmitAsync(TwoFactorFlows.SecondStepPath, new Dictionary<string, string?> { ["Input.Code"] = code });
            accepted.AssertSignedInAt("/backoffice");
        }

        using var browser = app.CreateSession();
        using var response = await browser.SignInWithCodeAsync(account, code);

        var page = await response.ReadPageAsync();
        Assert.Equal("El código no es correcto o ya se usó. Espere el siguiente código de su aplicación y escríbalo.", page.FieldError("Input_Code"));
    }

    [Fact]
    public async Task SignIn_WithCodeFromTwoStepsAgo_IsRefusedButOneStepAgoIsAccepted()
    {
        var (account, setup, first) = await app.StaffWithTwoFactorAsync(Roles.Jefe, Clock);
        first.Dispose();
        Clock.NextPeriod();
        Clock.NextPeriod();
        Clock.NextPeriod();
        using var browser = app.CreateSession();

        using var tooOld = await browser.SignInWithCodeAsync(account, setup.App.CodeFromStepsAgo(2));
        var refused = await tooOld.ReadPageAsync();
        using var slightlyOld = await browser.SubmitAsync(refused, new Dictionary<string, string?> { ["Input.Code"] = setup.App.CodeFromStepsAgo(1) });

        Assert.NotNull(refused.FieldError("Input_Code"));
        slightlyOld.AssertSignedInAt("/backoffice"); // a phone's clock a little behind
    }

    [Fact]
    public async Task SignIn_WithRecoveryCode_WorksOnceIsAuditedAndEmailed()
    {
        var (account, setup, first) = await app.StaffWithTwoFactorAsync(Roles.Finanzas, Clock);
        first.Dispose();
        var code = setup.RecoveryCodes[3];
        using (var once = app.CreateSession())
        {
            using var accepted = await once.SignInWithCodeAsync(account, code.ToLowerInvariant(), TwoFactorFlows.RecoveryCodePath);
            accepted.AssertSignedInAt("/finanzas");
        }

        using var browser = app.CreateSession();
        using var again = await browser.SignInWithCodeAsync(account, code, TwoFactorFlows.RecoveryCodePath);

        var page = await again.ReadPageAsync();
        Assert.Equal("El código de recuperación no es correcto o ya se usó. Cada código sirve una sola vez.", page.FieldError("Input_Code"));
        var userId = await app.UserIdAsync(account);
        var used = await app.WithDbAsync(db => db.AccountAuditEntries.Where(e => e.UserId == userId && e.Action == AccountAuditAction.RecoveryCodeUsed).ToListAsync());
        Assert.Equal("Quedan 9 códigos de recuperación.", Assert.Single(used).Detail);
        var mail = await Mailbox.WaitForSubjectAsync(account.Email, "Se usó un código de recuperación");
        Assert.NotNull(mail);
    }

    [Fact]
    public async Task SecondStep_AfterFiveWrongCodes_SendsBackToSignIn()
    {
        var (account, _, first) = await app.StaffWithTwoFactorAsync(Roles.Analista, Clock);
        first.Dispose();
        using var browser = app.CreateSession();
        using (var password = await browser.SignInAsync(account))
        {
            Assert.Equal(TwoFactorFlows.SecondStepPath, password.RedirectPath());
        }

        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            last?.Dispose();
            last = await browser.SubmitAsync(TwoFactorFlows.SecondStepPath, new Dictionary<string, string?> { ["Input.Code"] = "000000" });
        }

        Assert.Equal("/cuenta/ingresar", last!.RedirectPath());
        last!.Dispose();
        var page = await browser.GetPageAsync(TwoFactorFlows.SecondStepPath);
        Assert.Contains("ingrese primero con su correo y contraseña", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondStep_AfterFiveWrongCodes_RefusesEvenTheRightCodeAfterThePasswordAgain_UntilTheHoldEnds()
    {
        // Typing the password again between guesses used to start the count over: the hold is the
        // account's, so the guesser who has the password gets five codes per quarter hour at most.
        var (account, setup, first) = await app.StaffWithTwoFactorAsync(Roles.Analista, Clock);
        first.Dispose();
        using var browser = app.CreateSession();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await browser.SignInWithCodeAsync(account, "000000");
        }

        Clock.NextPeriod();
        using (var held = await browser.SignInWithCodeAsync(account, setup.App.CurrentCode))
        {
            Assert.Equal("/cuenta/ingresar", held.RedirectPath());
            var signIn = await browser.FollowAsync(held);
            Assert.Contains("Escribió demasiados códigos incorrectos. Espere 15 minutos e ingrese de nuevo.", signIn.Text, StringComparison.Ordinal);
        }

        using (var stillOut = await browser.GetAsync("/backoffice"))
        {
            Assert.Equal("/cuenta/ingresar", stillOut.RedirectPath());
        }

        Clock.Advance(TimeSpan.FromMinutes(16));
        using var after = await browser.SignInWithCodeAsync(account, setup.App.CurrentCode);
        after.AssertSignedInAt("/backoffice");
    }

    [Fact]
    public async Task TurningItOn_EndsTheOtherSessions_AndKeepsThisOne()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var phone = await app.SignedInSessionAsync(account);
        using var browser = await app.SignedInSessionAsync(account);

        await browser.SetUpTwoFactorAsync(account, Clock);

        using (var here = await browser.GetAsync("/mis-solicitudes"))
        {
            Assert.Equal(HttpStatusCode.OK, here.StatusCode);
        }

        using var there = await phone.GetAsync("/mis-solicitudes");
        Assert.Equal("/cuenta/ingresar", there.RedirectPath());
    }

    [Fact]
    public async Task SecondStep_WithoutPassword_AsksToSignInFirst()
    {
        using var browser = app.CreateSession();

        var page = await browser.GetPageAsync(TwoFactorFlows.SecondStepPath);

        Assert.Contains("Para continuar, ingrese primero con su correo y contraseña.", page.Text, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("input[name='Input.Code']"));
    }

    [Theory]
    [InlineData(Roles.Analista, "/backoffice")]
    [InlineData(Roles.Finanzas, "/finanzas")]
    [InlineData(Roles.AdministradorServicio, "/admin/personal")]
    public async Task StaffWithoutTwoFactor_IsSentToSetItUpThenBack(string role, string path)
    {
        var account = await app.CreateAccountAsync(role);
        using var browser = await app.SignedInSessionAsync(account);

        using var refused = await browser.GetAsync(path);

        Assert.Equal(TwoFactorFlows.SetupPath, refused.RedirectPath());
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var setupPage = await browser.GetPageAsync(refused.Headers.Location!.PathAndQueryOf());
        Assert.Contains("Su cuenta de personal necesita la verificación en dos pasos.", setupPage.Text, StringComparison.Ordinal);
        await browser.SetUpTwoFactorAsync(account, Clock);
        using var allowed = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Citizen_WithoutTwoFactor_IsNotAskedForIt()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = await app.SignedInSessionAsync(account);

        using var home = await browser.GetAsync("/mis-solicitudes");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task TurnOff_WhenRequiredForStaff_IsNotOfferedAndRefused()
    {
        var (account, _, browser) = await app.StaffWithTwoFactorAsync(Roles.Analista, Clock);
        using var signedIn = browser;
        var page = await browser.GetPageAsync(TwoFactorFlows.SetupPath);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.AntiforgeryToken,
            ["Input.DisablePassword"] = account.Password,
        });

        using var forced = await browser.Client.PostAsync(new Uri(TwoFactorFlows.SetupPath + "?handler=Disable", UriKind.Relative), content);

        Assert.False(page.HasInput("Input.DisablePassword"));
        FormAssert.HasSummaryError(await forced.ReadPageAsync(), "El personal del servicio debe usar la verificación en dos pasos; no puede desactivarla.");
        var userId = await app.UserIdAsync(account);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task TurnOff_ForCitizen_WithPassword_TurnsItOffAndIsAudited()
    {
        var account = await app.CreateAccountAsync(Roles.Solicitante);
        using var browser = await app.SignedInSessionAsync(account);
        await browser.SetUpTwoFactorAsync(account, Clock);
        var page = await browser.GetPageAsync(TwoFactorFlows.SetupPath);

        using var response = await browser.SubmitAsync(page, new Dictionary<string, string?> { ["Input.DisablePassword"] = account.Password }, "form[action*=Disable]");

        Assert.Equal(TwoFactorFlows.SetupPath, response.RedirectPath());
        var userId = await app.UserIdAsync(account);
        var (enabled, actions) = await app.WithDbAsync(async db => (
            await db.Users.Where(u => u.Id == userId).Select(u => u.TwoFactorEnabled).SingleAsync(),
            await db.AccountAuditEntries.Where(e => e.UserId == userId).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync()));
        Assert.False(enabled);
        Assert.Equal([AccountAuditAction.TwoFactorEnabled, AccountAuditAction.TwoFactorDisabled], actions);
        browser.Dispose();
        using var again = app.CreateSession();
        (await again.SignInAsync(account)).AssertSignedInAt("/mis-solicitudes"); // the password alone again
    }

    [Fact]
    public async Task RenewCodes_WithPassword_ReplacesTheOldOnes()
    {
        var (account, setup, browser) = await app.StaffWithTwoFactorAsync(Roles.Analista, Clock);
        using var signedIn = browser;
        var page = await browser.GetPageAsync(TwoFactorFlows.SetupPath);

        using var response = await browser.SubmitAsync(page, new Dictionary<string, string?> { ["Input.CurrentPassword"] = account.Password }, "form[action*=RenewCodes]");

        var renewed = await response.ReadPageAsync();
        var codes = renewed.Document.QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Empty(codes.Intersect(setup.RecoveryCodes));
        using var other = app.CreateSession();
        using var old = await other.SignInWithCodeAsync(account, setup.RecoveryCodes[0], TwoFactorFlows.RecoveryCodePath);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode); // refused: the form again
    }
}
