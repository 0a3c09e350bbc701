using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MspasTramite.Bench;

internal sealed record CapturedCommand(string Sql, string Parameters, TimeSpan Duration, string? Plan);

/// Records each command EF sends (its SQL, parameters and time, rows read included) and, when asked, first runs it under
/// EXPLAIN with the very same parameters: the plan shown is the plan of the SQL the app sends.
internal sealed class CommandCapture(Func<string, string> explainPrefix) : DbCommandInterceptor
{
    private readonly List<CapturedCommand> commands = [];
    private readonly Dictionary<DbCommand, string?> plans = [];
    private readonly Dictionary<DbCommand, TimeSpan> executing = [];

    public bool Explain { get; set; }

    public IReadOnlyList<CapturedCommand> Commands => commands;

    public void Clear() => commands.Clear();

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await ExplainAsync(command, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await ExplainAsync(command, cancellationToken);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        executing[command] = eventData.Duration;
        return ValueTask.FromResult(result);
    }

    // A reader's time runs until it is disposed, rows read: SQLite hands back the first row of a
    // streaming plan at once and does the rest of the work while EF reads.
    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        executing.Remove(command, out var execution);
        Record(command, execution + eventData.Duration);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData.Duration);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command, TimeSpan duration)
    {
        plans.Remove(command, out var plan);
        commands.Add(new CapturedCommand(command.CommandText, Describe(command.Parameters), duration, plan));
    }

    private async Task ExplainAsync(DbCommand command, CancellationToken cancellationToken)
    {
        if (!Explain)
        {
            return;
        }

        var sql = command.CommandText;
        // Built from EF's own SQL; the parameters stay parameters.
#pragma warning disable CA2100
        command.CommandText = explainPrefix(sql) + sql;
#pragma warning restore CA2100
        try
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken);
            await using (reader)
            {
                plans[command] = await Plans.FormatAsync(reader, cancellationToken);
            }
        }
        finally
        {
#pragma warning disable CA2100
            command.CommandText = sql;
#pragma warning restore CA2100
        }
    }

    private static string Describe(DbParameterCollection parameters)
    {
        var text = new StringBuilder();
        foreach (DbParameter p in parameters)
        {
            var value = p.Value switch
            {
                null or DBNull => "NULL",
                string[] array => "{" + string.Join(",", array) + "}",
                var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
            };
            text.Append(text.Length > 0 ? ", " : "").Append(p.ParameterName).Append(" = ").Append(value);
        }

        return text.ToString();
    }
}

internal static class Plans
{
    /// PostgreSQL answers one text line per row; SQLite's EXPLAIN QUERY PLAN answers (id, parent, notused,
    /// detail) rows that form a tree, drawn here the way the sqlite3 shell draws it.
    public static async Task<string> FormatAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var text = new StringBuilder();
        if (reader.FieldCount == 1)
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                text.AppendLine(reader.GetString(0));
            }

            return text.ToString().TrimEnd();
        }

        var depth = new Dictionary<long, int> { [0] = -1 };
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            var parent = reader.GetInt64(1);
            var level = depth.GetValueOrDefault(parent, -1) + 1;
            depth[id] = level;
            text.Append(' ', level * 3).Append("`--").AppendLine(reader.GetString(3));
        }

        return text.ToString().TrimEnd();
    }
}
