using System.Globalization;
using System.Text;
using MspasTramite.PaymentSandbox.Storage;
using static MspasTramite.PaymentSandbox.Pages.HtmlPage;

namespace MspasTramite.PaymentSandbox.Pages;

/// The sandbox's own page: recent sessions, events and how their delivery went, with a "Reenviar"
/// button per event (Stripe's dashboard "Resend"). A development tool: no sign-in, like the rest of
/// the sandbox, which is never enabled in production.
internal static class DashboardEndpoints
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/", ShowAsync);
        group.MapPost("/eventos/{id}/reenviar", ResendAsync).DisableAntiforgery();
        group.MapGet("/sandbox.css", WriteStylesheetAsync);
    }

    private static Task ShowAsync(HttpContext http, SandboxDatabase database, IOptions<PaymentSandboxOptions> options)
    {
        var (sessions, events) = database.Read(tx => (tx.RecentSessions(50), tx.RecentEventsWithDelivery(100)));
        var settings = options.Value;
        var baseUrl = Base(http);
        var html = new StringBuilder();
        html.Append("<h1>Pasarela de pagos de prueba</h1>\n");
        if (http.Request.Query["reenviado"].ToString() is { Length: > 0 } resent)
        {
            html.Append("<p class=\"notice\" role=\"status\">El evento ").Append(E(resent))
                .Append(" se puso de nuevo en la cola de envío.</p>\n");
        }

        html.Append("<dl class=\"summary\">\n")
            .Append("<dt>Base de la API (apiBase de Stripe.net)</dt><dd class=\"mono\">")
            .Append(E($"{http.Request.Scheme}://{http.Request.Host}{baseUrl}")).Append("</dd>\n")
            .Append("<dt>Webhook</dt><dd class=\"mono\">")
            .Append(string.IsNullOrWhiteSpace(settings.WebhookUrl)
                ? "sin configurar: los eventos se registran pero no se envían"
                : E(settings.WebhookUrl))
            .Append("</dd>\n</dl>\n");

        html.Append("<h2 id=\"sesiones-titulo\">Sesiones de pago</h2>\n");
        if (sessions.Count == 0)
        {
            html.Append("<p>Todavía no hay sesiones.</p>\n");
        }
        else
        {
            html.Append("<div class=\"table-wrap\"><table id=\"sesiones\" aria-labelledby=\"sesiones-titulo\">\n<thead><tr><th scope=\"col\">Creada</th><th scope=\"col\">Sesión</th>")
                .Append("<th scope=\"col\">Referencia</th><th scope=\"col\">Monto</th><th scope=\"col\">Estado</th>")
                .Append("<th scope=\"col\">Pago</th></tr></thead>\n<tbody>\n");
            foreach (var s in sessions)
            {
                html.Append("<tr><td>").Append(Time(s.Created)).Append("</td><td class=\"mono\">");
                if (s.Status == SessionStatus.Open)
                {
                    html.Append("<a href=\"").Append(E($"{baseUrl}/checkout/{s.Id}")).Append("\">").Append(E(Short(s.Id))).Append("</a>");
                }
                else
                {
                    html.Append(E(Short(s.Id)));
                }

                html.Append("</td><td>").Append(E(s.ClientReferenceId)).Append("</td><td>")
                    .Append(E(Money.FormatWithCode(s.AmountTotal, s.Currency))).Append("</td><td>")
                    .Append(E(SessionStatusText(s))).Append("</td><td class=\"mono\">").Append(E(s.PaymentIntentId)).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table></div>\n");
        }

        html.Append("<h2 id=\"eventos-titulo\">Eventos</h2>\n");
        if (events.Count == 0)
        {
            html.Append("<p>Todavía no hay eventos.</p>\n");
        }
        else
        {
            html.Append("<div class=\"table-wrap\"><table id=\"eventos\" aria-labelledby=\"eventos-titulo\">\n<thead><tr><th scope=\"col\">Creado</th><th scope=\"col\">Evento</th>")
                .Append("<th scope=\"col\">Tipo</th><th scope=\"col\">Entrega</th><th scope=\"col\">Intentos</th>")
                .Append("<th scope=\"col\">Última respuesta</th><th scope=\"col\"><span class=\"visually-hidden\">Acciones</span></th>")
                .Append("</tr></thead>\n<tbody>\n");
            foreach (var (e, delivery) in events)
            {
                html.Append("<tr><td>").Append(Time(e.Created)).Append("</td><td class=\"mono\">").Append(E(e.Id))
                    .Append("</td><td class=\"mono\">").Append(E(e.Type)).Append("</td><td>").Append(E(DeliveryText(delivery)))
                    .Append("</td><td>").Append(delivery?.TotalAttempts ?? 0).Append("</td><td>")
                    .Append(E(delivery is null ? "" : delivery.LastError ?? delivery.LastStatusCode?.ToString(CultureInfo.InvariantCulture)))
                    .Append("</td><td>");
                if (!string.IsNullOrWhiteSpace(settings.WebhookUrl))
                {
                    html.Append("<form method=\"post\" action=\"").Append(E($"{baseUrl}/eventos/{e.Id}/reenviar")).Append("\">")
                        .Append("<button type=\"submit\" class=\"button button-small\" aria-label=\"Reenviar ").Append(E(e.Id))
                        .Append("\">Reenviar</button></form>");
                }

                html.Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table></div>\n");
        }

        return HtmlPage.WriteAsync(http, StatusCodes.Status200OK, "Pasarela de pagos de prueba", html.ToString());
    }

    private static async Task ResendAsync(HttpContext http, string id, SandboxDatabase database, SandboxGateway gateway)
    {
        var queued = await database.WriteAsync(tx => gateway.Resend(tx, id), http.RequestAborted).ConfigureAwait(false);
        if (!queued)
        {
            await HtmlPage.WriteAsync(http, StatusCodes.Status404NotFound, "Evento no encontrado",
                "<h1>No se pudo reenviar el evento</h1>\n<p>El evento no existe o no hay webhook configurado.</p>\n"
                + "<p><a href=\"" + E(Base(http) + "/") + "\">Volver a la pasarela</a></p>\n").ConfigureAwait(false);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = $"{Base(http)}/?reenviado={Uri.EscapeDataString(id)}";
    }

    private static string SessionStatusText(CheckoutSessionRecord s) => s.Status switch
    {
        SessionStatus.Open when s.PendingAuthentication is not null => "abierta (esperando autorización)",
        SessionStatus.Open => "abierta",
        SessionStatus.Complete => "pagada",
        SessionStatus.Expired => "expirada",
        _ => s.Status,
    };

    private static string DeliveryText(DeliveryRecord? d) => d?.Status switch
    {
        null => "sin webhook",
        DeliveryStatus.Delivered => "entregado",
        DeliveryStatus.Failed => "fallido (sin más reintentos)",
        _ when d.TotalAttempts == 0 => "pendiente",
        _ => "reintento a las " + d.NextAttemptAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC",
    };

    private static string Time(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Short(string id) => id.Length <= 32 ? id : id[..32] + "…";
}
