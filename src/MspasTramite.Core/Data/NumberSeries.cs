using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MspasTramite.Core.Data;

/// A numbered series per name and year: file numbers per department, receipt numbers.
public class NumberSeries
{
    public string Name { get; set; } = "";
    public int Year { get; set; }
    public int Last { get; set; }

    /// The next number of the series. One upsert, the same SQL on SQLite and PostgreSQL: the first
    /// number of a year creates the row, and the row lock it takes lasts until the caller's
    /// transaction commits, so two concurrent callers never get the same number.
    public static async Task<int> NextAsync(AppDbContext db, string name, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var values = await db.Database.SqlQuery<int>($"""
            INSERT INTO "NumberSeries" ("Name", "Year", "Last") VALUES ({name}, {year}, 1)
            ON CONFLICT ("Name", "Year") DO UPDATE SET "Last" = "NumberSeries"."Last" + 1
            RETURNING "Last" AS "Value"
            """).ToListAsync(cancellationToken).ConfigureAwait(false);
        return values.Single();
    }
}

internal sealed class NumberSeriesConfiguration : IEntityTypeConfiguration<NumberSeries>
{
    public void Configure(EntityTypeBuilder<NumberSeries> builder)
    {
        builder.HasKey(s => new { s.Name, s.Year });
        builder.Property(s => s.Name).HasMaxLength(40);
    }
}
