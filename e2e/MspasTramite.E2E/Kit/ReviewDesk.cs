using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MspasTramite.E2E.Kit;

/// The back office's steps from a paid application to its decision, for journeys that need a decided
/// file to start from. The review journey walks them in detail, with a correction in the middle.
public static class ReviewDesk
{
    /// A new analyst takes the paid food-factory application from the unassigned files, accepts every
    /// document, records a favourable inspection and recommends approval; a new head of section
    /// approves it. Both sign out at the end, so the page is signed out.
    public static async Task ApproveFoodFactoryLicenceAsync(IPage page, AppServer app, FiledApplication application)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(application);

        var analyst = await StaffAccount.CreateAndSignInAnalystAsync(page, app, "Julio César Tzul Mejía");
        await ClaimAsync(page, application, analyst);
        foreach (var (_, fileName) in Filing.FoodFactoryUploads)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = $"Aceptar {fileName}", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Documento aceptado.");
        }

        await InspectAndRecommendApprovalAsync(page);
        await SignIn.SignOutAsync(page);

        await StaffAccount.CreateAndSignInHeadAsync(page, app, "Carmen Rosa Saquic Us");
        await ApproveAsync(page, application);
        await SignIn.SignOutAsync(page);
    }

    /// From the work queue: the analyst finds the file among the unassigned ones and takes it; the page
    /// ends on the file, assigned to them.
    public static async Task ClaimAsync(IPage page, FiledApplication application, StaffMember analyst)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(analyst);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sin asignar", Exact = true }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = application.FileNumber });
        await Expect(row).ToContainTextAsync("En plazo");
        await PageCheck.CheckAsync(page);
        await row.GetByRole(AriaRole.Link, new() { Name = application.FileNumber, Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, $"Expediente {application.FileNumber}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tomar expediente", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Tomó el expediente: ahora está en su trabajo.");
        await Expect(Filing.SummaryValue(page, "Asignado a")).ToHaveTextAsync(analyst.Name);
    }

    /// On a file whose documents are all accepted: an inspection three days from now, found favourable,
    /// and the analyst's opinion recommending approval, which sends the file to a head of section.
    public static async Task InspectAndRecommendApprovalAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var inspectionDay = DateTime.UtcNow.AddHours(-6).Date.AddDays(3).AddHours(10);
        await page.GetByLabel("Fecha y hora de la inspección").FillAsync(inspectionDay.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Programar inspección", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Inspección programada; se avisó al solicitante.");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Favorable", Exact = true }).CheckAsync();
        await page.GetByLabel("Observaciones de la inspección").FillAsync("Instalaciones limpias, agua potable y control de plagas al día.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrar inspección", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Resultado de la inspección registrado.");

        await page.GetByRole(AriaRole.Radio, new() { Name = "Recomiendo aprobar", Exact = true }).CheckAsync();
        await page.GetByLabel("Dictamen técnico").FillAsync("Cumple los requisitos del Código de Salud y la inspección fue favorable.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Emitir dictamen", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Dictamen emitido: el expediente pasa a la jefatura.");
        await Expect(Filing.SummaryValue(page, "Estado")).ToHaveTextAsync("En espera de aprobación");
        // The analyst who recommended cannot decide.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Aprobar y emitir la licencia", Exact = true })).ToHaveCountAsync(0);
        await PageCheck.CheckAsync(page, "opinion given");
    }

    /// From the head of section's work queue: opens the file and approves it, which issues the licence.
    public static async Task ApproveAsync(IPage page, FiledApplication application)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(application);
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = application.FileNumber })
            .GetByRole(AriaRole.Link, new() { Name = application.FileNumber, Exact = true }).ClickAsync();
        var approve = page.GetByRole(AriaRole.Button, new() { Name = "Aprobar y emitir la licencia", Exact = true });
        await Expect(approve).ToBeVisibleAsync();
        await PageCheck.CheckAsync(page, "awaiting approval");
        await approve.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Expediente aprobado: se emitió la licencia y se avisó al solicitante.");
        await Expect(Filing.SummaryValue(page, "Estado")).ToHaveTextAsync("Aprobada");
        await PageCheck.CheckAsync(page, "approved");
    }
}
