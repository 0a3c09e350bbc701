using System.Globalization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Payments;
using MspasTramite.Core.Performance;
using NpgsqlTypes;

namespace MspasTramite.Bench;

/// A table the bench loads around EF: its columns with their PostgreSQL types, and rows of plain
/// .NET values (Guid, string, int, bool, decimal, DateTimeOffset, DateOnly or null) that each engine
/// writes in the app's column formats.
internal sealed record BulkTable(string Name, IReadOnlyList<(string Name, NpgsqlDbType Type)> Columns, IEnumerable<object?[]> Rows);

/// What the KPI rollup reads beside the application row, made up for one file from its row: the
/// payment attempts (paid, expired, a few paid twice), refunds, the status history (submitted, paid,
/// claimed, recommended, decided: 3 to 6 lines), the survey answers and, for files started in the
/// last month, the form funnel's step events. Derived from the row with a random generator of its
/// own (seeded by the file's position), so each table can be streamed in a pass of its own.
internal sealed record FileHistory(List<object?[]> Payments, List<object?[]> Refunds, List<object?[]> Events, List<object?[]> Surveys, List<object?[]> Steps)
{
    public static readonly (string, NpgsqlDbType)[] PaymentColumns =
    [
        ("Id", NpgsqlDbType.Uuid), ("ApplicationId", NpgsqlDbType.Uuid), ("Provider", NpgsqlDbType.Varchar), ("Status", NpgsqlDbType.Varchar),
        ("IdempotencyKey", NpgsqlDbType.Varchar), ("SessionId", NpgsqlDbType.Varchar), ("ProviderPaymentId", NpgsqlDbType.Varchar),
        ("Amount", NpgsqlDbType.Numeric), ("Currency", NpgsqlDbType.Varchar), ("AmountRefunded", NpgsqlDbType.Numeric), ("GatewayFee", NpgsqlDbType.Numeric),
        ("CreatedAt", NpgsqlDbType.TimestampTz), ("ExpiresAt", NpgsqlDbType.TimestampTz), ("PaidAt", NpgsqlDbType.TimestampTz), ("Note", NpgsqlDbType.Varchar),
    ];

    public static readonly (string, NpgsqlDbType)[] RefundColumns =
    [
        ("Id", NpgsqlDbType.Uuid), ("PaymentAttemptId", NpgsqlDbType.Uuid), ("ProviderRefundId", NpgsqlDbType.Varchar), ("Amount", NpgsqlDbType.Numeric),
        ("Reason", NpgsqlDbType.Varchar), ("RequestedById", NpgsqlDbType.Varchar), ("CreatedAt", NpgsqlDbType.TimestampTz),
    ];

    public static readonly (string, NpgsqlDbType)[] EventColumns =
    [
        ("Id", NpgsqlDbType.Uuid), ("ApplicationId", NpgsqlDbType.Uuid), ("At", NpgsqlDbType.TimestampTz), ("ActorId", NpgsqlDbType.Varchar),
        ("Kind", NpgsqlDbType.Varchar), ("FromStatus", NpgsqlDbType.Varchar), ("ToStatus", NpgsqlDbType.Varchar), ("Internal", NpgsqlDbType.Boolean),
        ("ProcedureVersion", NpgsqlDbType.Integer), ("WorkflowVersion", NpgsqlDbType.Integer),
    ];

    public static readonly (string, NpgsqlDbType)[] SurveyColumns =
    [
        ("Id", NpgsqlDbType.Uuid), ("ApplicationId", NpgsqlDbType.Uuid), ("ProcedureId", NpgsqlDbType.Uuid), ("Moment", NpgsqlDbType.Varchar),
        ("Rating", NpgsqlDbType.Integer), ("Comment", NpgsqlDbType.Varchar), ("AnsweredAt", NpgsqlDbType.TimestampTz),
    ];

    public static readonly (string, NpgsqlDbType)[] StepColumns =
    [
        ("Id", NpgsqlDbType.Uuid), ("ApplicationId", NpgsqlDbType.Uuid), ("ProcedureId", NpgsqlDbType.Uuid), ("Step", NpgsqlDbType.Varchar),
        ("Kind", NpgsqlDbType.Varchar), ("At", NpgsqlDbType.TimestampTz),
    ];

    /// Files started this many days ago or later have form step events (the funnel is recent).
    public const int FunnelDays = 30;

    // Ratings 1 to 5, most people content: the shares of a typical public service survey.
    private static readonly double[] RatingShares = [0.07, 0.08, 0.15, 0.30, 0.40];

    public static FileHistory For(ApplicationRow a, int index, int seed, DateTimeOffset now, IReadOnlyList<UserInfo> analysts)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(analysts);
#pragma warning disable CA5394 // Reproducible generated data, not a secret.
        var random = new Random(unchecked((seed * 397) ^ index));
        var h = new FileHistory([], [], [], [], []);
        var analyst = a.AssignedToId ?? analysts[random.Next(analysts.Count)].Id;
        DateTimeOffset Between(DateTimeOffset from, DateTimeOffset to) =>
            to <= from ? from : from.AddTicks((long)(random.NextDouble() * (to - from).Ticks));
        DateTimeOffset Cap(DateTimeOffset at) => at > now ? now : at;

        // A version 7 id as the app makes them (time-ordered), its random part from this file's
        // generator: every pass over the history makes the same ids, so a refund finds its payment.
        Guid Id(DateTimeOffset at)
        {
            Span<byte> bytes = stackalloc byte[16];
            random.NextBytes(bytes);
            var ms = at.ToUnixTimeMilliseconds();
            for (var i = 0; i < 6; i++)
            {
                bytes[i] = (byte)(ms >> (8 * (5 - i)));
            }

            bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
            bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
            return new Guid(bytes, bigEndian: true);
        }

        void Event(DateTimeOffset at, string kind, string? actor, string? from, string? to) =>
            h.Events.Add([Id(at), a.Id, at, actor, kind, from, to, false, 1, 1]);

        Guid Attempt(PaymentStatus status, DateTimeOffset created, DateTimeOffset? paid, decimal refunded = 0m)
        {
            var id = Id(created);
            var settled = paid is not null;
            h.Payments.Add(
            [
                id, a.Id, "stripe", status.ToString(), string.Create(CultureInfo.InvariantCulture, $"bench-{id:N}"),
                string.Create(CultureInfo.InvariantCulture, $"cs_bench_{id:N}"), settled ? string.Create(CultureInfo.InvariantCulture, $"pi_bench_{id:N}") : null,
                a.FeeAmount, "GTQ", refunded,
                // Half the payments carry the fee the gateway reported; the others get the configured rate.
                settled && random.NextDouble() < 0.5 ? Math.Round((a.FeeAmount * 0.035m) + 2m, 2) : null,
                created, created.AddHours(24), paid, status == PaymentStatus.Duplicate ? "Segundo pago de un arancel ya pagado" : null,
            ]);
            return id;
        }

        void Refund(Guid attempt, decimal amount, DateTimeOffset at, string reason) =>
            h.Refunds.Add([Id(at), attempt, string.Create(CultureInfo.InvariantCulture, $"re_bench_{attempt:N}"), amount, reason, analysts[0].Id, at]);

        if (a.SubmittedAt is { } submitted)
        {
            Event(submitted, "submitted", a.ApplicantId, ApplicationStatus.Draft, ApplicationStatus.AwaitingPayment);
            if (a.ReceivedAt is { } received)
            {
                // One checkout in ten was abandoned or declined before the one that paid.
                if (random.NextDouble() < 0.10)
                {
                    _ = Attempt(PaymentStatus.Expired, Between(submitted, received), null);
                }

                var withdrawnRefund = a.Status == ApplicationStatus.Withdrawn && random.NextDouble() < 0.5;
                var paidAttempt = Attempt(PaymentStatus.Paid, received.AddMinutes(-random.Next(1, 15)), received, withdrawnRefund ? a.FeeAmount : 0m);
                Event(received, "paid", null, ApplicationStatus.AwaitingPayment, ApplicationStatus.Received);
                if (random.NextDouble() < 0.003)
                {
                    // Paid twice (two tabs): the second payment is refunded a day or two later.
                    var second = received.AddMinutes(random.Next(1, 30));
                    var duplicate = Attempt(PaymentStatus.Duplicate, second.AddMinutes(-2), second, a.FeeAmount);
                    Refund(duplicate, a.FeeAmount, Cap(second.AddDays(1 + random.Next(2))), "Pago duplicado");
                }

                if (withdrawnRefund)
                {
                    Refund(paidAttempt, a.FeeAmount, a.DecidedAt ?? Cap(received.AddDays(3)), "Desistimiento");
                }

                if (random.NextDouble() < 0.25)
                {
                    Survey(SurveyMoment.AfterPayment, Cap(received.AddMinutes(random.Next(1, 120))));
                }
            }
            else if (a.Status == ApplicationStatus.Expired)
            {
                _ = Attempt(PaymentStatus.Expired, submitted.AddMinutes(random.Next(1, 60)), null);
                Event(Cap(submitted.AddDays(3)), "expired", null, ApplicationStatus.AwaitingPayment, ApplicationStatus.Expired);
            }
            else if (random.NextDouble() < 0.3)
            {
                _ = Attempt(PaymentStatus.Expired, submitted.AddMinutes(random.Next(1, 60)), null);
            }
        }

        // The history from the claim on, in order whatever the row's own times say (the row's
        // assignment and decision times are drawn independently, so the claim is put before the decision).
        if (a.ReceivedAt is { } r && a.Status != ApplicationStatus.Received)
        {
            var end = a.DecidedAt ?? now;
            var claimed = a.AssignedAt is { } assigned && assigned <= end ? assigned : Between(r, end);
            Event(claimed, random.NextDouble() < 0.85 ? "claimed" : "assigned", analyst, ApplicationStatus.Received, ApplicationStatus.InReview);
            switch (a.Status)
            {
                case ApplicationStatus.Approved or ApplicationStatus.Rejected:
                    var recommended = Between(claimed, end);
                    Event(recommended, "recommended", analyst, ApplicationStatus.InReview, ApplicationStatus.AwaitingApproval);
                    Event(end, a.Status == ApplicationStatus.Approved ? "approved" : "rejected", analysts[0].Id, ApplicationStatus.AwaitingApproval, a.Status);
                    if (random.NextDouble() < 0.20)
                    {
                        Survey(SurveyMoment.AfterDecision, Cap(end.AddHours(random.Next(1, 72))));
                    }

                    break;
                case ApplicationStatus.Withdrawn:
                    Event(end, "withdrawn", a.ApplicantId, ApplicationStatus.InReview, ApplicationStatus.Withdrawn);
                    break;
                case ApplicationStatus.AwaitingCorrection:
                    Event(a.ClockStoppedAt ?? Between(claimed, now), "correction-requested", analyst, ApplicationStatus.InReview, ApplicationStatus.AwaitingCorrection);
                    break;
                case ApplicationStatus.InspectionScheduled:
                    Event(Between(claimed, now), "inspection-scheduled", analyst, ApplicationStatus.InReview, ApplicationStatus.InspectionScheduled);
                    break;
                case ApplicationStatus.AwaitingApproval:
                    Event(Between(claimed, now), "recommended", analyst, ApplicationStatus.InReview, ApplicationStatus.AwaitingApproval);
                    break;
                default:
                    break;
            }
        }

        if (a.CreatedAt >= now.AddDays(-FunnelDays))
        {
            // Submitted files went through every step; a draft stopped at one of them.
            var steps = KpiDashboard.FunnelSteps;
            var reached = a.SubmittedAt is null ? 1 + random.Next(steps.Count) : steps.Count;
            var at = a.CreatedAt;
            var last = a.SubmittedAt ?? Cap(a.CreatedAt.AddDays(2));
            for (var i = 0; i < reached; i++)
            {
                at = Between(at, last);
                h.Steps.Add([Id(at), a.Id, a.ProcedureId, steps[i], nameof(FormStepEventKind.Reached), at]);
                if (i < reached - 1 || a.SubmittedAt is not null)
                {
                    h.Steps.Add([Id(at), a.Id, a.ProcedureId, steps[i], nameof(FormStepEventKind.Saved), at.AddMinutes(random.Next(1, 20))]);
                }
            }
        }

        return h;

        void Survey(SurveyMoment moment, DateTimeOffset at)
        {
            int? rating = null;
            if (random.NextDouble() >= 0.15)
            {
                var x = random.NextDouble();
                rating = 5;
                for (var i = 0; i < RatingShares.Length; i++)
                {
                    if ((x -= RatingShares[i]) < 0)
                    {
                        rating = i + 1;
                        break;
                    }
                }
            }

            var comment = rating is not null && random.NextDouble() < 0.3
                ? string.Create(CultureInfo.InvariantCulture, $"Comentario {index}: el trámite {(rating >= 4 ? "fue rápido" : "tardó demasiado")}, llamar al 5555 {random.Next(1000, 9999)}")
                : null;
            h.Surveys.Add([Id(at), a.Id, a.ProcedureId, moment.ToString(), rating, comment, at]);
        }
#pragma warning restore CA5394
    }
}
