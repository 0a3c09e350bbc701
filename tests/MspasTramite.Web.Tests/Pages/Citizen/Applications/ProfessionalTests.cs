using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Citizen.Applications;

[Collection(SqliteApp.Name)]
public sealed class ProfessionalTests_Sqlite(SqliteAppFactory app) : ProfessionalTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class ProfessionalTests_Postgres(PostgresAppFactory app) : ProfessionalTests<PostgresAppFactory>(app);

/// /mis-solicitudes/{id}/profesional: the professional in charge and their colegiado number (digits
/// only), for the procedures that name one.
public abstract class ProfessionalTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    private const string ColegiadoError = "El número de colegiado tiene solo dígitos (hasta 8).";

    [Fact]
    public async Task Post_WhenValid_SavesAndOpensDocumentsStep()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;
        var page = await browser.GetPageAsync(application.Url + "/profesional");
        Assert.Contains("Responsable técnico de la fábrica", page.Text, StringComparison.Ordinal);

        using var response = await browser.SubmitAsync(page, Form("  Jorge Químico Barrios ", "00012345"));

        Assert.Equal(application.Url + "/documentos", response.RedirectPath());
        var saved = await app.FindApplicationAsync(application.Id);
        Assert.Equal(("Jorge Químico Barrios", "00012345"), (saved.ProfessionalName, saved.ProfessionalColegiado));
        Assert.Equal(TestData.EstablishmentName, saved.EstablishmentName);
    }

    [Fact]
    public async Task Post_WhenFieldsEmpty_ShowsSpanishErrorForEach()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;

        using var response = await browser.SubmitAsync(application.Url + "/profesional", Form("", " "));

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Name", "Escriba el nombre del profesional.");
        FormAssert.HasFieldError(page, "Input_Colegiado", "Escriba el número de colegiado.");
        Assert.Null((await app.FindApplicationAsync(application.Id)).ProfessionalName);
    }

    [Theory]
    [InlineData("12A45")]
    [InlineData("col. 12345")]
    [InlineData("12 345")]
    [InlineData("-1234")]
    [InlineData("123456789")] // nine digits
    [InlineData("١٢٣")]       // digits, but not the ones a colegio prints
    public async Task Post_WhenColegiadoNotUpToEightDigits_ShowsErrorAndKeepsInput(string colegiado)
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;

        using var response = await browser.SubmitAsync(application.Url + "/profesional", Form("Jorge Químico Barrios", colegiado));

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Colegiado", ColegiadoError);
        Assert.Equal(colegiado, page.InputValue("Input.Colegiado"));
        Assert.Equal("Jorge Químico Barrios", page.InputValue("Input.Name"));
        Assert.Null((await app.FindApplicationAsync(application.Id)).ProfessionalColegiado);
    }

    [Fact]
    public async Task Post_WhenNameLongerThan200_ShowsErrorAndKeepsInput()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;
        var tooLong = new string('ñ', 201);

        using var response = await browser.SubmitAsync(application.Url + "/profesional", Form(tooLong, "12345"));

        var page = await response.ReadPageAsync();
        FormAssert.HasFieldError(page, "Input_Name", "El nombre puede tener como máximo 200 caracteres.");
        Assert.Equal(tooLong, page.InputValue("Input.Name"));
        Assert.Equal("12345", page.InputValue("Input.Colegiado"));
    }

    [Fact]
    public async Task Post_WhenInvalid_KeepsSavedProfessionalAndEarlierStepsUnchanged()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { FilledThrough = ApplicationStep.Professional });
        var before = await app.FindApplicationAsync(application.Id);
        using var browser = await app.SignedInSessionAsync(citizen);

        using var response = await browser.SubmitAsync(application.Url + "/profesional", Form("Otra Profesional", "ABC"));

        FormAssert.HasFieldError(await response.ReadPageAsync(), "Input_Colegiado", ColegiadoError);
        var after = await app.FindApplicationAsync(application.Id);
        Assert.Equal(before.ConcurrencyStamp, after.ConcurrencyStamp);
        Assert.Equal((TestData.ProfessionalName, TestData.ProfessionalColegiado), (after.ProfessionalName, after.ProfessionalColegiado));
        Assert.Equal((TestData.EstablishmentName, TestData.MunicipalityCode), (after.EstablishmentName, after.MunicipalityCode));
    }

    [Fact]
    public async Task Post_WhenSaveAndExit_GoesToDetailsWithNotice()
    {
        var (browser, application) = await DraftAsync();
        using var _ = browser;
        var form = Form("Jorge Químico Barrios", "12345");
        form["accion"] = "salir";

        using var response = await browser.SubmitAsync(application.Url + "/profesional", form);

        Assert.Equal(application.Url, response.RedirectPath());
        var details = await browser.FollowAsync(response);
        Assert.Equal("Guardamos su avance. Puede continuar cuando quiera desde «Mis solicitudes».", details.Notice);
        Assert.Contains("Jorge Químico Barrios", details.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAndPost_WhenProcedureNamesNoProfessional_Return404()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Procedure = ProcedureSlugs.ProcessedFood, FilledThrough = ApplicationStep.Establishment });
        using var browser = await app.SignedInSessionAsync(citizen);
        var details = await browser.GetPageAsync(application.Url);

        using var get = await browser.GetAsync(application.Url + "/profesional");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = details.AntiforgeryToken,
            ["Input.Name"] = "Jorge Químico Barrios",
            ["Input.Colegiado"] = "12345",
        });
        using var post = await browser.Client.PostAsync(new Uri(application.Url + "/profesional", UriKind.Relative), content);

        await PageAssert.IsNotFoundAsync(get);
        await PageAssert.IsNotFoundAsync(post);
        Assert.Null((await app.FindApplicationAsync(application.Id)).ProfessionalName);
    }

    private async Task<(WebSession Browser, TestApplication Application)> DraftAsync()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { FilledThrough = ApplicationStep.Establishment });
        return (await app.SignedInSessionAsync(citizen), application);
    }

    private static Dictionary<string, string?> Form(string name, string colegiado) => new()
    {
        ["Input.Name"] = name,
        ["Input.Colegiado"] = colegiado,
    };
}
