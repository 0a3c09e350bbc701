using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;

namespace MspasTramite.Core.Performance;

/// Which field of an input form a problem belongs to.
public enum PerformanceInputField
{
    Procedure,
    Month,
    Count,
    Amount,
}

/// What is wrong with one field; the page words it (in Spanish, through the resource files).
public enum PerformanceInputError
{
    Missing,

    /// Not a month, a whole number or an amount at all ("marzo", "12,5", "1e3").
    Invalid,

    /// The procedure id is not one of the catalogue's.
    UnknownProcedure,

    /// Before FirstMonth: the service did not exist, so there is nothing to compare with.
    MonthTooEarly,

    /// After the current month in Guatemala: a month cannot be counted before it has begun.
    MonthInFuture,
    Negative,
    TooLarge,

    /// An amount with more than two decimals (centavos are the smallest unit).
    TooPrecise,
}

public sealed record PerformanceInputProblem(PerformanceInputField Field, PerformanceInputError Error);

public enum PerformanceInputOutcome
{
    Created,

    /// The month (and procedure) had a figure already: this one took its place.
    Replaced,
    Invalid,
}

/// What a save did; when saved, the figure as stored (the month's first day, the count or amount).
public sealed record PerformanceInputResult(PerformanceInputOutcome Outcome, IReadOnlyList<PerformanceInputProblem> Problems, DateOnly Month = default, decimal Value = 0)
{
    public bool Saved => Outcome != PerformanceInputOutcome.Invalid;
}

/// One stored figure as the product manager's list shows it: who entered it is their email.
public sealed record NonDigitalVolumeRow(Guid ProcedureId, string Procedure, DateOnly Month, int Count, string EnteredBy, DateTimeOffset EnteredAt);

public sealed record OperatingCostRow(DateOnly Month, decimal Amount, string EnteredBy, DateTimeOffset EnteredAt);

/// The product manager's own inputs to the KPIs (issue 10): applications made at the windows or on
/// paper per procedure and month (the denominator of digital take-up) and the service's operating
/// cost per month (the numerator of cost per transaction). Each figure is one row per month (and
/// procedure); saving it again replaces it and records who and when. Text comes as typed, so one
/// place decides what a month, a count and an amount are, for every caller.
public sealed partial class PerformanceInputs(AppDbContext db, TimeProvider clock)
{
    /// The service went live in 2024; earlier months have no online figures to compare with.
    public static readonly DateOnly FirstMonth = new(2024, 1, 1);

    /// Far above any procedure's monthly volume at the windows (Guatemala has about 18 million
    /// people): a larger number is a typing slip, not a count.
    public const int MaxCount = 1_000_000;

    /// The service's whole yearly budget is far below this; more is a typing slip.
    public const decimal MaxAmount = 100_000_000.00m;

    /// The month in Guatemala now: the last one a figure may be entered for.
    public DateOnly CurrentMonth()
    {
        var today = GuatemalaTime.Today(clock.GetUtcNow());
        return new DateOnly(today.Year, today.Month, 1);
    }

    /// The value a month input sends ("2025-03") or a month as people write it without one
    /// ("03/2025", "3/2025"): browsers without a month picker show a plain text box.
    public static bool TryParseMonth(string? text, out DateOnly month)
    {
        month = default;
        if (string.IsNullOrWhiteSpace(text)
            || !DateOnly.TryParseExact(text.Trim(), ["yyyy-MM", "yyyy-M", "MM/yyyy", "M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return false;
        }

        month = new DateOnly(day.Year, day.Month, 1);
        return true;
    }

    /// How the month travels in a form and a link: what an input type="month" holds.
    public static string FormatMonth(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public async Task<IReadOnlyList<ProcedureChoice>> ProceduresAsync(CancellationToken cancellationToken = default)
    {
        var procedures = await db.Procedures.AsNoTracking()
            .Select(p => new { p.Id, p.Slug, Name = p.Versions.OrderByDescending(v => v.Number).Select(v => v.Name).First() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. procedures.Select(p => new ProcedureChoice(p.Id, p.Slug, p.Name)).OrderBy(p => p.Name, StringComparer.Ordinal)];
    }

    public Task<NonDigitalVolume?> FindNonDigitalVolumeAsync(Guid procedureId, DateOnly month, CancellationToken cancellationToken = default) =>
        db.NonDigitalVolumes.AsNoTracking().FirstOrDefaultAsync(v => v.ProcedureId == procedureId && v.Month == month, cancellationToken);

    public Task<OperatingCost?> FindOperatingCostAsync(DateOnly month, CancellationToken cancellationToken = default) =>
        db.OperatingCosts.AsNoTracking().FirstOrDefaultAsync(c => c.Month == month, cancellationToken);

    /// Newest month first, then by procedure.
    public async Task<IReadOnlyList<NonDigitalVolumeRow>> NonDigitalVolumesAsync(CancellationToken cancellationToken = default)
    {
        var rows = await (from v in db.NonDigitalVolumes.AsNoTracking()
                          join u in db.Users on v.EnteredById equals u.Id into entered
                          from u in entered.DefaultIfEmpty()
                          select new { v.ProcedureId, v.Month, v.Count, Email = u == null ? null : u.Email, v.EnteredAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var names = (await ProceduresAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(p => p.Id, p => p.Name);
        return [.. rows
            .Select(r => new NonDigitalVolumeRow(r.ProcedureId, names.GetValueOrDefault(r.ProcedureId, ""), r.Month, r.Count, r.Email ?? "", r.EnteredAt))
            .OrderByDescending(r => r.Month).ThenBy(r => r.Procedure, StringComparer.Ordinal)];
    }

    /// Newest month first.
    public async Task<IReadOnlyList<OperatingCostRow>> OperatingCostsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await (from c in db.OperatingCosts.AsNoTracking()
                          join u in db.Users on c.EnteredById equals u.Id into entered
                          from u in entered.DefaultIfEmpty()
                          select new { c.Month, c.Amount, Email = u == null ? null : u.Email, c.EnteredAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new OperatingCostRow(r.Month, r.Amount, r.Email ?? "", r.EnteredAt)).OrderByDescending(r => r.Month)];
    }

    /// Stores the count of applications made at the windows or on paper for a procedure and month,
    /// replacing the one there was.
    public async Task<PerformanceInputResult> SaveNonDigitalVolumeAsync(string? procedureId, string? month, string? count, string enteredById, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(enteredById);
        var problems = new List<PerformanceInputProblem>();
        Guid procedure = default;
        if (string.IsNullOrWhiteSpace(procedureId))
        {
            problems.Add(new(PerformanceInputField.Procedure, PerformanceInputError.Missing));
        }
        else if (!Guid.TryParse(procedureId.Trim(), out procedure)
            || !await db.Procedures.AnyAsync(p => p.Id == procedure, cancellationToken).ConfigureAwait(false))
        {
            problems.Add(new(PerformanceInputField.Procedure, PerformanceInputError.UnknownProcedure));
        }

        var parsedMonth = CheckMonth(month, problems);
        var parsedCount = CheckNumber(count, PerformanceInputField.Count, decimals: 0, MaxCount, problems);
        if (problems.Count > 0)
        {
            return new(PerformanceInputOutcome.Invalid, problems);
        }

        return await UpsertAsync(
            parsedMonth,
            parsedCount,
            () => db.NonDigitalVolumes.FirstOrDefaultAsync(v => v.ProcedureId == procedure && v.Month == parsedMonth, cancellationToken),
            () => db.NonDigitalVolumes.Add(new NonDigitalVolume { Id = Guid.CreateVersion7(), ProcedureId = procedure, Month = parsedMonth }).Entity,
            v =>
            {
                v.Count = (int)parsedCount;
                v.EnteredById = enteredById;
                v.EnteredAt = clock.GetUtcNow();
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// Stores the service's operating cost in quetzales for a month, replacing the one there was.
    public async Task<PerformanceInputResult> SaveOperatingCostAsync(string? month, string? amount, string enteredById, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(enteredById);
        var problems = new List<PerformanceInputProblem>();
        var parsedMonth = CheckMonth(month, problems);
        var parsedAmount = CheckNumber(amount, PerformanceInputField.Amount, decimals: 2, MaxAmount, problems);
        if (problems.Count > 0)
        {
            return new(PerformanceInputOutcome.Invalid, problems);
        }

        return await UpsertAsync(
            parsedMonth,
            parsedAmount,
            () => db.OperatingCosts.FirstOrDefaultAsync(c => c.Month == parsedMonth, cancellationToken),
            () => db.OperatingCosts.Add(new OperatingCost { Month = parsedMonth }).Entity,
            c =>
            {
                c.Amount = parsedAmount;
                c.EnteredById = enteredById;
                c.EnteredAt = clock.GetUtcNow();
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// Replaces the row if there is one, or adds it. Two product managers saving the same new month at
    /// once both find none; the unique index refuses the second insert, which then replaces the
    /// first one's row, as if it had come a moment later (the last save wins, as for any edit).
    private async Task<PerformanceInputResult> UpsertAsync<T>(DateOnly month, decimal value, Func<Task<T?>> find, Func<T> add, Action<T> set, CancellationToken cancellationToken)
        where T : class
    {
        var existing = await find().ConfigureAwait(false);
        set(existing ?? add());
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return new(existing is null ? PerformanceInputOutcome.Created : PerformanceInputOutcome.Replaced, [], month, value);
        }
        catch (DbUpdateException e) when (existing is null && e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            var added = await find().ConfigureAwait(false) ?? throw new InvalidOperationException("A unique index refused the row, yet none is there.", e);
            set(added);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return new(PerformanceInputOutcome.Replaced, [], month, value);
        }
    }

    private DateOnly CheckMonth(string? text, List<PerformanceInputProblem> problems)
    {
        PerformanceInputError? error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = PerformanceInputError.Missing;
        }
        else if (!TryParseMonth(text, out var month))
        {
            error = PerformanceInputError.Invalid;
        }
        else if (month < FirstMonth)
        {
            error = PerformanceInputError.MonthTooEarly;
        }
        else if (month > CurrentMonth())
        {
            error = PerformanceInputError.MonthInFuture;
        }
        else
        {
            return month;
        }

        problems.Add(new(PerformanceInputField.Month, error.Value));
        return default;
    }

    /// A non-negative number with at most <paramref name="decimals"/> decimals and at most
    /// <paramref name="max"/>, as written in Guatemala: a point for decimals, commas (if any) between
    /// groups of three ("125000.50", "125,000.50", "Q 12.00"). "12,5" is refused rather than read as 125.
    private static decimal CheckNumber(string? text, PerformanceInputField field, int decimals, decimal max, List<PerformanceInputProblem> problems)
    {
        var written = text?.Trim() ?? "";
        if (field == PerformanceInputField.Amount && written.StartsWith('Q'))
        {
            written = written[1..].TrimStart();
        }

        var number = NumberPattern().Match(written);
        var whole = number.Groups["whole"].Value.Replace(",", "", StringComparison.Ordinal).TrimStart('0');
        var fraction = number.Groups["fraction"].Value.TrimEnd('0');
        PerformanceInputError? error = null;
        if (written.Length == 0)
        {
            error = PerformanceInputError.Missing;
        }
        else if (!number.Success)
        {
            error = PerformanceInputError.Invalid;
        }
        else if (number.Groups["sign"].Success && (whole.Length > 0 || fraction.Length > 0))
        {
            error = PerformanceInputError.Negative;
        }
        else if (fraction.Length > decimals)
        {
            error = decimals == 0 ? PerformanceInputError.Invalid : PerformanceInputError.TooPrecise;
        }
        // Counted in digits first: a decimal holds 28, and a pasted run of digits may have more.
        else if (whole.Length > 15 || Parse(whole, fraction) > max)
        {
            error = PerformanceInputError.TooLarge;
        }
        else
        {
            return Parse(whole, fraction);
        }

        problems.Add(new(field, error.Value));
        return 0m;
    }

    private static decimal Parse(string whole, string fraction) =>
        decimal.Parse((whole.Length == 0 ? "0" : whole) + (fraction.Length == 0 ? "" : "." + fraction), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<sign>-)?(?<whole>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?<fraction>[0-9]+))?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NumberPattern();
}
