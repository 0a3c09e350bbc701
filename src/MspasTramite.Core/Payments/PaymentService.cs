using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Notifications;
using MspasTramite.Core.Performance;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Review;
using MspasTramite.Core.Verification;

namespace MspasTramite.Core.Payments;

public enum StartOutcome
{
    Redirect,
    NotPayable,
    GatewayUnavailable,
}

public enum SettleOutcome
{
    Paid,
    AlreadyPaid,
    StillOpen,
    Expired,
    Mismatch,
    Duplicate,
    UnknownSession,
}

/// The app's side of online payment. Nothing paid may be lost, charged twice, or left unattached:
/// every path (webhook, success page, reconciliation) converges on SettleAsync, which moves a
/// payment forward only and issues exactly one receipt.
public sealed class PaymentService(
    AppDbContext db,
    IPaymentGateway gateway,
    EmailOutbox outbox,
    IOptions<PaymentOptions> options,
    PublicAddress address,
    TimeProvider clock,
    HolidayCalendar holidays,
    ILogger<PaymentService> logger)
{
    private static readonly TimeSpan FeeLookupLimit = TimeSpan.FromSeconds(5);
    private const int FeeRetryDays = 30;
    private const int FeeRetryBatch = 50;

    public async Task<(StartOutcome Outcome, string? Url)> StartAsync(Application application, string customerEmail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (application.Status != ApplicationStatus.AwaitingPayment || application.FeeAmount is null || application.FileNumber is null)
        {
            return (StartOutcome.NotPayable, null);
        }

        var now = clock.GetUtcNow();
        // An open session is reused: a second click, a second tab or a retry pays the same session.
        var attempt = await db.PaymentAttempts
            .Where(p => p.ApplicationId == application.Id && (p.Status == PaymentStatus.Created || p.Status == PaymentStatus.Open))
            .OrderByDescending(p => p.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (attempt is { Status: PaymentStatus.Open, CheckoutUrl: not null } && (attempt.ExpiresAt is null || attempt.ExpiresAt > now.AddMinutes(2)))
        {
            return (StartOutcome.Redirect, attempt.CheckoutUrl);
        }

        // An attempt whose session creation never got an answer is retried with its own key while
        // that key's parameters can still be honoured; after 20 minutes its session expiry would be
        // too close for the gateway to accept, so a fresh attempt (and key) replaces it.
        var staleCreated = attempt is { Status: PaymentStatus.Created } && attempt.CreatedAt < now.AddMinutes(-20);
        if (attempt is null || attempt.Status == PaymentStatus.Open || staleCreated)
        {
            if (attempt is not null)
            {
                attempt.Status = PaymentStatus.Expired; // about to lapse: a fresh session is safer than a dying one
            }

            var id = Guid.CreateVersion7();
            attempt = new PaymentAttempt
            {
                Id = id,
                ApplicationId = application.Id,
                Provider = gateway.Provider,
                Status = PaymentStatus.Created,
                IdempotencyKey = $"mspas-attempt-{id:N}",
                Amount = application.FeeAmount.Value,
                Currency = application.Currency,
                CreatedAt = now,
            };
            db.PaymentAttempts.Add(attempt);
            // Touching the application's concurrency stamp makes two simultaneous "Pagar" clicks
            // collide here: the loser reloads and reuses the winner's attempt.
            application.ConcurrencyStamp = Guid.NewGuid();
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var fresh = await db.Applications.Include(a => a.ProcedureVersion).ThenInclude(v => v.Procedure)
                    .SingleAsync(a => a.Id == application.Id, cancellationToken).ConfigureAwait(false);
                return await StartAsync(fresh, customerEmail, cancellationToken).ConfigureAwait(false);
            }
        }

        var version = application.ProcedureVersion;
        var back = address.Link($"/mis-solicitudes/{application.Id}/pago");
        try
        {
            // The same attempt always sends the same idempotency key: a retry after a timeout can
            // never create a second session at the gateway.
            var created = await gateway.CreateCheckoutAsync(new CheckoutRequest(
                attempt.Id, application.Id, application.FileNumber, $"{version.Name} — {application.FileNumber}",
                Fees.ToCentavos(attempt.Amount), attempt.Currency,
                back + "/exito?session_id={CHECKOUT_SESSION_ID}", back + "/cancelado",
                attempt.IdempotencyKey, customerEmail, attempt.CreatedAt), cancellationToken).ConfigureAwait(false);
            attempt.SessionId = created.SessionId;
            attempt.CheckoutUrl = created.Url;
            attempt.ExpiresAt = created.ExpiresAt;
            attempt.Status = PaymentStatus.Open;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return (StartOutcome.Redirect, created.Url);
        }
        catch (PaymentGatewayException ex)
        {
            logger.LogWarning(ex, "Checkout session for attempt {AttemptId} could not be created", attempt.Id);
            return (StartOutcome.GatewayUnavailable, null);
        }
    }

    /// Applies what the gateway says about a session. Safe to call any number of times, from any
    /// path, concurrently: the payment moves forward only and one receipt is issued.
    public async Task<SettleOutcome> SettleAsync(CheckoutState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var attempt = await db.PaymentAttempts.AsNoTracking().FirstOrDefaultAsync(p => p.SessionId == state.SessionId, cancellationToken).ConfigureAwait(false);
        if (attempt is null)
        {
            logger.LogWarning("Payment event for unknown checkout session {SessionId}", state.SessionId);
            return SettleOutcome.UnknownSession;
        }

        if (attempt.Status is PaymentStatus.Paid)
        {
            return SettleOutcome.AlreadyPaid;
        }

        if (state.Status == CheckoutStatus.Expired && !state.Paid)
        {
            await MoveAsync(attempt.Id, PaymentStatus.Expired, null, cancellationToken).ConfigureAwait(false);
            return SettleOutcome.Expired;
        }

        if (!state.Paid)
        {
            await db.PaymentAttempts.Where(p => p.Id == attempt.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastCheckedAt, clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            return SettleOutcome.StillOpen;
        }

        // The amount and currency must be what this application owes, frozen at submission.
        if (state.AmountCentavos != Fees.ToCentavos(attempt.Amount) || !string.Equals(state.Currency, attempt.Currency, StringComparison.OrdinalIgnoreCase))
        {
            var note = $"Cobrado {state.AmountCentavos} {state.Currency} (centavos); se esperaba {Fees.ToCentavos(attempt.Amount)} {attempt.Currency}.";
            // The money was taken: PaidAt is what puts the payment in front of Finanzas (their list is by payment date).
            await MoveAsync(attempt.Id, PaymentStatus.Mismatch, note, cancellationToken, state.PaymentId, clock.GetUtcNow()).ConfigureAwait(false);
            logger.LogError("Payment {AttemptId} does not match its fee: {Note}", attempt.Id, note);
            if (state.PaymentId is not null)
            {
                // The gateway charged its fee on the money it took, matched or not.
                await RecordGatewayFeeAsync(attempt, state.PaymentId, cancellationToken).ConfigureAwait(false);
            }

            return SettleOutcome.Mismatch;
        }

        var outcome = await db.InTransactionAsync(async transaction =>
        {
            var now = clock.GetUtcNow();
            var alreadyPaid = await db.PaymentAttempts.AnyAsync(p => p.ApplicationId == attempt.ApplicationId && p.Status == PaymentStatus.Paid && p.Id != attempt.Id, cancellationToken).ConfigureAwait(false);
            var target = alreadyPaid ? PaymentStatus.Duplicate : PaymentStatus.Paid;

            // The conditional UPDATE is the gate: of any number of concurrent calls, one sees a row change.
            var from = new[] { PaymentStatus.Created, PaymentStatus.Open, PaymentStatus.Expired };
            var moved = await db.PaymentAttempts
                .Where(p => p.Id == attempt.Id && from.Contains(p.Status))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.Status, target)
                    .SetProperty(p => p.PaidAt, now)
                    .SetProperty(p => p.ProviderPaymentId, state.PaymentId)
                    .SetProperty(p => p.Note, alreadyPaid ? "Segundo pago del mismo expediente: debe reembolsarse." : null), cancellationToken).ConfigureAwait(false);
            if (moved == 0)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return SettleOutcome.AlreadyPaid;
            }

            if (alreadyPaid)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                logger.LogError("Application {ApplicationId} was paid twice; attempt {AttemptId} must be refunded", attempt.ApplicationId, attempt.Id);
                return SettleOutcome.Duplicate;
            }

            var application = await db.Applications.Include(a => a.ProcedureVersion)
                .SingleAsync(a => a.Id == attempt.ApplicationId, cancellationToken).ConfigureAwait(false);
            var applicant = await db.Users.AsNoTracking().SingleAsync(u => u.Id == application.ApplicantId, cancellationToken).ConfigureAwait(false);
            var receipt = await IssueReceiptAsync(attempt, now, cancellationToken).ConfigureAwait(false);
            var note = $"{Fees.Format(attempt.Amount)} — comprobante {receipt.Number}";
            var context = new WorkflowContext(application, WorkflowActor.System, now);
            if (ApplicationWorkflow.Check(context, WorkflowTrigger.Pay).Allowed)
            {
                // The legal time starts now: the file is ready for the back office.
                db.ApplicationEvents.Add(ApplicationWorkflow.Fire(context, WorkflowTrigger.Pay, note));
                await LegalClock.StartAsync(db, holidays, application, now, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Paid after withdrawing: the money is recorded (Finanzas refunds it); the file stays as it is.
                db.ApplicationEvents.Add(ApplicationEvent.Create(application.Id, now, "paid", note: note));
            }

            application.UpdatedAt = now;
            application.ConcurrencyStamp = Guid.NewGuid();
            PaymentEmails.Receipt(outbox, applicant.Email!, applicant.FullName, application, receipt, address.Link($"/verificar/{receipt.VerificationCode}"),
                address.Link(SurveyService.Path(application.Id, SurveyMoment.AfterPayment)));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Application {ApplicationId} paid: attempt {AttemptId}, receipt {ReceiptNumber}", application.Id, attempt.Id, receipt.Number);
            return SettleOutcome.Paid;
        }, cancellationToken).ConfigureAwait(false);

        if (outcome is SettleOutcome.Paid or SettleOutcome.Duplicate && state.PaymentId is not null)
        {
            await RecordGatewayFeeAsync(attempt, state.PaymentId, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    /// The gateway's fee only feeds the cost per transaction, so it is asked for after the payment is
    /// committed, by whichever call moved it, and anything that goes wrong leaves it null (the
    /// configured rate then stands in) without touching the payment or its caller.
    /// False when the gateway could not be asked (down, slow, or refused); the configured rate stands in.
    private async Task<bool> RecordGatewayFeeAsync(PaymentAttempt attempt, string paymentId, CancellationToken cancellationToken)
    {
        try
        {
            long? centavos;
            using (var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                // A webhook or a person waits on this call; the fee is not worth making them wait long.
                bounded.CancelAfter(FeeLookupLimit);
                centavos = await gateway.GetFeeCentavosAsync(paymentId, attempt.Currency, bounded.Token).ConfigureAwait(false);
            }

            if (centavos is null)
            {
                logger.LogInformation("The gateway reported no fee for attempt {AttemptId}; the configured rate stands in", attempt.Id);
                return true;
            }

            await db.PaymentAttempts.Where(p => p.Id == attempt.Id && p.GatewayFee == null)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.GatewayFee, Fees.FromCentavos(centavos.Value)), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is PaymentGatewayException or OperationCanceledException or System.Data.Common.DbException)
        {
            logger.LogWarning(ex, "The gateway's fee for attempt {AttemptId} could not be recorded; the configured rate stands in", attempt.Id);
            return false;
        }
    }

    public const string DuplicateWebhook = "duplicate";
    public const string IgnoredWebhook = "ignored";

    /// Handles one verified webhook event, once: a redelivered event id is one query, and only an
    /// event of a type the service acts on is parsed in full (<paramref name="parse"/>).
    public async Task<string> HandleWebhookAsync(WebhookEnvelope envelope, Func<WebhookEvent> parse, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(parse);
        if (await db.ProcessedWebhookEvents.AnyAsync(e => e.EventId == envelope.Id, cancellationToken).ConfigureAwait(false))
        {
            return DuplicateWebhook;
        }

        var webhook = envelope.Handled ? parse() : null;
        var outcome = webhook is null ? IgnoredWebhook : webhook.Kind switch
        {
            WebhookKind.CheckoutCompleted or WebhookKind.CheckoutExpired => (await SettleAsync(webhook.Checkout!, cancellationToken).ConfigureAwait(false)).ToString(),
            WebhookKind.ChargeRefunded => await ApplyRefundedAsync(webhook, cancellationToken).ConfigureAwait(false),
            _ => IgnoredWebhook,
        };

        db.ProcessedWebhookEvents.Add(new ProcessedWebhookEvent { EventId = envelope.Id, Type = envelope.Type, ReceivedAt = clock.GetUtcNow(), Outcome = outcome });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another delivery of the same event got here first; the work above is idempotent.
            db.ChangeTracker.Clear();
            return DuplicateWebhook;
        }

        return outcome;
    }

    public async Task<Refund> RefundAsync(Guid attemptId, decimal amount, string reason, string requestedById, CancellationToken cancellationToken = default)
    {
        var attempt = await db.PaymentAttempts.SingleAsync(p => p.Id == attemptId, cancellationToken).ConfigureAwait(false);
        if (amount <= 0 || amount > attempt.Refundable || attempt.ProviderPaymentId is null)
        {
            throw new RefundRefusedException($"Refundable: {attempt.Refundable}");
        }

        var refund = new Refund
        {
            Id = Guid.CreateVersion7(),
            PaymentAttemptId = attempt.Id,
            Amount = amount,
            Reason = reason,
            RequestedById = requestedById,
            CreatedAt = clock.GetUtcNow(),
        };
        refund.ProviderRefundId = await gateway.RefundAsync(attempt.ProviderPaymentId, Fees.ToCentavos(amount), $"mspas-refund-{refund.Id:N}", cancellationToken).ConfigureAwait(false);
        attempt.AmountRefunded += amount;
        db.Refunds.Add(refund);
        var application = await db.Applications.Include(a => a.ProcedureVersion).SingleAsync(a => a.Id == attempt.ApplicationId, cancellationToken).ConfigureAwait(false);
        var applicant = await db.Users.AsNoTracking().SingleAsync(u => u.Id == application.ApplicantId, cancellationToken).ConfigureAwait(false);
        db.ApplicationEvents.Add(ApplicationEvent.Create(application.Id, refund.CreatedAt, "refunded", requestedById, note: $"{Fees.Format(amount)}: {reason}"));
        PaymentEmails.Refund(outbox, applicant.Email!, applicant.FullName, application, amount, reason);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return refund;
    }

    /// Payments whose fee lookup failed (the gateway was down, slow, or the call was cut short) are asked
    /// again, for a month after payment and a few at a time: the cost per transaction then uses what the
    /// gateway really charged instead of the configured rate.
    private async Task RetryGatewayFeesAsync(DateTimeOffset now, DateTimeOffset settledBefore, CancellationToken cancellationToken)
    {
        // settledBefore: a payment settled just now may still have its own lookup under way.
        var since = now.AddDays(-FeeRetryDays);
        var withoutFee = await db.PaymentAttempts.AsNoTracking()
            .Where(p => (p.Status == PaymentStatus.Paid || p.Status == PaymentStatus.Duplicate || p.Status == PaymentStatus.Mismatch)
                && p.GatewayFee == null && p.ProviderPaymentId != null && p.PaidAt < settledBefore && p.PaidAt > since)
            .OrderByDescending(p => p.PaidAt).Take(FeeRetryBatch)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var attempt in withoutFee)
        {
            if (!await RecordGatewayFeeAsync(attempt, attempt.ProviderPaymentId!, cancellationToken).ConfigureAwait(false))
            {
                // The gateway is not answering: the next reconciliation tries again, without waiting on every payment now.
                break;
            }
        }
    }

    /// Sessions still open after a while are asked about; sessions past their time are expired;
    /// applications unpaid for too long expire. Run by a recurring job.
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var threshold = now.AddMinutes(-options.Value.ReconcileAfterMinutes);
        var open = await db.PaymentAttempts.AsNoTracking()
            .Where(p => p.Status == PaymentStatus.Open && p.SessionId != null && p.CreatedAt < threshold)
            .OrderBy(p => p.CreatedAt).Take(200).ToListAsync(cancellationToken).ConfigureAwait(false);
        var settled = 0;
        foreach (var attempt in open)
        {
            try
            {
                var state = await gateway.GetCheckoutAsync(attempt.SessionId!, cancellationToken).ConfigureAwait(false);
                if (state.Status == CheckoutStatus.Open && attempt.ExpiresAt is { } expires && expires < now)
                {
                    await gateway.ExpireCheckoutAsync(attempt.SessionId!, cancellationToken).ConfigureAwait(false);
                    state = await gateway.GetCheckoutAsync(attempt.SessionId!, cancellationToken).ConfigureAwait(false);
                }

                if (await SettleAsync(state, cancellationToken).ConfigureAwait(false) is not SettleOutcome.StillOpen)
                {
                    settled++;
                }
            }
            catch (PaymentGatewayException ex)
            {
                logger.LogWarning(ex, "Reconciliation could not reach the gateway for attempt {AttemptId}", attempt.Id);
            }
        }

        await RetryGatewayFeesAsync(now, threshold, cancellationToken).ConfigureAwait(false);

        var unpaidSince = now.AddDays(-options.Value.UnpaidExpiryDays);
        var stale = await db.Applications
            .Where(a => a.Status == ApplicationStatus.AwaitingPayment && a.SubmittedAt < unpaidSince)
            .Where(a => !db.PaymentAttempts.Any(p => p.ApplicationId == a.Id && (p.Status == PaymentStatus.Open || p.Status == PaymentStatus.Paid)))
            .Include(a => a.ProcedureVersion)
            .Take(200).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var application in stale)
        {
            db.ApplicationEvents.Add(ApplicationWorkflow.Fire(new WorkflowContext(application, WorkflowActor.System, now), WorkflowTrigger.ExpireUnpaid,
                $"{options.Value.UnpaidExpiryDays} días sin pago"));
            application.UpdatedAt = now;
            application.ConcurrencyStamp = Guid.NewGuid();
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return settled + stale.Count;
    }

    private async Task<Receipt> IssueReceiptAsync(PaymentAttempt attempt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var year = GuatemalaTime.ToLocal(now).Year;
        var prefix = options.Value.ReceiptPrefix;
        var number = await NumberSeries.NextAsync(db, "receipt:" + prefix, year, cancellationToken).ConfigureAwait(false);
        var receipt = new Receipt
        {
            Id = Guid.CreateVersion7(),
            Number = $"{prefix}-{year}-{number:000000}",
            PaymentAttemptId = attempt.Id,
            ApplicationId = attempt.ApplicationId,
            Amount = attempt.Amount,
            IssuedAt = now,
            VerificationCode = VerificationCodes.New(),
        };
        db.Receipts.Add(receipt);
        return receipt;
    }

    private async Task<string> ApplyRefundedAsync(WebhookEvent webhook, CancellationToken cancellationToken)
    {
        if (webhook.RefundedPaymentId is null || webhook.AmountRefundedCentavos is null)
        {
            return "ignored";
        }

        var attempt = await db.PaymentAttempts.FirstOrDefaultAsync(p => p.ProviderPaymentId == webhook.RefundedPaymentId, cancellationToken).ConfigureAwait(false);
        if (attempt is null)
        {
            logger.LogWarning("Refund event for unknown payment {PaymentId}", webhook.RefundedPaymentId);
            return "unknown-payment";
        }

        // The gateway's total is cumulative; take the larger so out-of-order events never lower it.
        var refunded = Fees.FromCentavos(webhook.AmountRefundedCentavos.Value);
        if (refunded > attempt.AmountRefunded)
        {
            attempt.AmountRefunded = refunded;
        }

        return "refund-recorded";
    }

    private Task<int> MoveAsync(Guid attemptId, PaymentStatus to, string? note, CancellationToken cancellationToken, string? paymentId = null, DateTimeOffset? paidAt = null)
    {
        var from = Enum.GetValues<PaymentStatus>().Where(s => PaymentAttempt.CanMoveTo(s, to)).ToArray();
        return db.PaymentAttempts.Where(p => p.Id == attemptId && from.Contains(p.Status))
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Status, to)
                .SetProperty(p => p.Note, p => note ?? p.Note)
                .SetProperty(p => p.ProviderPaymentId, p => paymentId ?? p.ProviderPaymentId)
                .SetProperty(p => p.PaidAt, p => paidAt ?? p.PaidAt)
                .SetProperty(p => p.LastCheckedAt, clock.GetUtcNow()), cancellationToken);
    }
}
