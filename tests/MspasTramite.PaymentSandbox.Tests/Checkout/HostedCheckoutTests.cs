using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MspasTramite.PaymentSandbox.Tests.TestKit;
using Stripe;
using Stripe.Checkout;

namespace MspasTramite.PaymentSandbox.Tests.Checkout;

public sealed class HostedCheckoutTests : IAsyncLifetime
{
    private SandboxHost host = null!;

    public async Task InitializeAsync() => host = await SandboxHost.StartAsync(o => o.WebhooksEnabled = false);

    public async Task DisposeAsync() => await host.DisposeAsync();

    private SessionService Sessions => new(host.Stripe);

    [Fact]
    public async Task Page_ShowsTheAmountTheFieldsAndTheWayBack()
    {
        var session = await host.Stripe.CreateSessionAsync(50000);

        using var response = await host.Browser.GetAsync(new Uri(session.Url));
        var page = await HostedCheckout.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("es", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Q500.00 GTQ", page.QuerySelector(".amount")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Número de tarjeta", "Vencimiento (MM/AA)", "CVC"], page.QuerySelectorAll("form label").Select(l => l.TextContent));
        foreach (var label in page.QuerySelectorAll<IHtmlLabelElement>("form label"))
        {
            Assert.NotNull(page.GetElementById(label.HtmlFor!));
        }

        Assert.Equal("Pagar Q500.00", page.QuerySelector("form button[type=submit]")!.TextContent.Trim());
        var cancel = page.QuerySelectorAll<IHtmlAnchorElement>("a").Single(a => a.TextContent == "Cancelar y volver");
        Assert.Equal(TestData.CancelUrl, cancel.GetAttribute("href"));
        Assert.Contains("Licencia sanitaria para fábrica de alimentos", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_HasNoInlineScriptOrStyle_AndItsStylesheetLoads()
    {
        var session = await host.Stripe.CreateSessionAsync();

        var page = await HostedCheckout.GetAsync(host.Browser, session.Url);
        var stylesheet = page.QuerySelector<IHtmlLinkElement>("link[rel=stylesheet]")!.Href;
        using var css = await host.Browser.GetAsync(new Uri(new Uri("http://localhost/"), stylesheet));

        Assert.Empty(page.QuerySelectorAll("script, style, [style]"));
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".error-summary", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pay_With4242_CompletesTheSessionAndRedirectsToTheSuccessUrl()
    {
        var session = await host.Stripe.CreateSessionAsync(50000);

        using var response = await HostedCheckout.PayAsync(host.Browser, session.Url, "4242 4242 4242 4242");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"http://app.test/solicitudes/42/pago/exito?session_id={session.Id}", response.Headers.Location!.ToString());
        var paid = await Sessions.GetAsync(session.Id);
        Assert.Equal("complete", paid.Status);
        Assert.Equal("paid", paid.PaymentStatus);
        Assert.StartsWith("pi_", paid.PaymentIntentId, StringComparison.Ordinal);
        Assert.Null(paid.Url);
        var intent = await new PaymentIntentService(host.Stripe).GetAsync(paid.PaymentIntentId, new PaymentIntentGetOptions { Expand = ["latest_charge"] });
        Assert.Equal("succeeded", intent.Status);
        Assert.Equal(50000, intent.Amount);
        Assert.Equal("gtq", intent.Currency);
        Assert.Equal("4242", intent.LatestCharge.PaymentMethodDetails.Card.Last4);
        Assert.Equal("visa", intent.LatestCharge.PaymentMethodDetails.Card.Brand);
        var completed = Assert.Single((await new EventService(host.Stripe).ListAsync(new EventListOptions { Type = "checkout.session.completed" })).Data);
        Assert.Equal(session.Id, ((Session)completed.Data.Object).Id);
    }

    [Theory]
    [InlineData("4000 0000 0000 0002", "Su tarjeta fue rechazada.")]
    [InlineData("4000000000009995", "Fondos insuficientes.")]
    public async Task Pay_WithADecliningCard_ShowsWhyAndKeepsTheSessionOpen(string card, string message)
    {
        var session = await host.Stripe.CreateSessionAsync();

        using var response = await HostedCheckout.PayAsync(host.Browser, session.Url, card);
        var page = await HostedCheckout.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, page.QuerySelector(".error-summary a")!.TextContent);
        Assert.Equal("#card-number", page.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal("open", (await Sessions.GetAsync(session.Id)).Status);
        Assert.Empty((await new EventService(host.Stripe).ListAsync()).Data);
    }

    [Fact]
    public async Task Pay_AfterADecline_CanBeRetriedWithAnotherCard()
    {
        var session = await host.Stripe.CreateSessionAsync();
        using var declined = await HostedCheckout.PayAsync(host.Browser, session.Url, "4000 0000 0000 0002");
        var page = await HostedCheckout.ParseAsync(declined);

        using var retried = await HostedCheckout.SubmitAsync(host.Browser, page, HostedCheckout.Card("4242424242424242"));

        Assert.Equal(HttpStatusCode.SeeOther, retried.StatusCode);
        Assert.Equal("paid", (await Sessions.GetAsync(session.Id)).PaymentStatus);
    }

    [Fact]
    public async Task Pay_WithTheAuthenticationCard_AsksForConfirmationFirst()
    {
        var session = await host.Stripe.CreateSessionAsync();

        using var response = await HostedCheckout.PayAsync(host.Browser, session.Url, "4000 0027 6000 3184");
        var confirmation = await HostedCheckout.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Autorizar pago", "Rechazar"], confirmation.QuerySelectorAll("form button").Select(b => b.TextContent.Trim()));
        Assert.Contains("3184", confirmation.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("unpaid", (await Sessions.GetAsync(session.Id)).PaymentStatus);

        using var authorized = await HostedCheckout.SubmitAsync(host.Browser, confirmation, new Dictionary<string, string>(), "Autorizar pago");

        Assert.Equal(HttpStatusCode.SeeOther, authorized.StatusCode);
        Assert.Equal($"http://app.test/solicitudes/42/pago/exito?session_id={session.Id}", authorized.Headers.Location!.ToString());
        var paid = await Sessions.GetAsync(session.Id);
        Assert.Equal("paid", paid.PaymentStatus);
        var intent = await new PaymentIntentService(host.Stripe).GetAsync(paid.PaymentIntentId, new PaymentIntentGetOptions { Expand = ["latest_charge"] });
        Assert.Equal("3184", intent.LatestCharge.PaymentMethodDetails.Card.Last4);
    }

    [Fact]
    public async Task Pay_WithTheAuthenticationCard_Rejected_LeavesTheSessionOpen()
    {
        var session = await host.Stripe.CreateSessionAsync();
        using var response = await HostedCheckout.PayAsync(host.Browser, session.Url, "4000002760003184");
        var confirmation = await HostedCheckout.ParseAsync(response);

        using var rejected = await HostedCheckout.SubmitAsync(host.Browser, confirmation, new Dictionary<string, string>(), "Rechazar");
        var page = await HostedCheckout.ParseAsync(rejected);

        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.StartsWith("No se pudo autenticar su método de pago.", page.QuerySelector(".error-summary a")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("open", (await Sessions.GetAsync(session.Id)).Status);

        // The answer cannot be replayed once given.
        using var replay = await HostedCheckout.SubmitAsync(host.Browser, confirmation, new Dictionary<string, string>(), "Autorizar pago");
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("unpaid", (await Sessions.GetAsync(session.Id)).PaymentStatus);
    }

    [Fact]
    public async Task Pay_WithInvalidFields_ShowsEachErrorAndKeepsWhatWasTyped()
    {
        var session = await host.Stripe.CreateSessionAsync();

        using var response = await HostedCheckout.PayAsync(host.Browser, session.Url, "4242 4242 4242 4241", "13/30", "12");
        var page = await HostedCheckout.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Error:", page.Title, StringComparison.Ordinal);
        Assert.Equal(["#card-number", "#expiry", "#cvc"], page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));
        Assert.Contains("no es válido", page.GetElementById("card-number-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("MM/AA", page.GetElementById("expiry-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("3 dígitos", page.GetElementById("cvc-error")!.TextContent, StringComparison.Ordinal);
        var number = page.GetElementById("card-number") as IHtmlInputElement;
        Assert.Equal("4242 4242 4242 4241", number!.Value);
        Assert.Equal("true", number.GetAttribute("aria-invalid"));
        Assert.Contains("card-number-error", number.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Equal("13/30", ((IHtmlInputElement)page.GetElementById("expiry")!).Value);
        Assert.Equal("open", (await Sessions.GetAsync(session.Id)).Status);
    }

    [Fact]
    public async Task Pay_WithAnExpiredCard_SaysSo()
    {
        var session = await host.Stripe.CreateSessionAsync();

        using var response = await HostedCheckout.PayAsync(host.Browser, session.Url, "4242424242424242", "01/20");
        var page = await HostedCheckout.ParseAsync(response);

        Assert.Equal("La fecha de vencimiento ya pasó.", page.QuerySelector(".error-summary a")!.TextContent);
    }

    [Fact]
    public async Task Pay_WithEmptyFields_AsksForEach()
    {
        var session = await host.Stripe.CreateSessionAsync();

        using var response = await HostedCheckout.PayAsync(host.Browser, session.Url, "", "", "");
        var page = await HostedCheckout.ParseAsync(response);

        Assert.Equal(["Escriba el número de tarjeta.", "Escriba la fecha de vencimiento.", "Escriba el CVC."],
            page.QuerySelectorAll(".error-summary a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task PaidSession_ShowsItIsPaid_AndIsNeverChargedTwice()
    {
        var session = await host.Stripe.CreateSessionAsync();
        var form = await HostedCheckout.GetAsync(host.Browser, session.Url);
        using var first = await HostedCheckout.SubmitAsync(host.Browser, form, HostedCheckout.Card("4242424242424242"));

        // The same form submitted again, as from a second tab.
        using var second = await HostedCheckout.SubmitAsync(host.Browser, form, HostedCheckout.Card("4242424242424242"));
        var page = await HostedCheckout.ParseAsync(second);

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("Este pago ya se completó", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(TestData.CancelUrl, page.QuerySelector<IHtmlAnchorElement>("main a")!.GetAttribute("href"));
        Assert.Single((await new EventService(host.Stripe).ListAsync()).Data);
    }

    [Fact]
    public async Task PayingTwiceAtOnce_ChargesOnce()
    {
        var session = await host.Stripe.CreateSessionAsync();
        var form = await HostedCheckout.GetAsync(host.Browser, session.Url);

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            HostedCheckout.SubmitAsync(host.Browser, form, HostedCheckout.Card("4242424242424242"))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.SeeOther);
        Assert.All(responses, r => r.Dispose());
        Assert.Single((await new EventService(host.Stripe).ListAsync()).Data);
    }

    [Fact]
    public async Task ExpiredSession_SaysSoAndLinksBack()
    {
        var session = await host.Stripe.CreateSessionAsync();
        await Sessions.ExpireAsync(session.Id);

        var page = await HostedCheckout.GetAsync(host.Browser, session.Url);

        Assert.Equal("Esta sesión de pago expiró", page.QuerySelector("h1")!.TextContent);
        Assert.Null(page.QuerySelector("form"));
        Assert.Equal(TestData.CancelUrl, page.QuerySelector<IHtmlAnchorElement>("main a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task UnknownSession_IsA404Page()
    {
        using var response = await host.Browser.GetAsync(new Uri($"{SandboxHost.ApiBase}/checkout/cs_test_no_existe"));
        var page = await HostedCheckout.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Sesión de pago no encontrada", page.QuerySelector("h1")!.TextContent);
    }
}
