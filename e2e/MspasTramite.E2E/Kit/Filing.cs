using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MspasTramite.E2E.Kit;

/// A submitted application, as its citizen sees it at /mis-solicitudes/{id}.
public sealed record FiledApplication(string FileNumber, string DetailsUrl);

/// The application forms, and the shortest way through them for journeys that need a submitted
/// application to start from (paying for it, say). The filing journey itself walks the forms in detail.
public static class Filing
{
    public const string FoodFactory = "Licencia sanitaria de fábrica de alimentos";

    /// What a company files for a food factory: the DPI is checked against the CUI of the account,
    /// so it is not among them.
    public static IReadOnlyList<(string Requirement, string FileName)> FoodFactoryUploads { get; } =
    [
        ("Formulario DRCA-004", "formulario-drca-004.pdf"),
        ("Resolución ambiental del MARN", "resolucion-marn.pdf"),
        ("Croquis de ubicación y plano de distribución de la fábrica", "croquis.pdf"),
        ("Listado de productos a fabricar", "listado-productos.pdf"),
        ("Escritura de constitución de la sociedad y nombramiento del representante legal", "escritura.pdf"),
    ];

    /// A signed-in citizen files the food-factory licence (Q500.00) for a company, straight through,
    /// checking each page on the way: the page ends on the application's details, "Pendiente de pago".
    public static async Task<FiledApplication> FileFoodFactoryLicenceAsync(IPage page, Citizen citizen, TestFiles files)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(citizen);
        ArgumentNullException.ThrowIfNull(files);

        await SignIn.Menu(page).GetByRole(AriaRole.Link, new() { Name = "Trámites", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Catálogo de trámites");
        await page.GetByRole(AriaRole.Link, new() { Name = FoodFactory, Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, FoodFactory);
        await page.GetByRole(AriaRole.Link, new() { Name = "Iniciar solicitud", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Iniciar solicitud");
        await page.GetByRole(AriaRole.Button, new() { Name = "Comenzar", Exact = true }).ClickAsync();

        await PageCheck.ExpectPageAsync(page, "Solicitante");
        await page.GetByRole(AriaRole.Radio, new() { Name = "En nombre de una empresa" }).CheckAsync();
        await page.GetByLabel("Nombre o razón social de la empresa").FillAsync("Alimentos La Ceiba, S.A.");
        await page.GetByLabel("NIT de la empresa").FillAsync("576937-K");
        await page.GetByLabel("Representante legal").FillAsync(citizen.Name);
        await ContinueAsync(page);

        await PageCheck.ExpectPageAsync(page, "Establecimiento");
        await page.GetByLabel("Nombre del establecimiento").FillAsync("Planta La Ceiba");
        await page.GetByLabel("Dirección", new() { Exact = true }).FillAsync("Calzada Roosevelt 22-43, zona 7");
        await page.GetByLabel("Departamento", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Guatemala" });
        await page.GetByLabel("Municipio", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Mixco" });
        await ContinueAsync(page);

        await PageCheck.ExpectPageAsync(page, "Profesional responsable");
        await page.GetByLabel("Nombre completo del profesional").FillAsync("Ing. Carlos Enrique Batz");
        await page.GetByLabel("Número de colegiado").FillAsync("12345");
        await ContinueAsync(page);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Documentos", Level = 1 })).ToBeVisibleAsync();
        foreach (var (requirement, fileName) in FoodFactoryUploads)
        {
            await page.GetByLabel($"Archivo para: {requirement}", new() { Exact = true })
                .SetInputFilesAsync(files.Pdf(fileName, "Prueba de extremo a extremo: " + Path.GetFileNameWithoutExtension(fileName)));
            await UploadButton(page, requirement).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Documento agregado: {requirement}.");
        }

        await PageCheck.CheckAsync(page, "every document uploaded");
        await page.GetByRole(AriaRole.Link, new() { Name = "Continuar", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Revise su solicitud antes de enviarla");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar solicitud", Exact = true }).ClickAsync();

        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Expect(heading).ToHaveTextAsync(new Regex(@"^Expediente DRCA-\d{4}-\d{6}$"));
        await Expect(SummaryValue(page, "Estado")).ToHaveTextAsync("Pendiente de pago");
        await PageCheck.CheckAsync(page);
        var fileNumber = (await heading.TextContentAsync())!["Expediente ".Length..];
        return new FiledApplication(fileNumber, new Uri(page.Url).AbsolutePath);
    }

    public static Task ContinueAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.GetByRole(AriaRole.Button, new() { Name = "Guardar y continuar", Exact = true }).ClickAsync();
    }

    public static ILocator UploadButton(IPage page, string requirement)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.GetByRole(AriaRole.Button, new() { Name = $"Subir archivo para {requirement}", Exact = true });
    }

    /// The value beside a term of a summary list (<dl class="summary-list">).
    public static ILocator SummaryValue(IPage page, string term)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Locator("dl.summary-list > div")
            .Filter(new() { Has = page.Locator("dt", new() { HasTextRegex = new Regex($"^{Regex.Escape(term)}$") }) })
            .Locator("dd");
    }
}
