using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MspasTramite.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace MspasTramite.E2E.Publishing;

/// The product manager changes a procedure's documentation without a developer: a new requirement
/// with its legal basis and a new fee, previewed and published with a reason. The public page and its
/// changelog show it at once, a new application asks for the new document and the new fee, and an
/// application submitted before keeps its version and fee. The processed-food registration is used
/// because no other journey files it.
[Collection(RunningApp.Name)]
public sealed partial class PublishingJourneys(AppServer app, Chromium chromium, ITestOutputHelper output) : Journey(app, chromium, output)
{
    private const string ProcessedFood = "Registro sanitario de alimento procesado (nuevo o renovación)";
    private const string NewRequirement = "Certificado de libre venta del país de origen";
    private const string KicheSummary = "Are u wujil jun tzuqubal ri kb'an pa jun fábrica, chi ri tzuqubal utz che ri kuchinem.";
    private const string KicheProvider = "Academia de Lenguas Mayas de Guatemala, comunidad lingüística K'iche'";
    private const string Reason = "Se pide el certificado de libre venta, como manda el reglamento centroamericano, y se actualiza la tarifa.";

    [Fact]
    public Task Product_manager_publishes_a_new_requirement_and_fee_and_only_new_applications_follow_it() => RunAsync(async page =>
    {
        using var files = new TestFiles();

        // Before: a citizen files under the version in force, for Q250.00, and submits.
        var citizen = await CitizenAccount.RegisterAndConfirmAsync(page, App.Mailbox, "Ana Lucía Xitumul Pop", TestData.Cuis.ForPublishingJourney);
        await CitizenAccount.SignInAsync(page, citizen);
        var before = await FileAsPersonAsync(page, files, "antes");
        Assert.DoesNotContain(NewRequirement, before.Requirements);
        Assert.Equal("Q250.00", before.Fee);

        // A second application is left half-filled under the same version: it will move to the new one.
        await StartAsPersonAsync(page);
        await page.GetByRole(AriaRole.Radio, new() { Name = "Como persona individual (a mi nombre)" }).CheckAsync();
        await Filing.ContinueAsync(page);
        await PageCheck.ExpectPageAsync(page, "Establecimiento");
        await FillEstablishmentAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar y salir", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Guardamos su avance.");
        await CitizenAccount.SignOutAsync(page);

        // The product manager starts a draft of the procedure.
        await page.GotoAsync("/");
        await SignIn.FromMenuAsync(page, App.Administrator.Email, App.Administrator.Password, AdminHome());
        await page.GetByRole(AriaRole.Link, new() { Name = "Fichas de los trámites", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Fichas de los trámites");
        await page.GetByRole(AriaRole.Link, new() { Name = ProcessedFood, Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, ProcessedFood);
        await page.GetByRole(AriaRole.Button, new() { Name = "Iniciar un borrador", Exact = true }).ClickAsync();
        var draftHeading = page.GetByRole(AriaRole.Heading, new() { NameRegex = BorradorHeading(), Level = 1 });
        await Expect(draftHeading).ToBeVisibleAsync();
        await PageCheck.CheckAsync(page);
        var version = BorradorHeading().Match((await draftHeading.TextContentAsync())!).Groups[1].Value;

        // A requirement without its legal basis is refused, and what was typed stays.
        await page.GetByRole(AriaRole.Link, new() { Name = "Requisitos", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Requisitos");
        await page.GetByRole(AriaRole.Button, new() { Name = "Agregar requisito", Exact = true }).ClickAsync();
        var added = page.GetByRole(AriaRole.Group, new() { NameRegex = NewRequirementGroup() }).Last;
        await added.GetByLabel("Nombre", new() { Exact = true }).FillAsync(NewRequirement);
        await added.GetByLabel("Descripción", new() { Exact = true }).FillAsync("Emitido por la autoridad sanitaria del país donde se fabrica el alimento importado.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar cambios", Exact = true }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("base legal");
        await PageCheck.CheckAsync(page, "requirement without legal basis");
        var kept = page.GetByRole(AriaRole.Group, new() { Name = $"Requisito «{NewRequirement}»" });
        await Expect(kept.GetByLabel("Nombre", new() { Exact = true })).ToHaveValueAsync(NewRequirement);
        await kept.GetByLabel("Base legal", new() { Exact = true }).FillAsync("RTCA 67.01.31:07, art. 6");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar cambios", Exact = true }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Cambios guardados");
        await PageCheck.CheckAsync(page, "saved");

        // The fee.
        await OpenSectionAsync(page, "Tarifa");
        await page.GetByLabel("Tarifa fija en quetzales", new() { Exact = true }).FillAsync("300");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar cambios", Exact = true }).Last.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Cambios guardados");
        await PageCheck.CheckAsync(page, "saved");

        // The other sections: the general data with its readability line, the legal time and steps,
        // the simplification record, and a plain summary in K'iche' with who provided it.
        await OpenSectionAsync(page, "Datos generales");
        await Expect(page.GetByLabel("Nombre del trámite", new() { Exact = true })).ToHaveValueAsync(ProcessedFood);
        await Expect(page.Locator(".readability").First).ToContainTextAsync("Legibilidad:");
        await OpenSectionAsync(page, "Plazo, pasos y resultado");
        await Expect(page.GetByLabel("Paso n.º 1", new() { Exact = true })).Not.ToHaveValueAsync("");
        await OpenSectionAsync(page, "Cómo simplificamos");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Cambio n.º 1", Exact = true })).ToBeVisibleAsync();
        await OpenSectionAsync(page, "Resúmenes en idiomas mayas");
        await page.GetByLabel("Resumen en K'iche'", new() { Exact = true }).FillAsync(KicheSummary);
        await page.GetByLabel("Quién proporcionó el resumen en K'iche'", new() { Exact = true }).FillAsync(KicheProvider);
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar cambios", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Cambios guardados");
        await PageCheck.CheckAsync(page, "saved");
        await page.GetByRole(AriaRole.Link, new() { Name = "Todas las secciones del borrador", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, $"Borrador de la versión {version}");

        // The preview shows the public page and the document step as they will be.
        await page.GetByRole(AriaRole.Link, new() { Name = "Volver al trámite", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, ProcessedFood);
        await page.GetByRole(AriaRole.Link, new() { Name = "Vista previa", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, ProcessedFood);
        await Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync($"Vista previa del borrador {version}.");
        await Expect(Filing.SummaryValue(page, "Costo")).ToContainTextAsync("Q300.00");
        await Expect(page.GetByLabel($"Archivo para: {NewRequirement}", new() { Exact = true })).ToBeDisabledAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Iniciar solicitud", Exact = true })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "preview");

        // Publish, with what changes and the reason.
        await page.GetByRole(AriaRole.Link, new() { Name = "Revisar y publicar", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, $"Publicar el borrador {version}");
        var changes = page.Locator(".version-changes");
        await Expect(changes).ToContainTextAsync($"Nuevo requisito: {NewRequirement}.");
        await Expect(changes).ToContainTextAsync("La tarifa cambia de Q250.00 a Q300.00.");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Publicar la versión {version}", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Explique en al menos 10 caracteres");
        await PageCheck.CheckAsync(page, "no reason");
        await page.GetByLabel("Motivo del cambio", new() { Exact = true }).FillAsync(Reason);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Publicar la versión {version}", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Versión {version} publicada.");
        await PageCheck.ExpectPageAsync(page, ProcessedFood);
        await ScreenshotAsync(page, "published");
        await SignIn.SignOutAsync(page);

        // Anyone reads the new version and its changelog.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" }).GetByRole(AriaRole.Link, new() { Name = "Trámites", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Catálogo de trámites");
        await page.GetByRole(AriaRole.Link, new() { Name = ProcessedFood, Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, ProcessedFood);
        await Expect(Filing.SummaryValue(page, "Costo")).ToContainTextAsync("Q300.00");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(NewRequirement);
        var summaries = page.GetByRole(AriaRole.Region, new() { Name = "Resumen en idiomas mayas", Exact = true });
        await summaries.GetByText("K'iche'", new() { Exact = true }).ClickAsync();
        await Expect(summaries).ToContainTextAsync(KicheSummary);
        await Expect(summaries).ToContainTextAsync($"Traducción proporcionada por {KicheProvider}.");
        await PageCheck.CheckAsync(page, "plain summary open");
        await ScreenshotAsync(page, "plain-summary");
        await page.GetByRole(AriaRole.Link, new() { Name = "Historial de cambios", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Historial de cambios");
        var newest = page.Locator(".changelog__entry").First;
        await Expect(newest).ToContainTextAsync($"Motivo: {Reason}");
        await Expect(newest).ToContainTextAsync($"Nuevo requisito: {NewRequirement}.");
        await Expect(newest).ToContainTextAsync("La tarifa cambia de Q250.00 a Q300.00.");

        // The half-filled application moved to the new version at its next step, and says so on every
        // step until the citizen has read what changed; it then asks for the new document and fee.
        await CitizenAccount.SignInAsync(page, citizen);
        await SignIn.Menu(page).GetByRole(AriaRole.Link, new() { Name = "Mis solicitudes", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Mis solicitudes");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Continuar {ProcessedFood}", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Continuar la solicitud", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Solicitante");
        var banner = page.GetByRole(AriaRole.Region, new() { Name = "Este trámite cambió mientras usted llenaba su solicitud", Exact = true });
        await Expect(banner).ToContainTextAsync($"Nuevo requisito: {NewRequirement}.");
        await Expect(banner).ToContainTextAsync("La tarifa cambia de Q250.00 a Q300.00.");
        await PageCheck.CheckAsync(page, "moved");
        await ScreenshotAsync(page, "moved-banner");
        await banner.GetByRole(AriaRole.Link, new() { Name = "Ver todos los cambios y confirmar que los leyó", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Cambios en el trámite");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync($"Motivo: {Reason}");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync($"Nuevo requisito: {NewRequirement}.");
        await ScreenshotAsync(page, "moved-changes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Entendido", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Solicitante");
        await Expect(banner).ToHaveCountAsync(0);
        var moved = await WalkStepsAsync(page, files, "movida");
        Assert.Contains(NewRequirement, moved.Requirements);
        Assert.Equal("Q300.00", moved.Fee);

        // A new application asks for the new document and the new fee; the one submitted before keeps
        // its version and its fee.
        var after = await FileAsPersonAsync(page, files, "después");
        Assert.Contains(NewRequirement, after.Requirements);
        Assert.Equal("Q300.00", after.Fee);
        await page.GotoAsync(before.DetailsUrl);
        await Expect(Filing.SummaryValue(page, "Arancel")).ToHaveTextAsync("Q250.00");
        await Expect(Filing.SummaryValue(page, "Versión del trámite")).Not.ToHaveTextAsync(version);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pagar Q250.00 en línea", Exact = true })).ToBeVisibleAsync();
        await PageCheck.CheckAsync(page, "submitted before");
        await page.GotoAsync(after.DetailsUrl);
        await Expect(Filing.SummaryValue(page, "Versión del trámite")).ToHaveTextAsync(version);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pagar Q300.00 en línea", Exact = true })).ToBeVisibleAsync();
    });

    /// A section of the draft, from the draft's page.
    private static async Task OpenSectionAsync(IPage page, string title)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Todas las secciones del borrador", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, title);
    }

    private sealed record Filed(string DetailsUrl, IReadOnlyList<string> Requirements, string Fee);

    /// A signed-in citizen files the processed-food registration in their own name, walking whichever
    /// steps the published version has: every document asked for is uploaded. Returns the documents the
    /// form asked for, the fee the review page showed, and the submitted application's address.
    private static async Task<Filed> FileAsPersonAsync(IPage page, TestFiles files, string when)
    {
        await StartAsPersonAsync(page);
        return await WalkStepsAsync(page, files, when);
    }

    /// From the catalogue to the form's first step.
    private static async Task StartAsPersonAsync(IPage page)
    {
        await SignIn.Menu(page).GetByRole(AriaRole.Link, new() { Name = "Trámites", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = ProcessedFood, Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, ProcessedFood);
        await page.GetByRole(AriaRole.Link, new() { Name = "Iniciar solicitud", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Iniciar solicitud");
        await page.GetByRole(AriaRole.Button, new() { Name = "Comenzar", Exact = true }).ClickAsync();
    }

    private static async Task FillEstablishmentAsync(IPage page)
    {
        await page.GetByLabel("Nombre del establecimiento").FillAsync("Conservas Doña Lucía");
        await page.GetByLabel("Dirección", new() { Exact = true }).FillAsync("4a. calle 3-21, zona 1");
        await page.GetByLabel("Departamento", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Guatemala" });
        await page.GetByLabel("Municipio", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Mixco" });
    }

    /// From the step the form shows now to the submitted application: every document asked for is
    /// uploaded.
    private static async Task<Filed> WalkStepsAsync(IPage page, TestFiles files, string when)
    {
        var requirements = new List<string>();
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        for (var step = 0; step < 10; step++)
        {
            await Expect(heading).Not.ToHaveTextAsync("");
            var title = (await heading.TextContentAsync())!.Trim();
            await PageCheck.CheckAsync(page, when);
            switch (title)
            {
                case "Solicitante":
                    await page.GetByRole(AriaRole.Radio, new() { Name = "Como persona individual (a mi nombre)" }).CheckAsync();
                    await Filing.ContinueAsync(page);
                    break;
                case "Establecimiento":
                    await FillEstablishmentAsync(page);
                    await Filing.ContinueAsync(page);
                    break;
                case "Categoría y arancel":
                    await Filing.ContinueAsync(page);
                    break;
                case "Documentos":
                    foreach (var input in await page.Locator("input[type=file]").AllAsync())
                    {
                        var label = (await page.Locator($"label[for='{await input.GetAttributeAsync("id")}']").TextContentAsync())!.Trim();
                        var requirement = label["Archivo para: ".Length..];
                        requirements.Add(requirement);
                        await input.SetInputFilesAsync(files.Pdf($"documento-{requirements.Count}-{when[0]}.pdf", $"Prueba de extremo a extremo: documento {requirements.Count}"));
                        await Filing.UploadButton(page, requirement).ClickAsync();
                        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Documento agregado: {requirement}.");
                    }

                    await PageCheck.CheckAsync(page, "every document uploaded");
                    await page.GetByRole(AriaRole.Link, new() { Name = "Continuar", Exact = true }).ClickAsync();
                    break;
                case "Revise su solicitud antes de enviarla":
                    var fee = (await page.Locator("p.fee").TextContentAsync())!.Trim();
                    await page.GetByRole(AriaRole.Button, new() { Name = "Enviar solicitud", Exact = true }).ClickAsync();
                    await Expect(heading).ToHaveTextAsync(FileHeading());
                    await Expect(Filing.SummaryValue(page, "Estado")).ToHaveTextAsync("Pendiente de pago");
                    await PageCheck.CheckAsync(page, when);
                    return new Filed(new Uri(page.Url).AbsolutePath, requirements, fee);
                default:
                    throw new InvalidOperationException($"An unexpected step while filing: «{title}».");
            }

            await Expect(heading).Not.ToHaveTextAsync(title);
        }

        throw new InvalidOperationException("The form did not reach its review page in 10 steps.");
    }

    [GeneratedRegex("/admin$")]
    private static partial Regex AdminHome();

    [GeneratedRegex(@"^Borrador de la versión (\d+)$")]
    private static partial Regex BorradorHeading();

    [GeneratedRegex(@"^Requisito n\.º \d+$")]
    private static partial Regex NewRequirementGroup();

    [GeneratedRegex(@"^Expediente [A-Z]+-\d{4}-\d{6}$")]
    private static partial Regex FileHeading();
}
