using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Citizen.Applications;

[Collection(SqliteApp.Name)]
public sealed class EstablishmentTests_Sqlite(SqliteAppFactory app) : EstablishmentTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class EstablishmentTests_Postgres(PostgresAppFactory app) : EstablishmentTests<PostgresAppFactory>(app);

/// /mis-solicitudes/{id}/establecimiento: name, address, department and one of its municipalities
/// (the INE codes), and an optional 8-digit phone.
public abstract class EstablishmentTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    private const string PhoneError = "Escriba un teléfono de 8 dígitos, por ejemplo 2222 3333.";

    [Theory]
    [InlineData(ProcedureSlugs.FoodFactory, "profesional")]
    [InlineData(ProcedureSlugs.ProcessedFood, "arancel")]
    public async Task Post_WhenValid_SavesAndOpensNextStep(string procedure, string next)
    {
        var (browser, application) = await DraftAsync(procedure);
        using var _ = browser;
        var form = Valid();
        form["Input.Name"] = "  Planta San Cristóbal ";

        using var response = await browser.SubmitAsync(application.Url + "/establecimiento", form);

        Assert.Equal($"{application.Url}/{next}", response.RedirectPath());
        var saved = await app.FindApplicationAsync(application.Id);
        Assert.Equal("Planta San Cristóbal", saved.EstablishmentName);
        Assert.Equal("Km 17.5 carretera a El Salvador", saved.EstablishmentAddress);
        Assert.Equal((3, 1), (saved.DepartmentCode, saved.MunicipalityCode));
        Assert.Equal("22223333", saved.EstablishmentPhone);
        Assert.Equal(ApplicantKind.Person, saved.ApplicantKind); // the earlier step is untouched
    }

    [Fact]
    public async Task Get_ShowsSavedValuesWithDepartmentAndMunicipalityChosen()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { FilledThrough = ApplicationStep.Establishment });
        using var browser = await app.SignedInSessionAsync(citizen);

        var page = await browser.GetPageAsync(application.Url + "/establecimiento");

        Assert.Equal("Establecimiento", page.Title);
        Assert.Equal(TestData.EstablishmentName, page.InputValue("Input.Name"));
        Assert.Equal(TestData.EstablishmentAddress, page.InputValue("Input.Address"));
        Assert.Equal("1", page.SelectedValue("Input.Department"));
        Assert.Equal("1-8", page.SelectedValue("Input.Municipality"));
        Assert.Equal(TestData.EstablishmentPhone, page.InputValue("Input.Phone"));
    }

    [Fact]
    public async Task Post_WhenRequiredFieldsEmpty_ShowsSpanishErrorForEach()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;

        using var response = await browser.SubmitAsync(application.Url + "/establecimiento", new Dictionary<string, string?>
        {
            ["Input.Name"] = "",
            ["Input.Address"] = "   ",
            ["Input.Department"] = "",
            ["Input.Municipality"] = "",
            ["Input.Phone"] = "",
        });

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Name", "Escriba el nombre del establecimiento.");
        FormAssert.HasFieldError(page, "Input_Address", "Escriba la dirección del establecimiento.");
        FormAssert.HasFieldError(page, "Input_Department", "Elija el departamento.");
        FormAssert.HasFieldError(page, "Input_Municipality", "Elija el municipio.");
        Assert.Null(page.FieldError("Input_Phone"));
        Assert.Null((await app.FindApplicationAsync(application.Id)).EstablishmentName);
    }

    [Fact]
    public async Task Post_WhenMunicipalityOfAnotherDepartment_ShowsErrorAndKeepsInput()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;
        var form = Valid();
        form["Input.Department"] = "1";    // Guatemala
        form["Input.Municipality"] = "3-1"; // Antigua Guatemala, in Sacatepéquez

        using var response = await browser.SubmitAsync(application.Url + "/establecimiento", form);

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Municipality",
            "El municipio Antigua Guatemala no pertenece al departamento Guatemala. Elija un municipio de Guatemala.");
        Assert.Equal("Planta San Cristóbal", page.InputValue("Input.Name"));
        Assert.Equal("Km 17.5 carretera a El Salvador", page.InputValue("Input.Address"));
        Assert.Equal("1", page.SelectedValue("Input.Department"));
        Assert.Equal("3-1", page.SelectedValue("Input.Municipality"));
        Assert.Equal("2222-3333", page.InputValue("Input.Phone"));
        Assert.Null((await app.FindApplicationAsync(application.Id)).DepartmentCode);
    }

    [Theory]
    [InlineData("23", "3-1", "Input_Department", "Elija el departamento.")]
    [InlineData("0", "3-1", "Input_Department", "Elija el departamento.")]
    [InlineData("-3", "3-1", "Input_Department", "Elija el departamento.")]
    [InlineData("3", "3-17", "Input_Municipality", "Elija el municipio.")] // Sacatepéquez has 16
    [InlineData("3", "Antigua", "Input_Municipality", "Elija el municipio.")]
    [InlineData("3", "3-1-1", "Input_Municipality", "Elija el municipio.")]
    public async Task Post_WhenDepartmentOrMunicipalityNotInList_ShowsErrorAndKeepsInput(string department, string municipality, string fieldId, string message)
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;
        var form = Valid();
        form["Input.Department"] = department;
        form["Input.Municipality"] = municipality;

        using var response = await browser.SubmitAsync(application.Url + "/establecimiento", form);

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, fieldId, message);
        Assert.Equal("Planta San Cristóbal", page.InputValue("Input.Name"));
        Assert.Null((await app.FindApplicationAsync(application.Id)).EstablishmentName);
    }

    [Theory]
    [InlineData("Input.Name", "Input_Name", 201, "El nombre puede tener como máximo 200 caracteres.")]
    [InlineData("Input.Address", "Input_Address", 301, "La dirección puede tener como máximo 300 caracteres.")]
    public async Task Post_WhenTextTooLong_ShowsErrorAndKeepsInput(string field, string fieldId, int length, string message)
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;
        var form = Valid();
        var tooLong = string.Concat(Enumerable.Repeat("Zona 1 ", length))[..length];
        form[field] = tooLong;

        using var response = await browser.SubmitAsync(application.Url + "/establecimiento", form);

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, fieldId, message);
        Assert.Equal(tooLong, page.InputValue(field));
        Assert.Equal("3", page.SelectedValue("Input.Department"));
        Assert.Equal("3-1", page.SelectedValue("Input.Municipality"));
        Assert.Null((await app.FindApplicationAsync(application.Id)).EstablishmentName);
    }

    [Theory]
    [InlineData("2222")]
    [InlineData("2222 3333 ext. 45")]
    [InlineData("teléfono")]
    [InlineData("2222-3333-2222-3333-22")] // longer than the field allows
    public async Task Post_WhenPhoneNotEightDigits_ShowsErrorAndKeepsInput(string phone)
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;
        var form = Valid();
        form["Input.Phone"] = phone;

        using var response = await browser.SubmitAsync(application.Url + "/establecimiento", form);

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Phone", PhoneError);
        Assert.Equal(phone, page.InputValue("Input.Phone"));
        Assert.Equal("Planta San Cristóbal", page.InputValue("Input.Name"));
    }

    [Fact]
    public async Task Post_WhenPhoneEmpty_SavesWithoutPhone()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;
        var form = Valid();
        form["Input.Phone"] = "";

        using var response = await browser.SubmitAsync(application.Url + "/establecimiento", form);

        Assert.Equal(application.Url + "/profesional", response.RedirectPath());
        Assert.Null((await app.FindApplicationAsync(application.Id)).EstablishmentPhone);
    }

    [Fact]
    public async Task Post_WhenInvalid_KeepsEarlierSavedDataUnchanged()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { FilledThrough = ApplicationStep.Establishment });
        var before = await app.FindApplicationAsync(application.Id);
        using var browser = await app.SignedInSessionAsync(citizen);
        var form = Valid();
        form["Input.Municipality"] = "1-8"; // Mixco is in Guatemala, not in Sacatepéquez

        using var response = await browser.SubmitAsync(application.Url + "/establecimiento", form);

        var page = await response.ReadPageAsync();
        Assert.Contains("no pertenece al departamento Sacatepéquez", page.FieldError("Input_Municipality"), StringComparison.Ordinal);
        var after = await app.FindApplicationAsync(application.Id);
        Assert.Equal(before.ConcurrencyStamp, after.ConcurrencyStamp);
        Assert.Equal((TestData.EstablishmentName, TestData.EstablishmentAddress, TestData.DepartmentCode, TestData.MunicipalityCode, TestData.EstablishmentPhone),
            (after.EstablishmentName, after.EstablishmentAddress, after.DepartmentCode, after.MunicipalityCode, after.EstablishmentPhone));
        Assert.Equal(ApplicantKind.Person, after.ApplicantKind);
    }

    [Fact]
    public async Task Post_WhenSaveAndExit_GoesToDetailsWithNotice()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;
        var form = Valid();
        form["accion"] = "salir";

        using var response = await browser.SubmitAsync(application.Url + "/establecimiento", form);

        Assert.Equal(application.Url, response.RedirectPath());
        var details = await browser.FollowAsync(response);
        Assert.Equal("Guardamos su avance. Puede continuar cuando quiera desde «Mis solicitudes».", details.Notice);
        Assert.Contains("Planta San Cristóbal", details.Text, StringComparison.Ordinal);
        Assert.Contains("Antigua Guatemala, Sacatepéquez", details.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithFieldsThePageDoesNotOwn_ChangesOnlyTheEstablishment()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;
        var form = Valid();
        form["Application.Status"] = "Approved";
        form["Application.FeeAmount"] = "0";
        form["Application.FileNumber"] = "X";
        form["Application.ApplicantKind"] = "Company";
        form["Application.ProfessionalName"] = "Colado";
        form["Input.ProfessionalName"] = "Colado";

        using var response = await browser.SubmitAsync(application.Url + "/establecimiento", form);

        Assert.Equal(application.Url + "/profesional", response.RedirectPath());
        var saved = await app.FindApplicationAsync(application.Id);
        Assert.Equal("Planta San Cristóbal", saved.EstablishmentName);
        Assert.Equal(ApplicationStatus.Draft, saved.Status);
        Assert.Null(saved.FeeAmount);
        Assert.Null(saved.FileNumber);
        Assert.Equal(ApplicantKind.Person, saved.ApplicantKind);
        Assert.Null(saved.ProfessionalName);
    }

    private async Task<(WebSession Browser, TestApplication Application)> DraftAsync(string procedure = ProcedureSlugs.FoodFactory)
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = procedure, FilledThrough = ApplicationStep.Applicant });
        return (await app.SignedInSessionAsync(citizen), application);
    }

    private static Dictionary<string, string?> Valid() => new()
    {
        ["Input.Name"] = "Planta San Cristóbal",
        ["Input.Address"] = "Km 17.5 carretera a El Salvador",
        ["Input.Department"] = "3",
        ["Input.Municipality"] = "3-1",
        ["Input.Phone"] = "2222-3333",
    };
}
