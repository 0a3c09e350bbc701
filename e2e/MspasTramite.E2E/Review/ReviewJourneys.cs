using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MspasTramite.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace MspasTramite.E2E.Review;

/// The back office working a paid application to its licence: claim, one correction request, the
/// citizen's answer, the inspection, the analyst's opinion, a head of section's approval, and the
/// licence's QR code opening the public verification page.
[Collection(RunningApp.Name)]
public sealed partial class ReviewJourneys(AppServer app, Chromium chromium, ITestOutputHelper output) : Journey(app, chromium, output)
{
    private const string RejectedRequirement = "Resolución ambiental del MARN";
    private const string RejectionReason = "La resolución del MARN está vencida; adjunte la vigente.";

    [Fact]
    public Task Analyst_asks_for_a_correction_and_a_head_approves_the_licence() => RunAsync(async page =>
    {
        using var files = new TestFiles();
        var citizen = await CitizenAccount.RegisterAndConfirmAsync(page, App.Mailbox, "Lucía Fernanda Batz Coy", TestData.Cuis.ForReviewedApplication);
        await CitizenAccount.SignInAsync(page, citizen);
        var application = await Filing.FileFoodFactoryLicenceAsync(page, citizen, files);
        await SandboxCheckout.PayApplicationAsync(page);
        await CitizenAccount.SignOutAsync(page);

        // The analyst finds it among the unassigned files, takes it, reviews each document.
        var analyst = await StaffAccount.CreateAndSignInAnalystAsync(page, App, "Pedro José Ixcot Tum");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sin asignar", Exact = true }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = application.FileNumber });
        await Expect(row).ToContainTextAsync("En plazo");
        await PageCheck.CheckAsync(page);
        await ScreenshotAsync(page, "queue");
        await row.GetByRole(AriaRole.Link, new() { Name = application.FileNumber, Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, $"Expediente {application.FileNumber}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tomar expediente", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Tomó el expediente: ahora está en su trabajo.");
        await Expect(Filing.SummaryValue(page, "Asignado a")).ToHaveTextAsync(analyst.Name);

        foreach (var (requirement, fileName) in Filing.FoodFactoryUploads)
        {
            if (requirement == RejectedRequirement)
            {
                await page.GetByLabel($"Motivo del rechazo de {fileName}", new() { Exact = true }).FillAsync(RejectionReason);
                await page.GetByRole(AriaRole.Button, new() { Name = $"Rechazar {fileName}", Exact = true }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Documento rechazado.");
            }
            else
            {
                await page.GetByRole(AriaRole.Button, new() { Name = $"Aceptar {fileName}", Exact = true }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Documento aceptado.");
            }
        }

        await PageCheck.CheckAsync(page, "documents reviewed");
        await ScreenshotAsync(page, "reviewed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar solicitud de subsanación", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Se envió la solicitud de subsanación al solicitante.");
        await Expect(Filing.SummaryValue(page, "Estado")).ToHaveTextAsync("En espera de subsanación");
        await SignIn.SignOutAsync(page);

        // The citizen reads the one notice and replaces only the rejected document.
        var notice = await App.Mailbox.WaitForMessageToAsync(citizen.Email, $"Expediente {application.FileNumber}: se le pide subsanar");
        Assert.Contains(RejectionReason, notice.TextBody, StringComparison.Ordinal);
        await CitizenAccount.SignInAsync(page, citizen);
        await PageCheck.CheckAsync(page, "a submitted application");
        await page.GotoAsync(Mailbox.LinkIn(notice, application.DetailsUrl + "/subsanar").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Subsanar el expediente {application.FileNumber}", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(RejectionReason);
        await PageCheck.CheckAsync(page);
        // Only the rejected item can be replaced: one file field on the page.
        await Expect(page.Locator("input[type=file]")).ToHaveCountAsync(1);
        await page.GetByLabel($"Documento corregido de: {RejectedRequirement}", new() { Exact = true })
            .SetInputFilesAsync(files.Pdf("resolucion-marn-vigente.pdf", "Resolucion MARN vigente"));
        await page.GetByRole(AriaRole.Button, new() { Name = $"Subir archivo para {RejectedRequirement}", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Documento corregido agregado: {RejectedRequirement}.");
        await PageCheck.CheckAsync(page, "replacement uploaded");
        await ScreenshotAsync(page, "correction");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar subsanación", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Enviamos su subsanación. El expediente vuelve a revisión y el plazo legal sigue corriendo.");
        await Expect(Filing.SummaryValue(page, "Estado")).ToHaveTextAsync("En revisión");
        await PageCheck.CheckAsync(page, "in review");
        await CitizenAccount.SignOutAsync(page);

        // Back to the same analyst: the replacement, the inspection, the opinion.
        await SignIn.FromMenuAsync(page, analyst.Email, analyst.Password, BackofficeHome());
        await page.GetByRole(AriaRole.Link, new() { Name = "Mi trabajo", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = application.FileNumber, Exact = true })).ToBeVisibleAsync();
        await PageCheck.CheckAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = application.FileNumber, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Aceptar resolucion-marn-vigente.pdf", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Documento aceptado.");

        await ReviewDesk.InspectAndRecommendApprovalAsync(page);
        await SignIn.SignOutAsync(page);

        // A head of section approves.
        await StaffAccount.CreateAndSignInHeadAsync(page, App, "Ana Lucía Chen Pop");
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = application.FileNumber })
            .GetByRole(AriaRole.Link, new() { Name = application.FileNumber, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Aprobar y emitir la licencia", Exact = true })).ToBeVisibleAsync();
        await PageCheck.CheckAsync(page, "awaiting approval");
        await ScreenshotAsync(page, "approval");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aprobar y emitir la licencia", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Expediente aprobado: se emitió la licencia y se avisó al solicitante.");
        await Expect(Filing.SummaryValue(page, "Estado")).ToHaveTextAsync("Aprobada");
        await PageCheck.CheckAsync(page, "approved");
        await SignIn.SignOutAsync(page);

        // The citizen downloads the licence; its QR code opens the verification page.
        await App.Mailbox.WaitForMessageToAsync(citizen.Email, $"Expediente {application.FileNumber} aprobado");
        await CitizenAccount.SignInAsync(page, citizen);
        await page.GotoAsync(application.DetailsUrl);
        await Expect(Filing.SummaryValue(page, "Estado")).ToHaveTextAsync("Aprobada");
        await PageCheck.CheckAsync(page, "approved");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Descargar licencia (PDF)", Exact = true }).ClickAsync());
        var licence = files.PathOf("licencia.pdf");
        await download.SaveAsAsync(licence);
        var qr = await ReadQrCodeAsync(licence, files.PathOf("licencia"));
        Assert.Matches(VerificationLink(), qr);
        // The rendered licence, for people to look at beside the screenshots.
        File.Copy(files.PathOf("licencia.png"), Paths.Artifact("screenshots", "Analyst_asks_for_a_correction_and_a_head_approves_the_licence-licence.png"), overwrite: true);

        await page.GotoAsync(qr);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Licencia auténtica y vigente");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Planta La Ceiba");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(Filing.FoodFactory);
        await PageCheck.CheckAsync(page);
    });

    /// Renders the PDF's first page (poppler's pdftoppm) and reads its QR code (zbar's zbarimg), as
    /// a phone camera would: the link comes from the printed code itself, not from the database.
    private static async Task<string> ReadQrCodeAsync(string pdf, string pngPrefix)
    {
        await RunAsync("pdftoppm", ["-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", pdf, pngPrefix]);
        var text = await RunAsync("zbarimg", ["--quiet", "--raw", pngPrefix + ".png"]);
        return text.Trim();
    }

    private static async Task<string> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed ({process.ExitCode}): {stderr}");
        return stdout;
    }

    [GeneratedRegex("/backoffice$")]
    private static partial Regex BackofficeHome();

    [GeneratedRegex(@"^http://127\.0\.0\.1:\d+/verificar/[A-Z0-9-]+$")]
    private static partial Regex VerificationLink();
}
