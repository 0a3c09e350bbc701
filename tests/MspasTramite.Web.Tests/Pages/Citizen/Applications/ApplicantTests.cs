using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Citizen.Applications;

[Collection(SqliteApp.Name)]
public sealed class ApplicantTests_Sqlite(SqliteAppFactory app) : ApplicantTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class ApplicantTests_Postgres(PostgresAppFactory app) : ApplicantTests<PostgresAppFactory>(app);

/// /mis-solicitudes/{id}/solicitante: as a person or for a company (name, NIT with its check digit,
/// legal representative). Name and CUI come from the account and are not asked again.
public abstract class ApplicantTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    private const string KindError = "Elija cómo presenta la solicitud.";
    private const string NitError = "El NIT no es válido: revise los dígitos y el dígito verificador (0–9 o K), por ejemplo 576937-K.";

    [Fact]
    public async Task Get_ShowsAccountDataAndProposesRepresentative()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { FilledThrough = null });
        using var browser = await app.SignedInSessionAsync(citizen);

        var page = await browser.GetPageAsync(application.Url + "/solicitante");

        Assert.Equal("Solicitante", page.Title);
        Assert.Contains("Paso 1 de 5", page.Text, StringComparison.Ordinal);
        Assert.Contains(citizen.FullName, page.Document.QuerySelector("dl.summary-list")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.CheckedValue("Input.Kind"));
        Assert.Equal(citizen.FullName, page.InputValue("Input.LegalRepresentative"));
    }

    [Fact]
    public async Task Post_WhenPerson_SavesAndOpensEstablishmentStep()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;

        using var response = await browser.SubmitAsync(application.Url + "/solicitante", new Dictionary<string, string?> { ["Input.Kind"] = "Person" });

        Assert.Equal(application.Url + "/establecimiento", response.RedirectPath());
        var saved = await app.FindApplicationAsync(application.Id);
        Assert.Equal(ApplicantKind.Person, saved.ApplicantKind);
        Assert.Null(saved.CompanyName);
        Assert.Null(saved.CompanyNit);
        Assert.Null(saved.LegalRepresentative);
        var again = await browser.GetPageAsync(application.Url + "/solicitante");
        Assert.Equal("Person", again.CheckedValue("Input.Kind"));
    }

    [Theory]
    [InlineData("576937-K", "576937-K")]
    [InlineData("988842k", "988842-K")]
    [InlineData(" 3952550 3 ", "3952550-3")]
    public async Task Post_WhenCompanyWithValidNit_SavesNormalisedNit(string nit, string stored)
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;

        using var response = await browser.SubmitAsync(application.Url + "/solicitante", Company("  Alimentos Unidos, S.A.  ", nit, "María Representante"));

        Assert.Equal(application.Url + "/establecimiento", response.RedirectPath());
        var saved = await app.FindApplicationAsync(application.Id);
        Assert.Equal(ApplicantKind.Company, saved.ApplicantKind);
        Assert.Equal("Alimentos Unidos, S.A.", saved.CompanyName);
        Assert.Equal(stored, saved.CompanyNit);
        Assert.Equal("María Representante", saved.LegalRepresentative);
    }

    [Fact]
    public async Task Post_WhenKindMissing_ShowsErrorAndKeepsInput()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;
        var form = Company("Alimentos Unidos, S.A.", "576937-K", "María Representante");
        form["Input.Kind"] = null;

        using var response = await browser.SubmitAsync(application.Url + "/solicitante", form);

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Kind", KindError);
        Assert.Equal("Alimentos Unidos, S.A.", page.InputValue("Input.CompanyName"));
        Assert.Equal("576937-K", page.InputValue("Input.CompanyNit"));
        Assert.Equal("María Representante", page.InputValue("Input.LegalRepresentative"));
        Assert.Null((await app.FindApplicationAsync(application.Id)).ApplicantKind);
    }

    [Theory]
    [InlineData("Martian")]
    [InlineData("7")]
    [InlineData("")]
    public async Task Post_WhenKindNotOneOfTheChoices_ShowsError(string kind)
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;

        using var response = await browser.SubmitAsync(application.Url + "/solicitante", new Dictionary<string, string?> { ["Input.Kind"] = kind });

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Kind", KindError);
        Assert.Null((await app.FindApplicationAsync(application.Id)).ApplicantKind);
    }

    [Fact]
    public async Task Post_WhenCompanyFieldsEmpty_ShowsSpanishErrorForEach()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;

        using var response = await browser.SubmitAsync(application.Url + "/solicitante", Company("", "  ", ""));

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_CompanyName", "Escriba el nombre de la empresa.");
        FormAssert.HasFieldError(page, "Input_CompanyNit", "Escriba el NIT de la empresa.");
        FormAssert.HasFieldError(page, "Input_LegalRepresentative", "Escriba el nombre del representante legal.");
        Assert.Equal("Company", page.CheckedValue("Input.Kind"));
    }

    [Theory]
    [InlineData("8977112-0")] // check digit wrong
    [InlineData("576937-X")]  // check character neither a digit nor K
    [InlineData("NIT-576937")]
    [InlineData("12345678901234567890K")] // longer than any NIT
    public async Task Post_WhenNitInvalid_ShowsErrorAndKeepsInput(string nit)
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;

        using var response = await browser.SubmitAsync(application.Url + "/solicitante", Company("Alimentos Unidos, S.A.", nit, "María Representante"));

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_CompanyNit", NitError);
        Assert.Equal(nit, page.InputValue("Input.CompanyNit"));
        Assert.Equal("Alimentos Unidos, S.A.", page.InputValue("Input.CompanyName"));
        Assert.Equal("María Representante", page.InputValue("Input.LegalRepresentative"));
        Assert.Equal("Company", page.CheckedValue("Input.Kind"));
        Assert.Null((await app.FindApplicationAsync(application.Id)).CompanyNit);
    }

    [Theory]
    [InlineData("Input.CompanyName", "Input_CompanyName")]
    [InlineData("Input.LegalRepresentative", "Input_LegalRepresentative")]
    public async Task Post_WhenNameLongerThan200_ShowsErrorAndKeepsInput(string field, string fieldId)
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;
        var form = Company("Alimentos Unidos, S.A.", "576937-K", "María Representante");
        var tooLong = new string('a', 201);
        form[field] = tooLong;

        using var response = await browser.SubmitAsync(application.Url + "/solicitante", form);

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, fieldId, "El nombre puede tener como máximo 200 caracteres.");
        Assert.Equal(tooLong, page.InputValue(field));
        Assert.Equal("576937-K", page.InputValue("Input.CompanyNit"));
        Assert.Null((await app.FindApplicationAsync(application.Id)).ApplicantKind);
    }

    [Fact]
    public async Task Post_WhenInvalid_KeepsEarlierSavedDataUnchanged()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Kind = ApplicantKind.Company, FilledThrough = ApplicationStep.Professional });
        var before = await app.FindApplicationAsync(application.Id);
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await browser.SubmitAsync(application.Url + "/solicitante", Company("Otra Empresa", "8977112-0", "Otro Representante"));

        FormAssert.HasFieldError(await response.ReadPageAsync(), "Input_CompanyNit", NitError);
        var after = await app.FindApplicationAsync(application.Id);
        Assert.Equal(before.ConcurrencyStamp, after.ConcurrencyStamp);
        Assert.Equal((TestData.CompanyName, TestData.CompanyNit, TestData.LegalRepresentative), (after.CompanyName, after.CompanyNit, after.LegalRepresentative));
        Assert.Equal((TestData.EstablishmentName, TestData.ProfessionalColegiado), (after.EstablishmentName, after.ProfessionalColegiado));
    }

    [Fact]
    public async Task Post_WhenCompanyBecomesPerson_ClearsCompanyData()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Kind = ApplicantKind.Company, FilledThrough = ApplicationStep.Applicant });
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await browser.SubmitAsync(application.Url + "/solicitante", new Dictionary<string, string?> { ["Input.Kind"] = "Person" });

        Assert.Equal(application.Url + "/establecimiento", response.RedirectPath());
        var saved = await app.FindApplicationAsync(application.Id);
        Assert.Equal(ApplicantKind.Person, saved.ApplicantKind);
        Assert.Equal((null, null, null), (saved.CompanyName, saved.CompanyNit, saved.LegalRepresentative));
    }

    [Fact]
    public async Task Post_WhenSaveAndExit_GoesToDetailsAndDraftIsListed()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;

        using var response = await browser.SubmitAsync(application.Url + "/solicitante", new Dictionary<string, string?> { ["Input.Kind"] = "Person", ["accion"] = "salir" });

        Assert.Equal(application.Url, response.RedirectPath());
        var details = await browser.FollowAsync(response);
        Assert.Equal("Guardamos su avance. Puede continuar cuando quiera desde «Mis solicitudes».", details.Notice);
        Assert.Equal("Borrador de solicitud", details.Title);
        Assert.Equal(ApplicantKind.Person, (await app.FindApplicationAsync(application.Id)).ApplicantKind);
        var list = await browser.GetPageAsync("/mis-solicitudes");
        Assert.NotNull(list.Document.QuerySelector($"table a[href='{application.Url}']"));
    }

    [Fact]
    public async Task Post_WithFieldsThePageDoesNotOwn_ChangesOnlyTheApplicant()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;
        var someoneElse = await app.UserIdAsync(await app.CreateAccountAsync(Roles.Solicitante));

        using var response = await browser.SubmitAsync(application.Url + "/solicitante", new Dictionary<string, string?>
        {
            ["Input.Kind"] = "Person",
            ["Application.Status"] = ApplicationStatus.Received,
            ["Application.FileNumber"] = "DRCA-2020-999999",
            ["Application.FeeAmount"] = "0",
            ["Application.ApplicantId"] = someoneElse,
            ["Status"] = "Approved",
            ["FeeAmount"] = "0",
            ["FileNumber"] = "X",
            ["ApplicantId"] = someoneElse,
        });

        Assert.Equal(application.Url + "/establecimiento", response.RedirectPath());
        var saved = await app.FindApplicationAsync(application.Id);
        Assert.Equal(ApplicantKind.Person, saved.ApplicantKind);
        Assert.Equal(ApplicationStatus.Draft, saved.Status);
        Assert.Null(saved.FileNumber);
        Assert.Null(saved.FeeAmount);
        Assert.Equal(await app.UserIdAsync(application.Owner), saved.ApplicantId);
    }

    private async Task<(WebSession Browser, TestApplication Application)> DraftAsync()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { FilledThrough = null });
        return (await app.SignedInSessionAsync(citizen), application);
    }

    private static Dictionary<string, string?> Company(string name, string nit, string representative) => new()
    {
        ["Input.Kind"] = "Company",
        ["Input.CompanyName"] = name,
        ["Input.CompanyNit"] = nit,
        ["Input.LegalRepresentative"] = representative,
    };
}
