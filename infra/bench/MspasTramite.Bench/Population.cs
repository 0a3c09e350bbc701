using System.Globalization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Bench;

internal sealed record ProcedureInfo(Guid ProcedureId, Guid VersionId, string Name, string Prefix, int LegalTimeDays, double Share);

internal sealed record UserInfo(string Id, string FullName, bool IsStaff);

/// One row of Applications with the columns the back office writes; the rest stay NULL or default.
internal sealed record ApplicationRow(
    Guid Id,
    string ApplicantId,
    Guid ProcedureVersionId,
    Guid ProcedureId,
    string Status,
    string? FileNumber,
    ApplicantKind Kind,
    string? CompanyName,
    string EstablishmentName,
    int DepartmentCode,
    decimal FeeAmount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt,
    Guid ConcurrencyStamp,
    DateTimeOffset? ReceivedAt,
    DateOnly? SlaDueOn,
    DateOnly? SlaWarnOn,
    DateTimeOffset? ClockStoppedAt,
    string? AssignedToId,
    DateTimeOffset? AssignedAt,
    DateTimeOffset? DecidedAt,
    string? DecidedById);

/// A reproducible population of a ministry's files after some years of service: most files decided
/// long ago, a fifth of them open across the five open states, a few drafts and unpaid ones.
/// Dates are relative to today so that the SLA lights come out in realistic shares.
internal sealed class Population
{
    // Shares of all files; the open ones add up to 20%.
    private static readonly (string Status, double Share)[] StatusShares =
    [
        (ApplicationStatus.Received, 0.05),
        (ApplicationStatus.InReview, 0.07),
        (ApplicationStatus.AwaitingCorrection, 0.03),
        (ApplicationStatus.InspectionScheduled, 0.02),
        (ApplicationStatus.AwaitingApproval, 0.03),
        (ApplicationStatus.Approved, 0.58),
        (ApplicationStatus.Rejected, 0.12),
        (ApplicationStatus.Withdrawn, 0.06),
        (ApplicationStatus.Expired, 0.02),
        (ApplicationStatus.Draft, 0.01),
        (ApplicationStatus.AwaitingPayment, 0.01),
    ];

    // Procedure shares by the order of ProcedureCatalogueSeed: pharmacy, processed food, food factory, health establishment.
    private static readonly double[] ProcedureShares = [0.20, 0.30, 0.35, 0.15];

    // Open files past their due date: the backlog every ministry has.
    private const double LateShare = 0.12;

    private readonly Random random;
    private readonly int seed;
    private readonly Dictionary<string, int> fileNumbers = [];

    public Population(BenchOptions options, IReadOnlyList<(Guid ProcedureId, Guid VersionId, string Name, Department Department, int LegalTimeDays)> procedures, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(procedures);
        // Reproducible data, not a secret: CA5394 is about security, which a generated data set is not.
#pragma warning disable CA5394
        random = new Random(options.Seed);
#pragma warning restore CA5394
        seed = options.Seed;
        Now = now;
        Today = GuatemalaTime.Today(now);
        Procedures = [.. procedures.Select((p, i) => new ProcedureInfo(p.ProcedureId, p.VersionId, p.Name, p.Department.ToString(), p.LegalTimeDays,
            i < ProcedureShares.Length ? ProcedureShares[i] : 0.1))];
        Analysts = [.. Enumerable.Range(1, options.Analysts).Select(i => new UserInfo(Guid.NewGuid().ToString(), string.Create(CultureInfo.InvariantCulture, $"Analista {i:D2}"), true))];
        Applicants = [.. Enumerable.Range(1, options.Applicants).Select(i => new UserInfo(Guid.NewGuid().ToString(), string.Create(CultureInfo.InvariantCulture, $"Ciudadano {i:D5}"), false))];
    }

    public DateTimeOffset Now { get; }
    public DateOnly Today { get; }
    public IReadOnlyList<ProcedureInfo> Procedures { get; }
    public IReadOnlyList<UserInfo> Analysts { get; }
    public IReadOnlyList<UserInfo> Applicants { get; }

    /// In the order the app would have inserted them (by creation), as a real table is laid out:
    /// the open files, being recent, sit together at its end. File numbers follow the same order.
    public IReadOnlyList<ApplicationRow> Applications(int count)
    {
        var rows = new List<ApplicationRow>(count);
        for (var i = 0; i < count; i++)
        {
            rows.Add(Next(i));
        }

        rows.Sort((x, y) => x.CreatedAt.CompareTo(y.CreatedAt));
        var prefixes = Procedures.ToDictionary(p => p.ProcedureId, p => p.Prefix);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].SubmittedAt is { } submitted)
            {
                rows[i] = rows[i] with { FileNumber = FileNumber(prefixes[rows[i].ProcedureId], GuatemalaTime.ToLocal(submitted).Year) };
            }
        }

        return rows;
    }

    /// The rows the KPI rollup reads beside the applications, table by table in the order their
    /// foreign keys need; each streams its rows, generated again from the applications for each table
    /// (millions of history lines would not fit in memory as objects).
    public IReadOnlyList<BulkTable> HistoryTables(IReadOnlyList<ApplicationRow> applications) =>
    [
        new("PaymentAttempts", FileHistory.PaymentColumns, Stream(applications, h => h.Payments)),
        new("Refunds", FileHistory.RefundColumns, Stream(applications, h => h.Refunds)),
        new("ApplicationEvents", FileHistory.EventColumns, Stream(applications, h => h.Events)),
        new("SurveyResponses", FileHistory.SurveyColumns, Stream(applications, h => h.Surveys)),
        new("FormStepEvents", FileHistory.StepColumns, Stream(applications, h => h.Steps)),
    ];

    public FileHistory History(IReadOnlyList<ApplicationRow> applications, int index)
    {
        ArgumentNullException.ThrowIfNull(applications);
        return FileHistory.For(applications[index], index, seed, Now, Analysts);
    }

    private IEnumerable<object?[]> Stream(IReadOnlyList<ApplicationRow> applications, Func<FileHistory, List<object?[]>> rows)
    {
        for (var i = 0; i < applications.Count; i++)
        {
            foreach (var row in rows(History(applications, i)))
            {
                yield return row;
            }
        }
    }

    private ApplicationRow Next(int index)
    {
        var status = Pick(StatusShares, s => s.Share).Status;
        var procedure = Pick(Procedures, p => p.Share);
        var applicant = Applicants[random.Next(Applicants.Count)].Id;
        var company = random.NextDouble() < 0.35;
        // The legal time is in working days: about seven calendar days for five working ones.
        var legalDays = procedure.LegalTimeDays * 7 / 5;
        var warnDays = (int)Math.Ceiling(legalDays * 0.8);
        var open = ApplicationStatus.Open.Contains(status);

        DateTimeOffset? received = null, stopped = null, assignedAt = null, decided = null;
        DateOnly? due = null, warn = null;
        string? assignedTo = null;
        if (open)
        {
            var daysAgo = random.NextDouble() < LateShare ? legalDays + 1 + random.Next(60) : random.Next(legalDays + 1);
            received = Instant(daysAgo);
            if (status != ApplicationStatus.Received || random.NextDouble() < 0.2)
            {
                assignedTo = Analysts[random.Next(Analysts.Count)].Id;
                assignedAt = Later(received.Value, 2);
            }

            if (status == ApplicationStatus.AwaitingCorrection)
            {
                stopped = Later(received.Value, Math.Min(daysAgo, 10));
            }
        }
        else if (status is ApplicationStatus.Approved or ApplicationStatus.Rejected or ApplicationStatus.Withdrawn)
        {
            // Decided files over the past two years: the KPIs' periods (a month, a quarter, a year and
            // the one before it) all have data.
            received = Instant(30 + random.Next(700));
            assignedTo = Analysts[random.Next(Analysts.Count)].Id;
            assignedAt = Later(received.Value, 2);
            decided = Later(received.Value, legalDays + 10);
        }

        if (received is { } r)
        {
            var day = GuatemalaTime.Today(r);
            due = day.AddDays(legalDays);
            warn = day.AddDays(warnDays);
        }

        var submitted = received?.AddHours(-random.Next(1, 72))
            ?? (status is ApplicationStatus.AwaitingPayment or ApplicationStatus.Expired ? Instant(random.Next(60)) : null);
        var created = (submitted ?? Instant(random.Next(60))).AddDays(-random.Next(1, 10));
        var updated = decided ?? stopped ?? assignedAt ?? received ?? submitted ?? created;
        return new ApplicationRow(
            Guid.CreateVersion7(created),
            applicant,
            procedure.VersionId,
            procedure.ProcedureId,
            status,
            null,
            company ? ApplicantKind.Company : ApplicantKind.Person,
            company ? string.Create(CultureInfo.InvariantCulture, $"Empresa {index % 20_000:D5}, S.A.") : null,
            string.Create(CultureInfo.InvariantCulture, $"Establecimiento {index:D7}"),
            1 + random.Next(22),
            500m + (100 * random.Next(10)),
            created,
            updated > Now ? Now : updated,
            submitted,
            Guid.NewGuid(),
            received,
            due,
            warn,
            stopped,
            assignedTo,
            assignedAt,
            decided > Now ? Now : decided,
            decided is null ? null : assignedTo);
    }

    private DateTimeOffset Instant(int daysAgo) =>
        Now.AddDays(-daysAgo).AddMinutes(-random.Next(24 * 60)).ToUniversalTime();

    private DateTimeOffset Later(DateTimeOffset from, int maxDays)
    {
        var at = from.AddDays(random.Next(maxDays + 1)).AddMinutes(random.Next(8 * 60));
        return at > Now ? Now : at;
    }

    private string FileNumber(string prefix, int year)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year}");
        var next = fileNumbers.GetValueOrDefault(key) + 1;
        fileNumbers[key] = next;
        return string.Create(CultureInfo.InvariantCulture, $"{key}-{next:D6}");
    }

    private T Pick<T>(IReadOnlyList<T> items, Func<T, double> share)
    {
        var total = items.Sum(share);
        var x = random.NextDouble() * total;
        foreach (var item in items)
        {
            x -= share(item);
            if (x < 0)
            {
                return item;
            }
        }

        return items[^1];
    }
}
