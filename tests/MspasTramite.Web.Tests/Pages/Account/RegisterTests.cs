using System.Net;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Account;

[Collection(SqliteApp.Name)]
public sealed class RegisterTests_Sqlite(SqliteAppFactory app) : RegisterTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class RegisterTests_Postgres(PostgresAppFactory app) : RegisterTests<PostgresAppFactory>(app);

/// /cuenta/registro: CUI and NIT checked by their check digits (vectors from shared/DOMAIN.md),
/// errors in Spanish next to the field and in the summary, what was typed kept (except passwords).
public abstract class RegisterTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    private const string CuiChecksumError = "El CUI no es válido: revise que lo copió tal como aparece en su DPI.";
    private const string CuiDepartmentError = "Los dígitos 10 y 11 del CUI deben ser un departamento de 01 a 22. Revise su DPI.";
    private const string NitError = "El NIT no es válido: revise los dígitos y el dígito verificador (0–9 o K), por ejemplo 576937-K.";

    [Theory]
    [InlineData("1580352240101")]
    [InlineData("1587564440904")]
    [InlineData("3666527290101")]
    [InlineData("2768220480502")]
    public async Task Post_WhenCuiValid_CreatesCitizenAndAsksToCheckEmail(string cui)
    {
        using var browser = app.CreateSession();
        var registration = TestData.NewRegistration() with { Cui = cui };

        using var response = await browser.RegisterAsync(registration);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/cuenta/registro/revise-su-correo", response.RedirectPath());
        var page = await browser.FollowAsync(response);
        Assert.Equal("Revise su correo", page.Title);
        Assert.Contains(registration.Email, page.Text, StringComparison.Ordinal);
        var user = await FindUserAsync(registration.Email);
        Assert.NotNull(user);
        Assert.Equal(cui, user.Cui);
        Assert.False(user.EmailConfirmed);
        Assert.False(user.IsStaff);
        Assert.Equal([Roles.Solicitante], await RolesOfAsync(user.Id));
    }

    [Theory]
    [InlineData("1680352240101")] // check digit wrong
    [InlineData("1234567800101")] // check digit wrong
    [InlineData("1000000700101")] // remainder 10: no check digit can be right
    public async Task Post_WhenCuiChecksumWrong_ShowsErrorAndKeepsInput(string cui)
    {
        using var browser = app.CreateSession();
        var registration = TestData.NewRegistration() with { Cui = cui };

        using var response = await browser.RegisterAsync(registration);

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Cui", CuiChecksumError);
        AssertTypedValuesKept(page, registration);
        Assert.Null(await FindUserAsync(registration.Email));
    }

    [Fact]
    public async Task Post_WhenCuiDepartmentIsZero_ShowsDepartmentErrorAndKeepsInput()
    {
        using var browser = app.CreateSession();
        var registration = TestData.NewRegistration() with { Cui = "2415751810000" };

        using var response = await browser.RegisterAsync(registration);

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Cui", CuiDepartmentError);
        AssertTypedValuesKept(page, registration);
        Assert.Null(await FindUserAsync(registration.Email));
    }

    [Fact]
    public async Task Post_WhenCuiDepartmentBeyond22WithRightCheckDigit_ShowsDepartmentError()
    {
        using var browser = app.CreateSession();
        var registration = TestData.NewRegistration() with { Cui = TestData.NewCui(department: 23, municipality: 1) };

        using var response = await browser.RegisterAsync(registration);

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Cui", CuiDepartmentError);
        Assert.Null(await FindUserAsync(registration.Email));
    }

    [Fact]
    public async Task Registration_WithATakenCui_AnswersAsANewOneAndEmailsTheOwner()
    {
        var first = await app.RegisterSomeoneAsync();
        var fresh = TestData.NewRegistration();
        using var newcomer = app.CreateSession();
        using var freshResponse = await newcomer.RegisterAsync(fresh);
        using var someoneElse = app.CreateSession();
        var second = TestData.NewRegistration() with { Cui = first.Cui };

        using var response = await someoneElse.RegisterAsync(second);

        // The same redirect and the same words as a new registration (but for the address typed).
        Assert.Equal(freshResponse.RedirectPath(), response.RedirectPath());
        var freshPage = await newcomer.FollowAsync(freshResponse);
        var page = await someoneElse.FollowAsync(response);
        Assert.Equal(freshPage.Text.Replace(fresh.Email, "…", StringComparison.Ordinal), page.Text.Replace(second.Email, "…", StringComparison.Ordinal));
        Assert.Null(await FindUserAsync(second.Email));
        var toOwner = await Mailbox.WaitForSubjectAsync(first.Email, "Alguien intentó registrarse con su CUI");
        Assert.Equal(MspasAppFactory.PublicBaseUrl + "/cuenta/ingresar", Mailbox.LinkTo(toOwner, "/cuenta/ingresar").GetLeftPart(UriPartial.Path));
        Assert.Contains(MspasAppFactory.PublicBaseUrl + "/cuenta/olvide-contrasena", toOwner.TextBody, StringComparison.Ordinal);
        var toTyped = await Mailbox.WaitForSubjectAsync(second.Email, "No pudimos completar su registro");
        // Nothing in it says whose account has the CUI.
        Assert.DoesNotContain(first.Email, toTyped.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(first.FullName, toTyped.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(Mailbox.MessagesTo(second.Email), m => m.Subject == AccountFlows.ConfirmEmailSubject);
    }

    [Fact]
    public async Task Registration_WithATakenCuiAndTheOwnersEmail_EmailsTheOwnerOnce()
    {
        var first = await app.RegisterSomeoneAsync();
        using var again = app.CreateSession();

        await again.RegisterSuccessfullyAsync(TestData.NewRegistration() with { Cui = first.Cui, Email = first.Email });

        await Mailbox.WaitForSubjectAsync(first.Email, "Alguien intentó registrarse con su CUI");
        Assert.DoesNotContain(Mailbox.MessagesTo(first.Email), m => m.Subject is "Ya tiene una cuenta" or "No pudimos completar su registro");
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Cui == first.Cui)));
    }

    [Fact]
    public async Task Registration_WithATakenCuiAndAWeakPassword_ShowsThePasswordErrorAsForANewOne()
    {
        var first = await app.RegisterSomeoneAsync();
        using var someoneElse = app.CreateSession();
        var weak = TestData.NewRegistration() with { Cui = first.Cui, Password = "corta", ConfirmPassword = "corta" };

        using var response = await someoneElse.RegisterAsync(weak);

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Password", "La contraseña debe tener entre 12 y 128 caracteres.");
        Assert.Null(page.FieldError("Input_Cui")); // nothing says the CUI has an account
        Assert.Single(page.SummaryErrors);
        Assert.Null(await FindUserAsync(weak.Email));
    }

    [Theory]
    [InlineData("576937-K", "576937-K")]
    [InlineData("7108-0", "7108-0")]
    [InlineData("3952550-3", "3952550-3")]
    [InlineData("988842k", "988842-K")] // written without dash and in lower case: stored normalised
    public async Task Post_WhenNitValid_CreatesCitizenWithNormalisedNit(string nit, string stored)
    {
        using var browser = app.CreateSession();
        var registration = TestData.NewRegistration() with { Nit = nit };

        await browser.RegisterSuccessfullyAsync(registration);

        var user = await FindUserAsync(registration.Email);
        Assert.NotNull(user);
        Assert.Equal(stored, user.Nit);
    }

    [Theory]
    [InlineData("8977112-0")] // check character wrong
    [InlineData("123456")]    // check character wrong, written without dash
    public async Task Post_WhenNitInvalid_ShowsErrorAndKeepsInput(string nit)
    {
        using var browser = app.CreateSession();
        var registration = TestData.NewRegistration() with { Nit = nit };

        using var response = await browser.RegisterAsync(registration);

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Nit", NitError);
        AssertTypedValuesKept(page, registration);
        Assert.Equal(nit, page.InputValue("Input.Nit"));
        Assert.Null(await FindUserAsync(registration.Email));
    }

    [Fact]
    public async Task Post_WhenMunicipalityUnknown_WarnsAndProceedsOnlyAfterConfirmation()
    {
        using var browser = app.CreateSession();
        // Izabal (18) has 5 municipalities: 06 has a right check digit but names no known municipality.
        var registration = TestData.NewRegistration() with { Cui = TestData.NewCui(department: 18, municipality: 6) };

        using var warned = await browser.RegisterAsync(registration);

        var page = await warned.ReadPageAsync();
        Assert.NotNull(page.Document.GetElementById("municipality-warning"));
        Assert.Contains("no corresponden a un municipio conocido", page.Document.GetElementById("municipality-warning")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.SummaryErrors);
        Assert.True(page.HasInput("Input.ConfirmUnknownMunicipality"));
        AssertTypedValuesKept(page, registration);
        Assert.Null(await FindUserAsync(registration.Email));

        // The passwords are not echoed back, so the person types them again, and ticks the box.
        var confirmed = registration.ToForm();
        confirmed["Input.ConfirmUnknownMunicipality"] = "true";
        using var response = await browser.SubmitAsync(page, confirmed);

        Assert.Equal("/cuenta/registro/revise-su-correo", response.RedirectPath());
        var user = await FindUserAsync(registration.Email);
        Assert.NotNull(user);
        Assert.Equal(registration.Cui, user.Cui);
    }

    [Fact]
    public async Task Post_WhenMunicipalityUnknownAndBoxNotTicked_WarnsAgain()
    {
        using var browser = app.CreateSession();
        var registration = TestData.NewRegistration() with { Cui = TestData.NewCui(department: 18, municipality: 6) };
        using var warned = await browser.RegisterAsync(registration);
        var page = await warned.ReadPageAsync();

        using var response = await browser.SubmitAsync(page, registration.ToForm());

        var again = await response.ReadPageAsync();
        Assert.NotNull(again.Document.GetElementById("municipality-warning"));
        Assert.Null(await FindUserAsync(registration.Email));
    }

    [Fact]
    public async Task Registration_WithATakenEmail_AnswersAsANewOneAndEmailsTheOwner()
    {
        var first = await app.RegisterSomeoneAsync();
        using var someoneElse = app.CreateSession();
        var second = TestData.NewRegistration() with { Email = first.Email };

        using var response = await someoneElse.RegisterAsync(second);

        // The same answer as a new registration: nobody learns that the address has an account.
        Assert.Equal("/cuenta/registro/revise-su-correo", response.RedirectPath());
        var page = await someoneElse.FollowAsync(response);
        Assert.Equal("Revise su correo", page.Title);
        var email = await Mailbox.WaitForSubjectAsync(first.Email, "Ya tiene una cuenta");
        Assert.Equal("/cuenta/ingresar", Mailbox.LinkTo(email, "/cuenta/ingresar").AbsolutePath);
        Assert.Contains("/cuenta/olvide-contrasena", email.TextBody, StringComparison.Ordinal);
        var user = await FindUserAsync(first.Email);
        Assert.NotNull(user);
        Assert.Equal(first.FullName, user.FullName); // the existing account is untouched
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == first.Email)));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(129)]
    public async Task Post_WhenPasswordLengthOutsideLimits_ShowsErrorAndCreatesNothing(int length)
    {
        using var browser = app.CreateSession();
        var password = new string('x', length);
        var registration = TestData.NewRegistration() with { Password = password, ConfirmPassword = password };

        using var response = await browser.RegisterAsync(registration);

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Password", "La contraseña debe tener entre 12 y 128 caracteres.");
        Assert.Null(page.InputValue("Input.Password"));
        Assert.Null(page.InputValue("Input.ConfirmPassword"));
        AssertTypedValuesKept(page, registration);
        Assert.Null(await FindUserAsync(registration.Email));
    }

    [Theory]
    [InlineData(12)]
    [InlineData(128)]
    public async Task Post_WhenPasswordLengthWithinLimits_CreatesCitizen(int length)
    {
        using var browser = app.CreateSession();
        var password = new string('x', length);
        var registration = TestData.NewRegistration() with { Password = password, ConfirmPassword = password };

        await browser.RegisterSuccessfullyAsync(registration);

        Assert.NotNull(await FindUserAsync(registration.Email));
    }

    [Fact]
    public async Task Post_WhenRequiredFieldsEmpty_ShowsSpanishErrorForEach()
    {
        using var browser = app.CreateSession();
        var empty = new Registration("", "", "", null, "", "");

        using var response = await browser.RegisterAsync(empty);

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_FullName", "Escriba su nombre completo.");
        FormAssert.HasFieldError(page, "Input_Email", "Escriba su correo electrónico.");
        FormAssert.HasFieldError(page, "Input_Cui", "Escriba su CUI, el número de 13 dígitos de su DPI.");
        FormAssert.HasFieldError(page, "Input_Password", "Escriba una contraseña.");
    }

    private static void AssertTypedValuesKept(HtmlPage page, Registration typed)
    {
        Assert.Equal(typed.FullName, page.InputValue("Input.FullName"));
        Assert.Equal(typed.Email, page.InputValue("Input.Email"));
        Assert.Equal(typed.Cui, page.InputValue("Input.Cui"));
        // Passwords are never written back into a page.
        Assert.Null(page.InputValue("Input.Password"));
        Assert.Null(page.InputValue("Input.ConfirmPassword"));
    }

    private Task<ApplicationUser?> FindUserAsync(string email) =>
        app.WithDbAsync(db => db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email));

    private Task<List<string?>> RolesOfAsync(string userId) =>
        app.WithDbAsync(db => (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name).ToListAsync());
}
