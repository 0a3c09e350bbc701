using System.Text;
using MspasTramite.PaymentSandbox.Storage;
using static MspasTramite.PaymentSandbox.Pages.HtmlPage;

namespace MspasTramite.PaymentSandbox.Checkout;

/// The hosted checkout page and its companions, in Spanish, usable without JavaScript: labelled
/// fields, an error summary linking to each field, messages tied to their inputs.
internal static class CheckoutPages
{
    public const string AuthenticationFailed =
        "No se pudo autenticar su método de pago. Elija otro método de pago e intente de nuevo.";

    public static string Title(CheckoutSessionRecord s) => "Pagar " + Money.FormatWithCode(s.AmountTotal, s.Currency);

    public static string PaymentForm(string baseUrl, CheckoutSessionRecord s, CardForm form, string? paymentError)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(form);
        var html = new StringBuilder();
        if (form.Errors.Count > 0 || paymentError is not null)
        {
            html.Append("<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\" tabindex=\"-1\" autofocus>\n")
                .Append("<h2 id=\"error-summary-title\">")
                .Append(paymentError is not null ? "No se pudo completar el pago" : "Revise los datos de la tarjeta")
                .Append("</h2>\n<ul>\n");
            if (paymentError is not null)
            {
                html.Append("<li><a href=\"#").Append(CardForm.NumberField).Append("\">").Append(E(paymentError)).Append("</a></li>\n");
            }

            foreach (var (field, message) in form.Errors)
            {
                html.Append("<li><a href=\"#").Append(field).Append("\">").Append(E(message)).Append("</a></li>\n");
            }

            html.Append("</ul>\n</div>\n");
        }

        html.Append("<h1>Pagar</h1>\n");
        Summary(html, s);
        html.Append("<form method=\"post\" action=\"").Append(E($"{baseUrl}/checkout/{s.Id}")).Append("\" novalidate>\n");
        Field(html, CardForm.NumberField, "cardNumber", "Número de tarjeta", "Puede escribirlo con espacios.",
            form.Number, "cc-number", form.ErrorFor(CardForm.NumberField));
        Field(html, CardForm.ExpiryField, "expiry", "Vencimiento (MM/AA)", "Por ejemplo, 12/30.",
            form.Expiry, "cc-exp", form.ErrorFor(CardForm.ExpiryField));
        // The CVC is never written back into the page, as card forms do.
        Field(html, CardForm.CvcField, "cvc", "CVC", "Los 3 dígitos al reverso de la tarjeta (4 al frente en American Express).",
            "", "cc-csc", form.ErrorFor(CardForm.CvcField), css: "input input-short");
        html.Append("<button type=\"submit\" class=\"button\">Pagar ").Append(E(Money.Format(s.AmountTotal, s.Currency))).Append("</button>\n")
            .Append("</form>\n");
        if (s.CancelUrl is not null)
        {
            html.Append("<p class=\"cancel\"><a href=\"").Append(E(s.CancelUrl)).Append("\">Cancelar y volver</a></p>\n");
        }

        TestCardHelp(html);
        return html.ToString();
    }

    public static string Authentication(string baseUrl, CheckoutSessionRecord s, PendingAuthentication pending)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(pending);
        var html = new StringBuilder()
            .Append("<h1>Confirme el pago con su banco</h1>\n")
            .Append("<p>Su banco pide que autorice este pago de <strong>")
            .Append(E(Money.FormatWithCode(s.AmountTotal, s.Currency)))
            .Append("</strong> con la tarjeta ").Append(E(TestCards.BrandName(pending.Card.Brand)))
            .Append(" terminada en ").Append(E(pending.Card.Last4)).Append(".</p>\n")
            .Append("<p class=\"hint\">En la pasarela de pruebas esta página sustituye la verificación 3-D Secure del banco.</p>\n")
            .Append("<form method=\"post\" action=\"").Append(E($"{baseUrl}/checkout/{s.Id}/autenticar")).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"token\" value=\"").Append(E(pending.Token)).Append("\">\n")
            .Append("<div class=\"button-group\">\n")
            .Append("<button type=\"submit\" name=\"decision\" value=\"authorize\" class=\"button\">Autorizar pago</button>\n")
            .Append("<button type=\"submit\" name=\"decision\" value=\"reject\" class=\"button button-secondary\">Rechazar</button>\n")
            .Append("</div>\n</form>\n");
        return html.ToString();
    }

    /// A session that can no longer be paid: paid already, or expired.
    public static string Closed(CheckoutSessionRecord s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var html = new StringBuilder();
        if (s.Status == SessionStatus.Complete)
        {
            html.Append("<h1>Este pago ya se completó</h1>\n")
                .Append("<p>El pago de ").Append(E(Money.FormatWithCode(s.AmountTotal, s.Currency)))
                .Append(" ya fue realizado. No se le cobrará de nuevo.</p>\n");
        }
        else
        {
            html.Append("<h1>Esta sesión de pago expiró</h1>\n")
                .Append("<p>Ya no se puede pagar desde esta página. Vuelva al trámite para iniciar el pago de nuevo.</p>\n");
        }

        if (s.CancelUrl is not null)
        {
            html.Append("<p><a class=\"button\" href=\"").Append(E(s.CancelUrl)).Append("\">Volver al sitio</a></p>\n");
        }

        return html.ToString();
    }

    public static string Paid(CheckoutSessionRecord s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return "<h1>Pago completado</h1>\n<p>Se pagaron " + E(Money.FormatWithCode(s.AmountTotal, s.Currency))
            + ". Puede cerrar esta página.</p>\n";
    }

    public static string NotFound() =>
        "<h1>Sesión de pago no encontrada</h1>\n<p>La dirección no corresponde a ninguna sesión de pago. "
        + "Vuelva al trámite e inicie el pago de nuevo.</p>\n";

    private static void Summary(StringBuilder html, CheckoutSessionRecord s)
    {
        html.Append("<dl class=\"summary\">\n");
        foreach (var item in s.LineItems)
        {
            html.Append("<dt>Concepto</dt><dd>").Append(E(item.Name));
            if (item.Quantity > 1)
            {
                html.Append(" × ").Append(item.Quantity);
            }

            html.Append("</dd>\n");
        }

        html.Append("<dt>Total a pagar</dt><dd class=\"amount\">").Append(E(Money.FormatWithCode(s.AmountTotal, s.Currency))).Append("</dd>\n")
            .Append("</dl>\n");
    }

    private static void Field(StringBuilder html, string id, string name, string label, string hint, string value,
        string autocomplete, string? error, string css = "input")
    {
        html.Append("<div class=\"field").Append(error is null ? "" : " field-error").Append("\">\n")
            .Append("<label for=\"").Append(id).Append("\">").Append(E(label)).Append("</label>\n")
            .Append("<p class=\"hint\" id=\"").Append(id).Append("-hint\">").Append(E(hint)).Append("</p>\n");
        var describedBy = id + "-hint";
        if (error is not null)
        {
            html.Append("<p class=\"error-message\" id=\"").Append(id).Append("-error\"><span class=\"visually-hidden\">Error:</span> ")
                .Append(E(error)).Append("</p>\n");
            describedBy += " " + id + "-error";
        }

        html.Append("<input class=\"").Append(css).Append("\" id=\"").Append(id).Append("\" name=\"").Append(name)
            .Append("\" type=\"text\" inputmode=\"numeric\" spellcheck=\"false\" autocomplete=\"").Append(autocomplete)
            .Append("\" value=\"").Append(E(value)).Append("\" aria-describedby=\"").Append(describedBy).Append('"');
        if (error is not null)
        {
            html.Append(" aria-invalid=\"true\"");
        }

        html.Append(">\n</div>\n");
    }

    private static void TestCardHelp(StringBuilder html)
    {
        html.Append("<details class=\"test-cards\">\n<summary>Tarjetas de prueba</summary>\n")
            .Append("<p>Use cualquier fecha de vencimiento futura y cualquier CVC de 3 dígitos.</p>\n")
            .Append("<table>\n<thead><tr><th scope=\"col\">Número</th><th scope=\"col\">Resultado</th></tr></thead>\n<tbody>\n");
        foreach (var card in TestCards.All)
        {
            html.Append("<tr><td class=\"mono\">").Append(E(TestCards.Grouped(card.Number))).Append("</td><td>")
                .Append(E(card.Description)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</details>\n");
    }
}
