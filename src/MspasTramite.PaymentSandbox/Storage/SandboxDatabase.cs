using Microsoft.Data.Sqlite;
using MspasTramite.PaymentSandbox.Webhooks;

namespace MspasTramite.PaymentSandbox.Storage;

/// The sandbox's SQLite file. Every change runs through WriteAsync, one at a time: a sandbox sees
/// little traffic, and serialising writes makes "check the idempotency key, act, save the response"
/// atomic without any locking subtleties.
internal sealed class SandboxDatabase : IDisposable
{
    private const string FileName = "payment-sandbox.db";

    // Each entry moves the schema one version forward (PRAGMA user_version); never edit a shipped one.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            created INTEGER NOT NULL,
            document TEXT NOT NULL);
        CREATE INDEX ix_sessions_open ON sessions (status, expires_at);
        CREATE TABLE payments (
            id TEXT PRIMARY KEY,
            charge_id TEXT NOT NULL UNIQUE,
            session_id TEXT NOT NULL,
            document TEXT NOT NULL);
        CREATE TABLE refunds (
            id TEXT PRIMARY KEY,
            payment_id TEXT NOT NULL,
            created INTEGER NOT NULL,
            document TEXT NOT NULL);
        CREATE TABLE events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            created INTEGER NOT NULL,
            payload TEXT NOT NULL);
        CREATE TABLE deliveries (
            event_id TEXT PRIMARY KEY REFERENCES events (id),
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            total_attempts INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            last_attempt_at INTEGER,
            last_status_code INTEGER,
            last_error TEXT,
            delivered_at INTEGER);
        CREATE INDEX ix_deliveries_due ON deliveries (status, next_attempt_at);
        CREATE TABLE idempotency_keys (
            key TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            body TEXT NOT NULL,
            request_id TEXT NOT NULL,
            created INTEGER NOT NULL);
        """,
        """
        ALTER TABLE payments ADD COLUMN balance_transaction_id TEXT;
        CREATE UNIQUE INDEX ix_payments_balance_transaction ON payments (balance_transaction_id);
        """,
    ];

    private readonly SemaphoreSlim writeGate = new(1, 1);
    private readonly DeliverySignal deliverySignal;

    public SandboxDatabase(IOptions<PaymentSandboxOptions> options, IHostEnvironment environment, DeliverySignal deliverySignal)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        this.deliverySignal = deliverySignal;
        var directory = Path.GetFullPath(options.Value.DataDirectory, environment.ContentRootPath);
        Directory.CreateDirectory(directory);
        FilePath = Path.Combine(directory, FileName);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        Migrate();
    }

    public string FilePath { get; }

    private string ConnectionString { get; }

    public async Task<T> WriteAsync<T>(Func<SandboxTransaction, T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        int eventsAdded;
        T result;
        try
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            var unit = new SandboxTransaction(connection, transaction);
            result = work(unit);
            transaction.Commit();
            eventsAdded = unit.DeliveriesQueued;
        }
        finally
        {
            writeGate.Release();
        }

        // After the commit, never before: the delivery service must find the rows it is woken for.
        if (eventsAdded > 0)
        {
            deliverySignal.Notify();
        }

        return result;
    }

    public Task WriteAsync(Action<SandboxTransaction> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return WriteAsync(t =>
        {
            work(t);
            return true;
        }, cancellationToken);
    }

    /// Reads in a transaction of their own (a consistent snapshot in WAL mode), without the write gate.
    public T Read<T>(Func<SandboxTransaction, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        return work(new SandboxTransaction(connection, transaction));
    }

    public void Dispose()
    {
        writeGate.Dispose();
        // Pooled connections keep the file open; a test that restarts the sandbox on the same folder,
        // or deletes it, needs them closed.
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private void Migrate()
    {
        using var connection = Open();
        using (var wal = connection.CreateCommand())
        {
            // WAL lets the dashboard and API reads proceed while the delivery service writes.
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using var version = connection.CreateCommand();
        version.Transaction = transaction;
        version.CommandText = "PRAGMA user_version;";
        var current = Convert.ToInt32(version.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        for (var i = current; i < Migrations.Length; i++)
        {
            using var step = connection.CreateCommand();
            step.Transaction = transaction;
            step.CommandText = Migrations[i] + $"\nPRAGMA user_version = {i + 1};";
            step.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
