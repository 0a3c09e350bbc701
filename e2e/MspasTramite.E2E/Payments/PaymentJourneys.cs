using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MspasTramite.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace MspasTramite.E2E.Payments;

/// Paying the fee online through the payment sandbox mounted in the app (Stripe.net talking to it,
/// its webhooks coming back signed), and Finanzas refunding a payment.
[Collection(RunningApp.Name)]
public sealed partial class PaymentJourneys(AppServer app, Chromium chromium, ITestOutputHelper output) : Journey(app, chromium, output)
{
    [Fact]
    public Task Citizen_pays_with_a_declined_card_then_pays_and_gets_the_receipt() => RunAsync(async page =>
    {
        using var files = new TestFiles();
        var citizen = await CitizenAccount.RegisterAndConfirmAsync(page, App.Mailbox, "Juan Pablo Cux Morales", TestData.Cuis.ForDeclinedThenApprovedPayment);
        await CitizenAccount.SignInAsync(page, citizen);
        var application = await Filing.FileFoodFactoryLicenceAsync(page, citizen, files);

        await SandboxCheckout.StartFromApplicationAsync(page);
        await Expect(page.GetByRole(AriaRole.Definition).Filter(new() { HasText = application.FileNumber }))
            .ToHaveTextAsync($"{Filing.FoodFactory} — {application.FileNumber}");
        await Expect(page.GetByRole(AriaRole.Definition).Filter(new() { HasText = "GTQ" })).ToHaveTextAsync("Q500.00 GTQ");
        await SandboxCheckout.PayAsync(page, SandboxCheckout.DeclinedCard);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Su tarjeta fue rechazada.");
        // The card number stays for correcting; the CVC is never written back into the page.
        await Expect(page.GetByLabel("CVC", new() { Exact = true })).ToBeEmptyAsync();
        await PageCheck.CheckAsync(page, "declined");
        await ScreenshotAsync(page, "declined");

        await SandboxCheckout.PayAsync(page, SandboxCheckout.ApprovedCard);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pago recibido", Level = 1 })).ToBeVisibleAsync();
        var confirmation = page.GetByText(ReceiptLine());
        await Expect(confirmation).ToBeVisibleAsync();
        var receiptNumber = ReceiptLine().Match((await confirmation.TextContentAsync())!).Groups["number"].Value;
        await PageCheck.CheckAsync(page);
        await ScreenshotAsync(page, "paid");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Descargar comprobante de pago (PDF)", Exact = true }).ClickAsync());
        Assert.Equal($"comprobante-{receiptNumber}.pdf", download.SuggestedFilename);
        var saved = files.PathOf(download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        var receipt = await File.ReadAllBytesAsync(saved);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(receipt, 0, Math.Min(receipt.Length, 5)), StringComparison.Ordinal);
        Assert.True(receipt.Length > 1024, $"The receipt is only {receipt.Length} bytes.");

        var email = await App.Mailbox.WaitForMessageToAsync(citizen.Email, "Pago recibido — comprobante ");
        Assert.Equal($"Pago recibido — comprobante {receiptNumber}", email.Subject);
        Assert.Contains($"Recibimos el pago de Q500.00 del expediente {application.FileNumber}", email.TextBody, StringComparison.Ordinal);

        // Anyone holding the receipt can check it, signed in or not: the link in the email (and the QR code).
        await page.GotoAsync(Mailbox.LinkIn(email, "/verificar/").ToString());
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Comprobante de pago auténtico");
        await Expect(Filing.SummaryValue(page, "Comprobante")).ToHaveTextAsync(receiptNumber);
        await Expect(Filing.SummaryValue(page, "Expediente")).ToHaveTextAsync(application.FileNumber);
        await Expect(Filing.SummaryValue(page, "Monto")).ToHaveTextAsync("Q500.00");
        await PageCheck.CheckAsync(page);
    });

    [Fact]
    public Task Citizen_cancels_payment_and_pays_later() => RunAsync(async page =>
    {
        using var files = new TestFiles();
        var citizen = await CitizenAccount.RegisterAndConfirmAsync(page, App.Mailbox, "Sofía Isabel Ajú Pérez", TestData.Cuis.ForCancelledPayment);
        await CitizenAccount.SignInAsync(page, citizen);
        var application = await Filing.FileFoodFactoryLicenceAsync(page, citizen, files);

        await SandboxCheckout.StartFromApplicationAsync(page);
        var checkout = page.Url;
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancelar y volver", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pago cancelado", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("No se hizo ningún cargo. Su solicitud sigue guardada y pendiente de pago.");
        await PageCheck.CheckAsync(page);
        await ScreenshotAsync(page, "cancelled");
        var cancelled = page.Url;

        await page.GetByRole(AriaRole.Link, new() { Name = "Volver a la solicitud", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(application.DetailsUrl) + "$"));
        await Expect(Filing.SummaryValue(page, "Estado")).ToHaveTextAsync("Pendiente de pago");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pagar Q500.00 en línea", Exact = true })).ToBeVisibleAsync();

        // Later, from the cancellation page: the open session is reused, not a second one made.
        await page.GotoAsync(cancelled);
        await page.GetByRole(AriaRole.Button, new() { Name = "Intentar de nuevo: pagar Q500.00", Exact = true }).ClickAsync();
        await SandboxCheckout.ExpectOnPageAsync(page);
        Assert.Equal(checkout, page.Url);

        await SandboxCheckout.PayAsync(page, SandboxCheckout.ApprovedCard);
        await PageCheck.ExpectPageAsync(page, "Pago recibido");

        // Paid: the page invites a rating of the service (Decreto 5-2021, art. 11).
        await page.GetByRole(AriaRole.Link, new() { Name = "Calificar el servicio", Exact = true }).ClickAsync();
        await PageCheck.CheckAsync(page, "survey");
        await page.GetByRole(AriaRole.Radio, new() { Name = "5 — Muy satisfecho", Exact = true }).CheckAsync();
        await page.GetByLabel("Comentario (opcional)").FillAsync("Pagar en línea fue rápido.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar calificación", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Gracias por calificar el servicio.");
        await Expect(Filing.SummaryValue(page, "Estado")).ToHaveTextAsync("Recibida");
        await PageCheck.CheckAsync(page, "paid");
    });

    [Fact]
    public Task Finance_officer_sees_the_payment_and_refunds_it() => RunAsync(async page =>
    {
        const string reason = "El establecimiento ya tenía licencia vigente; cobro duplicado.";
        using var files = new TestFiles();
        var citizen = await CitizenAccount.RegisterAndConfirmAsync(page, App.Mailbox, "Marco Antonio Sic Tzoc", TestData.Cuis.ForRefundedPayment);
        await CitizenAccount.SignInAsync(page, citizen);
        var application = await Filing.FileFoodFactoryLicenceAsync(page, citizen, files);
        await SandboxCheckout.PayApplicationAsync(page);
        await CitizenAccount.SignOutAsync(page);

        await StaffAccount.CreateAndSignInFinanceOfficerAsync(page, App, "Rosa Elena Xajil Pop");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pagos en línea", Level = 1 })).ToBeVisibleAsync();
        var payments = page.GetByRole(AriaRole.Table, new() { Name = "Pagos", Exact = true });
        var row = payments.GetByRole(AriaRole.Row).Filter(new() { HasText = application.FileNumber });
        await Expect(row).ToContainTextAsync("Q500.00");
        await Expect(row).ToContainTextAsync(Filing.FoodFactory);
        await ScreenshotAsync(page, "payments");

        await row.GetByRole(AriaRole.Link, new() { Name = application.FileNumber, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Pago del expediente {application.FileNumber}", Level = 1 })).ToBeVisibleAsync();
        await Expect(Filing.SummaryValue(page, "Monto")).ToHaveTextAsync("Q500.00 GTQ");
        await PageCheck.CheckAsync(page);

        // More than was paid: refused with a Spanish message tied to the amount, nothing refunded.
        var amount = page.GetByLabel("Monto a reembolsar (GTQ)");
        await amount.FillAsync("600.00");
        await page.GetByLabel("Motivo").FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Reembolsar", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("supera lo que queda por reembolsar");
        await Expect(amount).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Filing.SummaryValue(page, "Reembolsado")).ToHaveTextAsync("Q0.00");
        await PageCheck.CheckAsync(page, "errors");
        await ScreenshotAsync(page, "too-much");

        await amount.FillAsync("500.00");
        await page.GetByLabel("Motivo").FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Reembolsar", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Reembolso de Q500.00 registrado.");
        await Expect(Filing.SummaryValue(page, "Reembolsado")).ToHaveTextAsync("Q500.00");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Reembolsos", Exact = true })).ToContainTextAsync(reason);
        // Nothing is left to refund, so the form is gone.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Reembolsar", Exact = true })).ToHaveCountAsync(0);
        await PageCheck.CheckAsync(page, "refunded");

        var email = await App.Mailbox.WaitForMessageToAsync(citizen.Email, "Reembolso del expediente");
        Assert.Equal($"Reembolso del expediente {application.FileNumber}", email.Subject);
        Assert.Contains($"Se reembolsaron Q500.00 del pago del expediente {application.FileNumber}.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Motivo: {reason}", email.TextBody, StringComparison.Ordinal);
    });

    [GeneratedRegex(@"^Comprobante (?<number>MSPAS-CP-\d{4}-\d{6}) por Q500\.00\.$")]
    private static partial Regex ReceiptLine();
}
