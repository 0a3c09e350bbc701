using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MspasTramite.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace MspasTramite.E2E.Kpis;

/// The product manager's dashboard (/admin/indicadores) following what citizens and staff do: a paid
/// application moves the completion rate and the day's payments, a rating after the decision moves
/// the satisfaction and shows its comment without the citizen's address, and the public page
/// (/desempeno) shows the month's counts and nothing of the citizen. The app runs with
/// Performance:RollupMaxAge at zero, so each read sees fresh figures.
[Collection(RunningApp.Name)]
public sealed partial class KpiJourneys(AppServer app, Chromium chromium, ITestOutputHelper output) : Journey(app, chromium, output)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    [Fact]
    public Task Product_manager_sees_a_paid_application_and_a_rating_move_the_figures() => RunAsync(async page =>
    {
        using var files = new TestFiles();
        // The journeys share one database, so every figure is read before and compared after.
        await OpenDashboardAsync(page, "before");
        var completion = await ReadRatioAsync(page, "Tasa de finalización", CompletionHint());
        var satisfaction = await ReadRatioAsync(page, "Satisfacción", SatisfactionHint());
        var paymentsToday = await ReadPaymentsTodayAsync(page);
        await EnterThisMonthsInputsAsync(page);
        await SignIn.SignOutAsync(page);

        // A citizen files and pays.
        var citizen = await CitizenAccount.RegisterAndConfirmAsync(page, App.Mailbox, "Rosa María Chávez Tecún", TestData.Cuis.ForRatedApplication);
        await CitizenAccount.SignInAsync(page, citizen);
        var application = await Filing.FileFoodFactoryLicenceAsync(page, citizen, files);
        await SandboxCheckout.PayApplicationAsync(page);
        await CitizenAccount.SignOutAsync(page);

        // One more started and one more paid; one more payment of Q500.00 today.
        await OpenDashboardAsync(page, "after payment");
        var completionRow = IndicatorRow(page, "Tasa de finalización");
        await Expect(completionRow.GetByRole(AriaRole.Rowheader))
            .ToContainTextAsync($"Pagadas ({completion.Part + 1}) ÷ iniciadas ({completion.Whole + 1})");
        await Expect(completionRow.GetByRole(AriaRole.Cell).First).ToHaveTextAsync(Percent(completion.Part + 1, completion.Whole + 1));
        var today = PaymentsTodayRow(page);
        await Expect(today.GetByRole(AriaRole.Cell).Nth(0)).ToHaveTextAsync((paymentsToday.Paid + 1).ToString(Invariant));
        await Expect(today.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync(Money(paymentsToday.Revenue + 500m));
        // Nobody has rated yet.
        await Expect(IndicatorRow(page, "Satisfacción").GetByRole(AriaRole.Cell).First).ToHaveTextAsync(satisfaction.ThisPeriod);
        await SignIn.SignOutAsync(page);

        // The back office approves it; the citizen rates the service after the decision, with a
        // comment that gives away their own address.
        await ReviewDesk.ApproveFoodFactoryLicenceAsync(page, App, application);
        await App.Mailbox.WaitForMessageToAsync(citizen.Email, $"Expediente {application.FileNumber} aprobado");
        await CitizenAccount.SignInAsync(page, citizen);
        await page.GotoAsync(application.DetailsUrl);
        await Expect(Filing.SummaryValue(page, "Estado")).ToHaveTextAsync("Aprobada");
        await PageCheck.CheckAsync(page, "approved");
        await page.GetByRole(AriaRole.Link, new() { Name = "Calificar el servicio", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Califique el servicio");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "¿Qué tan satisfecho está con la atención de su solicitud?" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "5 — Muy satisfecho", Exact = true }).CheckAsync();
        await page.GetByLabel("Comentario (opcional)").FillAsync($"Muy buena atención. Si hace falta algo, escríbanme a {citizen.Email} por favor.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar calificación", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Gracias por calificar el servicio.");
        await PageCheck.CheckAsync(page, "rated");
        await CitizenAccount.SignOutAsync(page);

        // One more answer, satisfied; the comment without the address.
        await OpenDashboardAsync(page, "after rating");
        var satisfactionRow = IndicatorRow(page, "Satisfacción");
        await Expect(satisfactionRow.GetByRole(AriaRole.Rowheader)).ToContainTextAsync(
            $"Respuestas de 4 o 5 sobre 5: {satisfaction.Part + 1} de {satisfaction.Whole + 1} ({satisfaction.Skips} omitieron la encuesta)");
        await Expect(satisfactionRow.GetByRole(AriaRole.Cell).First).ToHaveTextAsync(Percent(satisfaction.Part + 1, satisfaction.Whole + 1));
        var comments = page.GetByRole(AriaRole.List).Filter(new() { HasText = "calificación" });
        await Expect(comments.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Muy buena atención. Si hace falta algo, escríbanme a [correo] por favor." }))
            .ToContainTextAsync($"{Filing.FoodFactory} — calificación 5 de 5");
        await Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync(citizen.Email);
        await ScreenshotAsync(page, "dashboard");
        await SignIn.SignOutAsync(page);

        // Anyone, signed out, reads the public page: this month's row of the procedure has the same
        // counts as the dashboard, under the small-number rule, and nothing that points to the citizen.
        await page.GotoAsync("/desempeno");
        await PageCheck.ExpectPageAsync(page, "Desempeño del servicio");
        var section = page.GetByRole(AriaRole.Region, new() { Name = Filing.FoodFactory, Exact = true });
        var thisMonth = section.GetByRole(AriaRole.Table, new() { Name = $"{Filing.FoodFactory}: cifras por mes, el más reciente primero", Exact = true })
            .GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "(en curso)" }) });
        await Expect(thisMonth).ToHaveCountAsync(1);
        // Mes, then Iniciadas, Enviadas, Pagadas.
        await Expect(thisMonth.GetByRole(AriaRole.Cell).Nth(0)).ToHaveTextAsync(PublicCount(completion.Whole + 1));
        await Expect(thisMonth.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync(PublicCount(completion.Part + 1));
        var html = await page.ContentAsync();
        foreach (var personal in new[] { citizen.Email, citizen.Name, citizen.Cui, application.FileNumber })
        {
            Assert.DoesNotContain(personal, html, StringComparison.OrdinalIgnoreCase);
        }

        await ScreenshotAsync(page, "public");
    });

    /// The public page's small-number rule: a count under 5, 0 included, is published as "menos de 5".
    private static string PublicCount(int count) =>
        count < 5 ? "menos de 5" : count.ToString("N0", CultureInfo.GetCultureInfo("es-GT"));

    /// The product manager (the service's administrator) signs in, follows the link from the
    /// administration page and asks for this month's figures of the food-factory licence.
    private async Task OpenDashboardAsync(IPage page, string state)
    {
        await page.GotoAsync("/");
        await PageCheck.CheckAsync(page);
        await SignIn.FromMenuAsync(page, App.Administrator.Email, App.Administrator.Password, AdminHome());
        await page.GetByRole(AriaRole.Link, new() { Name = "Indicadores del servicio", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Indicadores del servicio");

        var today = GuatemalaToday();
        await page.GetByLabel("Desde", new() { Exact = true }).FillAsync(new DateOnly(today.Year, today.Month, 1).ToString("yyyy-MM-dd", Invariant));
        await page.GetByLabel("Hasta", new() { Exact = true }).FillAsync(today.ToString("yyyy-MM-dd", Invariant));
        await page.GetByLabel("Trámite", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = Filing.FoodFactory });
        await page.GetByRole(AriaRole.Button, new() { Name = "Ver indicadores", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Heading, new() { Level = 2 }).First).ToHaveTextAsync(
            $"Del {new DateOnly(today.Year, today.Month, 1).ToString("dd/MM/yyyy", Invariant)} al {today.ToString("dd/MM/yyyy", Invariant)} — {Filing.FoodFactory}");
        await PageCheck.CheckAsync(page, state);
    }

    /// From the dashboard, the product manager enters this month's applications at the windows for the
    /// food-factory licence and the month's operating cost, as each month's routine.
    private static async Task EnterThisMonthsInputsAsync(IPage page)
    {
        var month = GuatemalaToday().ToString("yyyy-MM", Invariant);
        await page.GetByRole(AriaRole.Link, new() { Name = "Volúmenes no digitales", Exact = true }).ClickAsync();
        await PageCheck.ExpectPageAsync(page, "Volúmenes no digitales");
        await page.GetByLabel("Trámite", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = Filing.FoodFactory });
        await page.GetByLabel("Mes", new() { Exact = true }).FillAsync(month);
        await page.GetByLabel("Solicitudes en ventanilla o en papel", new() { Exact = true }).FillAsync("40");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Cantidades registradas", Exact = true })).ToContainTextAsync(Filing.FoodFactory);
        await PageCheck.CheckAsync(page, "volume saved");

        await page.GotoAsync("/admin/indicadores/costos");
        await PageCheck.ExpectPageAsync(page, "Costo de operación");
        await page.GetByLabel("Mes", new() { Exact = true }).FillAsync(month);
        await page.GetByLabel("Costo en quetzales", new() { Exact = true }).FillAsync("185000.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Costos registrados", Exact = true })).ToContainTextAsync("Q185,000.00");
        await PageCheck.CheckAsync(page, "cost saved");
    }

    private sealed record RatioFigure(int Part, int Whole, int Skips, string ThisPeriod);

    private sealed record PaymentsFigure(int Paid, decimal Revenue);

    private static ILocator IndicatorRow(IPage page, string indicator) =>
        page.GetByRole(AriaRole.Table, new() { Name = "Los cuatro indicadores, en este periodo y en el anterior", Exact = true })
            .GetByRole(AriaRole.Row)
            .Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = indicator }) });

    /// A rate's row: the counts from its hint under the name, and "Este periodo", checked against them.
    private static async Task<RatioFigure> ReadRatioAsync(IPage page, string indicator, Regex hint)
    {
        var row = IndicatorRow(page, indicator);
        var header = (await row.GetByRole(AriaRole.Rowheader).TextContentAsync())!;
        var match = hint.Match(header);
        Assert.True(match.Success, $"The row \"{indicator}\" reads \"{header}\".");
        var part = int.Parse(match.Groups["part"].Value, Invariant);
        var whole = int.Parse(match.Groups["whole"].Value, Invariant);
        var skips = match.Groups["skips"].Success ? int.Parse(match.Groups["skips"].Value, Invariant) : 0;
        var thisPeriod = (await row.GetByRole(AriaRole.Cell).First.TextContentAsync())!.Trim();
        Assert.Equal(Percent(part, whole), thisPeriod);
        return new RatioFigure(part, whole, skips, thisPeriod);
    }

    private static ILocator PaymentsTodayRow(IPage page) =>
        page.GetByRole(AriaRole.Table, new() { Name = "Pagos por día", Exact = true })
            .GetByRole(AriaRole.Row)
            .Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = GuatemalaToday().ToString("dd/MM/yyyy", Invariant), Exact = true }) });

    /// Today's row of the Pagos table; no row (or no table: "No hubo pagos en el periodo.") is none.
    private static async Task<PaymentsFigure> ReadPaymentsTodayAsync(IPage page)
    {
        var row = PaymentsTodayRow(page);
        if (await row.CountAsync() == 0)
        {
            return new PaymentsFigure(0, 0m);
        }

        var paid = int.Parse((await row.GetByRole(AriaRole.Cell).Nth(0).TextContentAsync())!.Trim(), Invariant);
        var revenue = decimal.Parse((await row.GetByRole(AriaRole.Cell).Nth(1).TextContentAsync())!.Trim().TrimStart('Q'), NumberStyles.Number, Invariant);
        return new PaymentsFigure(paid, revenue);
    }

    /// As the dashboard writes a rate ("66.7 %", "—" without a denominator).
    private static string Percent(int part, int whole) =>
        whole == 0 ? "—" : ((decimal)part / whole * 100).ToString("0.#", Invariant) + " %";

    private static string Money(decimal amount) => "Q" + amount.ToString("#,##0.00", Invariant);

    /// Guatemala keeps UTC−6 all year.
    private static DateOnly GuatemalaToday() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-6));

    [GeneratedRegex(@"Pagadas \((?<part>\d+)\) ÷ iniciadas \((?<whole>\d+)\)")]
    private static partial Regex CompletionHint();

    [GeneratedRegex(@"Respuestas de 4 o 5 sobre 5: (?<part>\d+) de (?<whole>\d+) \((?<skips>\d+) omitieron la encuesta\)")]
    private static partial Regex SatisfactionHint();

    [GeneratedRegex("/admin$")]
    private static partial Regex AdminHome();
}
