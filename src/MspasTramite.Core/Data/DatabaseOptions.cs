namespace MspasTramite.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// For SQLite, empty means "mspas.db in the data folder".
    public string? ConnectionString { get; set; }

    /// Where the embedded database, uploads and .eml files live.
    public string DataDirectory { get; set; } = "App_Data";

    public bool MigrateOnStartup { get; set; } = true;
}
