using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MspasTramite.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace MspasTramite.E2E.Applications;

[Collection(RunningApp.Name)]
public sealed class FilingJourneys(AppServer app, Chromium chromium, ITestOutputHelper output) : Journey(app, chromium, output)
{
    private const string FoodFactory = Filing.FoodFactory;

    private static IReadOnlyList<(string Requirement, string FileName)> Uploads => Filing.FoodFactoryUploads;

    [Fact]
    public Task Citizen_files_food_factory_licence_resumes_later_and_downloads_proof() => RunAsync(async page =>
    {
        using var files = new TestFiles();
        var citizen = await CitizenAccount.RegisterAndConfirmAsync(page, App.Mailbox, "Ana Lucía Chávez Tzul", TestData.Cuis.ForFoodFactoryFiling);
        await CitizenAccount.SignInAsync(page, citizen);

        // The catalogue: the search ignores accents and leaves out what does not match.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" }).GetByRole(AriaRole.Link, new() { Name = "Trámites", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Catálogo de trámites");
        await page.GetByLabel("Buscar por nombre").FillAsync("fábrica");
        await page.GetByRole(AriaRole.Button, new() { Name = "Buscar", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/tramites\\?q=f%C3%A1brica"));
        await Expect(page.GetByLabel("Buscar por nombre")).ToHaveValueAsync("fábrica");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Licencia sanitaria de apertura de farmacia" })).ToHaveCountAsync(0);
        await PageCheck.CheckAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = FoodFactory, Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = FoodFactory, Level = 1 })).ToBeVisibleAsync();
        await Expect(SummaryValue(page, "Costo")).ToHaveTextAsync("Arancel Q500.00");
        await Expect(SummaryValue(page, "Plazo legal")).ToHaveTextAsync("20 días hábiles, contados desde el pago ¿Cumplimos los plazos?");
        // Beside the promise, how it is kept: the procedure's section of the public performance page.
        await Expect(SummaryValue(page, "Plazo legal").GetByRole(AriaRole.Link, new() { Name = "¿Cumplimos los plazos?", Exact = true }))
            .ToHaveAttributeAsync("href", "/desempeno#licencia-sanitaria-fabrica-alimentos");
        await PageCheck.CheckAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Iniciar solicitud", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Iniciar solicitud");
        await page.GetByRole(AriaRole.Button, new() { Name = "Comenzar", Exact = true }).ClickAsync();

        await PageCheck.ExpectPageAsync(page, "Solicitante");
        await page.GetByRole(AriaRole.Radio, new() { Name = "En nombre de una empresa" }).CheckAsync();
        await page.GetByLabel("Nombre o razón social de la empresa").FillAsync("Alimentos La Ceiba, S.A.");
        await page.GetByLabel("NIT de la empresa").FillAsync("576937-K");
        await page.GetByLabel("Representante legal").FillAsync(citizen.Name);

        // With script, site.js narrows "Municipio" to the department chosen, so a municipality of another
        // department cannot be picked. Without it (script blocked, an old phone) the whole list is there
        // and only the server stands between the form and a wrong pair: the establishment page is loaded
        // with an empty site.js to be that browser.
        await page.RouteAsync("**/js/site.js*", route => route.FulfillAsync(new() { ContentType = "text/javascript", Body = "" }));
        await ContinueAsync(page);

        await PageCheck.ExpectPageAsync(page, "Establecimiento");
        await page.GetByLabel("Nombre del establecimiento").FillAsync("Planta La Ceiba");
        await page.GetByLabel("Dirección", new() { Exact = true }).FillAsync("Calzada Roosevelt 22-43, zona 7");
        var department = page.GetByLabel("Departamento", new() { Exact = true });
        var municipality = page.GetByLabel("Municipio", new() { Exact = true });
        await department.SelectOptionAsync(new SelectOptionValue { Label = "Izabal" });
        await municipality.SelectOptionAsync("1-8");
        await page.UnrouteAsync("**/js/site.js*");
        await ContinueAsync(page);

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("El municipio Mixco no pertenece al departamento Izabal.");
        await Expect(municipality).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Nombre del establecimiento")).ToHaveValueAsync("Planta La Ceiba");
        await PageCheck.CheckAsync(page, "errors");
        // Script is back: the list shows Izabal's municipalities only, and Guatemala's once it is chosen.
        await Expect(municipality.Locator("option[value='1-8']")).ToHaveCountAsync(0);
        await department.SelectOptionAsync(new SelectOptionValue { Label = "Guatemala" });
        await municipality.SelectOptionAsync(new SelectOptionValue { Label = "Mixco" });
        await ContinueAsync(page);

        await PageCheck.ExpectPageAsync(page, "Profesional responsable");
        await page.GetByLabel("Nombre completo del profesional").FillAsync("Ing. Carlos Enrique Batz");
        await page.GetByLabel("Número de colegiado").FillAsync("12345");

        // Half way: save, leave, and come back another day.
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar y salir", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Borrador de solicitud", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Guardamos su avance.");
        await PageCheck.CheckAsync(page);
        await CitizenAccount.SignOutAsync(page);
        await CitizenAccount.SignInAsync(page, citizen);

        var drafts = page.GetByRole(AriaRole.Table, new() { Name = "Borradores" });
        await Expect(drafts).ToBeVisibleAsync();
        await PageCheck.CheckAsync(page, "a draft");
        await drafts.GetByRole(AriaRole.Row).Filter(new() { HasText = FoodFactory }).GetByRole(AriaRole.Link, new() { Name = "Continuar" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Continuar la solicitud", Exact = true }).ClickAsync();

        // Everything typed before leaving is still there.
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "En nombre de una empresa" })).ToBeCheckedAsync();
        await Expect(page.GetByLabel("NIT de la empresa")).ToHaveValueAsync("576937-K");
        await ContinueAsync(page);
        await Expect(page.GetByLabel("Departamento", new() { Exact = true })).ToHaveValueAsync("1");
        await Expect(page.GetByLabel("Municipio", new() { Exact = true })).ToHaveValueAsync("1-8");
        await ContinueAsync(page);
        await Expect(page.GetByLabel("Número de colegiado")).ToHaveValueAsync("12345");
        await ContinueAsync(page);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Documentos", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync($"Se verifica con su CUI registrado ({citizen.Cui})");
        await PageCheck.CheckAsync(page);

        // A program renamed .pdf is judged by its content, not its name.
        var (first, _) = Uploads[0];
        await page.GetByLabel($"Archivo para: {first}", new() { Exact = true }).SetInputFilesAsync(files.Executable("formulario.pdf"));
        await UploadButton(page, first).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"El archivo para «{first}» no es un PDF, JPG ni PNG.");
        await Expect(page.GetByLabel($"Archivo para: {first}", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await PageCheck.CheckAsync(page, "errors");

        foreach (var (requirement, fileName) in Uploads)
        {
            var input = page.GetByLabel($"Archivo para: {requirement}", new() { Exact = true });
            await input.SetInputFilesAsync(files.Pdf(fileName, "Prueba de extremo a extremo: " + Path.GetFileNameWithoutExtension(fileName)));
            await UploadButton(page, requirement).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Documento agregado: {requirement}.");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = fileName, Exact = true })).ToBeVisibleAsync();
        }

        await PageCheck.CheckAsync(page, "every document uploaded");

        await page.GetByRole(AriaRole.Link, new() { Name = "Continuar", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Revise su solicitud antes de enviarla", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("p.fee")).ToHaveTextAsync("Q500.00");
        await Expect(page.GetByText("Antes de enviar, complete:")).ToHaveCountAsync(0);
        var documents = page.Locator("ul.file-list > li");
        foreach (var (requirement, fileName) in Uploads)
        {
            await Expect(documents.Filter(new() { HasText = requirement })).ToHaveTextAsync($"{requirement}: {fileName}");
        }

        await Expect(documents.Filter(new() { HasText = "DPI del propietario" })).ToContainTextAsync("verificado con sus datos registrados");
        await PageCheck.CheckAsync(page);
        await ScreenshotAsync(page, "review");

        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar solicitud", Exact = true }).ClickAsync();
        // File numbers follow Guatemala's year (UTC−6, no daylight saving time).
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(-6)).Year;
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Expect(heading).ToHaveTextAsync(new Regex($@"^Expediente DRCA-{year}-\d{{6}}$"));
        var fileNumber = (await heading.TextContentAsync())!["Expediente ".Length..];
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Solicitud enviada con el expediente {fileNumber}.");
        await Expect(SummaryValue(page, "Estado")).ToHaveTextAsync("Pendiente de pago");
        await Expect(SummaryValue(page, "Arancel")).ToHaveTextAsync("Q500.00");
        await PageCheck.CheckAsync(page, "submitted");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Descargar constancia de presentación (PDF)", Exact = true }).ClickAsync());
        Assert.Equal($"constancia-{fileNumber}.pdf", download.SuggestedFilename);
        var saved = files.PathOf(download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        var proof = await File.ReadAllBytesAsync(saved);
        // The text inside is compressed and font-encoded, so only the kind and a plausible size are checked here.
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(proof, 0, Math.Min(proof.Length, 5)), StringComparison.Ordinal);
        Assert.True(proof.Length > 1024, $"The proof of filing is only {proof.Length} bytes.");
    });

    private static Task ContinueAsync(IPage page) => Filing.ContinueAsync(page);

    private static ILocator UploadButton(IPage page, string requirement) => Filing.UploadButton(page, requirement);

    private static ILocator SummaryValue(IPage page, string term) => Filing.SummaryValue(page, term);
}
