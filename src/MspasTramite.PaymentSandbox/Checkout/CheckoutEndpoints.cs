using MspasTramite.PaymentSandbox.Pages;
using MspasTramite.PaymentSandbox.Storage;

namespace MspasTramite.PaymentSandbox.Checkout;

/// The hosted checkout page, where the person types a test card. The session id in the address is
/// what grants access to it, as on Stripe's own page; there is no sign-in and no antiforgery token
/// (the forms post only card data for that one session).
internal static class CheckoutEndpoints
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/checkout/{id}", ShowAsync);
        group.MapPost("/checkout/{id}", PayAsync).DisableAntiforgery();
        group.MapPost("/checkout/{id}/autenticar", AuthenticateAsync).DisableAntiforgery();
    }

    private static async Task ShowAsync(HttpContext http, string id, SandboxDatabase database, SandboxGateway gateway)
    {
        var session = await database.WriteAsync(tx => gateway.FindSession(tx, id), http.RequestAborted).ConfigureAwait(false);
        var outcome = session switch
        {
            null => Outcome.NotFound(),
            { Status: SessionStatus.Open } => Outcome.Form(session, new CardForm(), null),
            _ => Outcome.Closed(session),
        };
        await outcome.WriteAsync(http).ConfigureAwait(false);
    }

    private static async Task PayAsync(HttpContext http, string id, SandboxDatabase database, SandboxGateway gateway,
        ILoggerFactory loggers)
    {
        var form = CardForm.From(await ReadFormAsync(http).ConfigureAwait(false));
        var outcome = await database.WriteAsync(tx =>
        {
            var session = gateway.FindSession(tx, id);
            if (session is null)
            {
                return Outcome.NotFound();
            }

            // Paid in another tab, or expired meanwhile: never charge twice.
            if (session.Status != SessionStatus.Open)
            {
                return Outcome.Closed(session);
            }

            if (form.Validate(gateway.UtcNow) is not { } valid)
            {
                return Outcome.Form(session, form, null);
            }

            var (card, digits) = valid;
            var testCard = TestCards.Find(digits);
            switch (testCard.Outcome)
            {
                case CardOutcome.Succeeds:
                    gateway.CompletePayment(tx, session, card);
                    return Outcome.Paid(session);
                case CardOutcome.RequiresAuthentication:
                    SandboxGateway.BeginAuthentication(tx, session, card);
                    return Outcome.Authentication(session);
                default:
                    if (session.PendingAuthentication is not null)
                    {
                        SandboxGateway.CancelAuthentication(tx, session);
                    }

                    loggers.CreateLogger(typeof(CheckoutEndpoints)).LogInformation(
                        "Sandbox checkout {SessionId}: card ending {Last4} declined", session.Id, card.Last4);
                    return Outcome.Form(session, form, testCard.DeclineMessage ?? TestCards.Declined);
            }
        }, http.RequestAborted).ConfigureAwait(false);
        await outcome.WriteAsync(http).ConfigureAwait(false);
    }

    private static async Task AuthenticateAsync(HttpContext http, string id, SandboxDatabase database, SandboxGateway gateway)
    {
        var form = await ReadFormAsync(http).ConfigureAwait(false);
        var token = form["token"].ToString();
        var authorize = form["decision"] == "authorize";
        var outcome = await database.WriteAsync(tx =>
        {
            var session = gateway.FindSession(tx, id);
            if (session is null)
            {
                return Outcome.NotFound();
            }

            if (session.Status != SessionStatus.Open)
            {
                return Outcome.Closed(session);
            }

            if (session.PendingAuthentication is not { } pending || pending.Token != token)
            {
                return Outcome.Form(session, new CardForm(),
                    "La confirmación de este pago ya no es válida. Escriba los datos de su tarjeta de nuevo.");
            }

            if (!authorize)
            {
                SandboxGateway.CancelAuthentication(tx, session);
                return Outcome.Form(session, new CardForm(), CheckoutPages.AuthenticationFailed);
            }

            gateway.CompletePayment(tx, session, pending.Card);
            return Outcome.Paid(session);
        }, http.RequestAborted).ConfigureAwait(false);
        await outcome.WriteAsync(http).ConfigureAwait(false);
    }

    private static async Task<IFormCollection> ReadFormAsync(HttpContext http) =>
        http.Request.HasFormContentType
            ? await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false)
            : FormCollection.Empty;

    /// What a checkout request ends in, decided inside the transaction and written after it.
    private sealed record Outcome(Func<HttpContext, Task> Write)
    {
        public Task WriteAsync(HttpContext http) => Write(http);

        public static Outcome NotFound() => new(http =>
            HtmlPage.WriteAsync(http, StatusCodes.Status404NotFound, "Sesión de pago no encontrada", CheckoutPages.NotFound()));

        public static Outcome Closed(CheckoutSessionRecord s) => new(http =>
            HtmlPage.WriteAsync(http, StatusCodes.Status200OK,
                s.Status == SessionStatus.Complete ? "Pago completado" : "Sesión de pago expirada", CheckoutPages.Closed(s)));

        public static Outcome Form(CheckoutSessionRecord s, CardForm form, string? paymentError) => new(http =>
            HtmlPage.WriteAsync(http, StatusCodes.Status200OK,
                (form.Errors.Count > 0 || paymentError is not null ? "Error: " : "") + CheckoutPages.Title(s),
                CheckoutPages.PaymentForm(HtmlPage.Base(http), s, form, paymentError),
                [s.SuccessUrl, s.CancelUrl]));

        public static Outcome Authentication(CheckoutSessionRecord s) => new(http =>
            HtmlPage.WriteAsync(http, StatusCodes.Status200OK, "Confirme el pago",
                CheckoutPages.Authentication(HtmlPage.Base(http), s, s.PendingAuthentication!),
                [s.SuccessUrl, s.CancelUrl]));

        /// Back to the app's success_url with the session id filled in, as Stripe does.
        public static Outcome Paid(CheckoutSessionRecord s) => new(http =>
        {
            if (s.SuccessUrl is null)
            {
                return HtmlPage.WriteAsync(http, StatusCodes.Status200OK, "Pago completado", CheckoutPages.Paid(s));
            }

            http.Response.StatusCode = StatusCodes.Status303SeeOther;
            http.Response.Headers.Location = s.SuccessUrl.Replace("{CHECKOUT_SESSION_ID}", s.Id, StringComparison.Ordinal);
            return Task.CompletedTask;
        });
    }
}
