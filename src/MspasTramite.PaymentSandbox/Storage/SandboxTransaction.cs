using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace MspasTramite.PaymentSandbox.Storage;

/// The queries of the sandbox, inside one SQLite transaction.
internal sealed class SandboxTransaction(SqliteConnection connection, SqliteTransaction transaction)
{
    private static readonly JsonSerializerOptions DocumentOptions = new(JsonSerializerDefaults.Web);

    public int DeliveriesQueued { get; private set; }

    // Sessions

    public CheckoutSessionRecord? FindSession(string id) =>
        ReadDocument<CheckoutSessionRecord>("SELECT document FROM sessions WHERE id = $id", ("$id", id));

    public void SaveSession(CheckoutSessionRecord session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Execute(
            """
            INSERT INTO sessions (id, status, expires_at, created, document) VALUES ($id, $status, $expires, $created, $doc)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, document = excluded.document
            """,
            ("$id", session.Id), ("$status", session.Status), ("$expires", session.ExpiresAt),
            ("$created", session.Created), ("$doc", JsonSerializer.Serialize(session, DocumentOptions)));
    }

    public IReadOnlyList<string> OpenSessionsExpiringBy(long unixSeconds) =>
        Query("SELECT id FROM sessions WHERE status = 'open' AND expires_at <= $now ORDER BY expires_at",
            r => r.GetString(0), ("$now", unixSeconds));

    public IReadOnlyList<CheckoutSessionRecord> RecentSessions(int limit) =>
        Query("SELECT document FROM sessions ORDER BY created DESC, rowid DESC LIMIT $limit",
            r => Deserialize<CheckoutSessionRecord>(r.GetString(0)), ("$limit", limit));

    // Payments (payment intent + charge) and refunds

    public PaymentRecord? FindPayment(string paymentIntentId) =>
        ReadDocument<PaymentRecord>("SELECT document FROM payments WHERE id = $id", ("$id", paymentIntentId));

    public PaymentRecord? FindPaymentByCharge(string chargeId) =>
        ReadDocument<PaymentRecord>("SELECT document FROM payments WHERE charge_id = $id", ("$id", chargeId));

    public PaymentRecord? FindPaymentByBalanceTransaction(string balanceTransactionId) =>
        ReadDocument<PaymentRecord>("SELECT document FROM payments WHERE balance_transaction_id = $id", ("$id", balanceTransactionId));

    public void SavePayment(PaymentRecord payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        Execute(
            """
            INSERT INTO payments (id, charge_id, session_id, balance_transaction_id, document) VALUES ($id, $charge, $session, $txn, $doc)
            ON CONFLICT (id) DO UPDATE SET document = excluded.document
            """,
            ("$id", payment.Id), ("$charge", payment.ChargeId), ("$session", payment.SessionId),
            ("$txn", (object?)payment.BalanceTransaction?.Id ?? DBNull.Value),
            ("$doc", JsonSerializer.Serialize(payment, DocumentOptions)));
    }

    public RefundRecord? FindRefund(string id) =>
        ReadDocument<RefundRecord>("SELECT document FROM refunds WHERE id = $id", ("$id", id));

    public void InsertRefund(RefundRecord refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        Execute("INSERT INTO refunds (id, payment_id, created, document) VALUES ($id, $payment, $created, $doc)",
            ("$id", refund.Id), ("$payment", refund.PaymentIntentId), ("$created", refund.Created),
            ("$doc", JsonSerializer.Serialize(refund, DocumentOptions)));
    }

    // Events and their delivery

    /// The event row and, when a webhook endpoint is configured, its delivery, in the same transaction
    /// as the change it reports: an event is never lost between the change and the queue.
    public void InsertEvent(string id, string type, long created, string payload, DateTimeOffset? deliverAt)
    {
        Execute("INSERT INTO events (id, type, created, payload) VALUES ($id, $type, $created, $payload)",
            ("$id", id), ("$type", type), ("$created", created), ("$payload", payload));
        if (deliverAt is { } due)
        {
            QueueDelivery(id, due);
        }
    }

    public void QueueDelivery(string eventId, DateTimeOffset due)
    {
        Execute(
            """
            INSERT INTO deliveries (event_id, status, attempts, total_attempts, next_attempt_at)
            VALUES ($id, 'pending', 0, 0, $due)
            ON CONFLICT (event_id) DO UPDATE SET status = 'pending', attempts = 0, next_attempt_at = $due
            """,
            ("$id", eventId), ("$due", due.ToUnixTimeMilliseconds()));
        DeliveriesQueued++;
    }

    public EventRecord? FindEvent(string id) =>
        Query("SELECT seq, id, type, created, payload FROM events WHERE id = $id", ReadEvent, ("$id", id))
            .FirstOrDefault();

    /// Newest first. afterSequence/beforeSequence implement Stripe's starting_after/ending_before cursors.
    public IReadOnlyList<EventRecord> ListEvents(IReadOnlyCollection<string> types, int limit, long? olderThan, long? newerThan)
    {
        ArgumentNullException.ThrowIfNull(types);
        var parameters = new List<(string, object)> { ("$limit", limit) };
        var where = new List<string>();
        if (types.Count > 0)
        {
            var clauses = new List<string>();
            var i = 0;
            foreach (var type in types)
            {
                var name = $"$t{i++}";
                // Stripe accepts a trailing wildcard: "checkout.session.*".
                if (type.EndsWith('*'))
                {
                    clauses.Add($"substr(type, 1, length({name})) = {name}");
                    parameters.Add((name, type[..^1]));
                }
                else
                {
                    clauses.Add($"type = {name}");
                    parameters.Add((name, type));
                }
            }

            where.Add("(" + string.Join(" OR ", clauses) + ")");
        }

        if (olderThan is { } older)
        {
            where.Add("seq < $older");
            parameters.Add(("$older", older));
        }

        if (newerThan is { } newer)
        {
            where.Add("seq > $newer");
            parameters.Add(("$newer", newer));
        }

        var filter = where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "";
        // ending_before pages towards newer events: take the ones just above the cursor, then show
        // them newest first like every other page.
        var order = newerThan is not null && olderThan is null ? "ASC" : "DESC";
        var rows = Query($"SELECT seq, id, type, created, payload FROM events {filter} ORDER BY seq {order} LIMIT $limit",
            ReadEvent, [.. parameters]);
        return order == "ASC" ? [.. Enumerable.Reverse(rows)] : rows;
    }

    public IReadOnlyList<EventWithDelivery> RecentEventsWithDelivery(int limit) =>
        Query(
            """
            SELECT e.seq, e.id, e.type, e.created, e.payload,
                   d.event_id, d.status, d.attempts, d.total_attempts, d.next_attempt_at, d.last_attempt_at,
                   d.last_status_code, d.last_error, d.delivered_at
            FROM events e LEFT JOIN deliveries d ON d.event_id = e.id
            ORDER BY e.seq DESC LIMIT $limit
            """,
            r => new EventWithDelivery(ReadEvent(r), r.IsDBNull(5) ? null : ReadDelivery(r, 5)),
            ("$limit", limit));

    public DeliveryRecord? FindDelivery(string eventId) =>
        Query("""
              SELECT event_id, status, attempts, total_attempts, next_attempt_at, last_attempt_at,
                     last_status_code, last_error, delivered_at
              FROM deliveries WHERE event_id = $id
              """, r => ReadDelivery(r, 0), ("$id", eventId)).FirstOrDefault();

    public IReadOnlyList<EventRecord> DueDeliveries(DateTimeOffset now, int limit) =>
        Query(
            """
            SELECT e.seq, e.id, e.type, e.created, e.payload
            FROM deliveries d JOIN events e ON e.id = d.event_id
            WHERE d.status = 'pending' AND d.next_attempt_at <= $now
            ORDER BY d.next_attempt_at, e.seq LIMIT $limit
            """,
            ReadEvent, ("$now", now.ToUnixTimeMilliseconds()), ("$limit", limit));

    public DateTimeOffset? NextDueDelivery() =>
        Query("SELECT MIN(next_attempt_at) FROM deliveries WHERE status = 'pending'",
            r => r.IsDBNull(0) ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(0)))
            .FirstOrDefault();

    public void RecordDeliveryAttempt(string eventId, DateTimeOffset at, bool delivered, int? statusCode, string? error,
        DateTimeOffset? nextAttempt)
    {
        var status = delivered ? DeliveryStatus.Delivered : nextAttempt is null ? DeliveryStatus.Failed : DeliveryStatus.Pending;
        Execute(
            """
            UPDATE deliveries SET status = $status, attempts = attempts + 1, total_attempts = total_attempts + 1,
                last_attempt_at = $at, last_status_code = $code, last_error = $error,
                next_attempt_at = COALESCE($next, next_attempt_at),
                delivered_at = CASE WHEN $delivered THEN $at ELSE delivered_at END
            WHERE event_id = $id
            """,
            ("$id", eventId), ("$status", status), ("$at", at.ToUnixTimeMilliseconds()),
            ("$code", (object?)statusCode ?? DBNull.Value), ("$error", (object?)error ?? DBNull.Value),
            ("$next", (object?)nextAttempt?.ToUnixTimeMilliseconds() ?? DBNull.Value), ("$delivered", delivered));
    }

    public int AttemptsSoFar(string eventId) =>
        Query("SELECT attempts FROM deliveries WHERE event_id = $id", r => r.GetInt32(0), ("$id", eventId))
            .FirstOrDefault();

    // Idempotency keys

    public IdempotencyRecord? FindIdempotencyKey(string key) =>
        Query("SELECT key, fingerprint, body, request_id FROM idempotency_keys WHERE key = $key",
            r => new IdempotencyRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)), ("$key", key))
            .FirstOrDefault();

    public void SaveIdempotencyKey(IdempotencyRecord record, long created)
    {
        ArgumentNullException.ThrowIfNull(record);
        Execute("INSERT INTO idempotency_keys (key, fingerprint, body, request_id, created) VALUES ($key, $fp, $body, $req, $created)",
            ("$key", record.Key), ("$fp", record.Fingerprint), ("$body", record.Body), ("$req", record.RequestId),
            ("$created", created));
    }

    /// Stripe keeps keys for at least 24 hours.
    public void PruneIdempotencyKeys(long createdBefore) =>
        Execute("DELETE FROM idempotency_keys WHERE created < $before", ("$before", createdBefore));

    // Plumbing

    private static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, DocumentOptions) ?? throw new InvalidOperationException("Empty document.");

    private static EventRecord ReadEvent(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetString(4));

    private static DeliveryRecord ReadDelivery(SqliteDataReader r, int o) => new(
        r.GetString(o),
        r.GetString(o + 1),
        r.GetInt32(o + 2),
        r.GetInt32(o + 3),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(o + 4)),
        r.IsDBNull(o + 5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(o + 5)),
        r.IsDBNull(o + 6) ? null : r.GetInt32(o + 6),
        r.IsDBNull(o + 7) ? null : r.GetString(o + 7),
        r.IsDBNull(o + 8) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(o + 8)));

    private T? ReadDocument<T>(string sql, params (string Name, object Value)[] parameters)
        where T : class =>
        Query(sql, r => Deserialize<T>(r.GetString(0)), parameters).FirstOrDefault();

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var results = new List<T>();
        while (reader.Read())
        {
            results.Add(map(reader));
        }

        return results;
    }

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
