using Microsoft.EntityFrameworkCore;

namespace MspasTramite.Core.Data;

public static class UniqueViolation
{
    /// Whether a save failed on a unique index: the database's own guard caught a race.
    public static bool IsUniqueViolation(this DbUpdateException e) =>
        e?.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true
        || e?.InnerException?.GetType().Name == "PostgresException" && e.InnerException.Message.StartsWith("23505", StringComparison.Ordinal);
}
