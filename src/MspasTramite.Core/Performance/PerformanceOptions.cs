using System.ComponentModel.DataAnnotations;

namespace MspasTramite.Core.Performance;

public sealed class PerformanceOptions
{
    public const string Section = "Performance";

    /// What an hour of an officer's time costs in quetzales (salary and overheads), for the officer
    /// component of the cost per transaction. Set it from Recursos Humanos' figure.
    [Range(0, 100_000)]
    public decimal OfficerHourlyCost { get; set; } = 75m;

    /// Office hours in Guatemala (the ministry's opening hours): officer time counts only within them.
    public TimeOnly OfficeOpens { get; set; } = new(8, 0);
    public TimeOnly OfficeCloses { get; set; } = new(16, 0);

    /// How old the daily figures may be when a page reads them before it brings them up to date first.
    public TimeSpan RollupMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// How long the public page's figures are kept in memory once computed (they are computed again
    /// at once after a refresh of the rollup whatever this says).
    public TimeSpan PublicCacheDuration { get; set; } = TimeSpan.FromMinutes(1);
}
