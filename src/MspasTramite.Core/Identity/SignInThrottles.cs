using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Data;

namespace MspasTramite.Core.Identity;

public sealed class SignInThrottleOptions
{
    public const string Section = "SignIn";

    /// Wrong passwords for one account from one address, within the window, that hold the pair.
    public int MaxFailures { get; set; } = 5;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan HoldFor { get; set; } = TimeSpan.FromMinutes(15);

    /// Rows untouched for this long are deleted by the nightly sweep.
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromDays(1);
}

/// Failed sign-ins counted per account and client address (SignInThrottles), instead of Identity's
/// lockout per account: with a lockout, anyone who knows a citizen's email can keep them out by typing
/// wrong passwords; here only the guesser's own address is held, and the owner elsewhere still gets
/// in. The account is named by the email as typed (normalized), so an unknown email is counted and
/// held exactly like a known one and the hold reveals nothing.
/// Each step is one conditional UPDATE (or an INSERT that loses to a concurrent one), so replicas
/// counting the same pair at once never lose a hold; at worst a request in flight when the hold
/// starts is still answered, which the per-address rate limit bounds.
public sealed class SignInThrottles(AppDbContext db, TimeProvider clock, IOptions<SignInThrottleOptions> options)
{
    public SignInThrottleOptions Options => options.Value;

    /// The row's key: SHA-256 of the normalized email and the address, so the table names nobody.
    public static string KeyFor(string normalizedEmail, string? address) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{normalizedEmail}|{address ?? "unknown"}")));

    /// How long the pair is still held, or null when it may try.
    public async Task<TimeSpan?> HeldForAsync(string key, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var heldUntil = await db.SignInThrottles.AsNoTracking()
            .Where(t => t.KeyHash == key && t.HeldUntil > now)
            .Select(t => t.HeldUntil)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return heldUntil is { } until ? until - now : null;
    }

    /// Counts one failure; returns how long the pair is now held (null when not held).
    public async Task<TimeSpan?> RecordFailureAsync(string key, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var windowOpenedAfter = now - Options.FailureWindow;

        // Within an open window and not held: one more.
        var counted = await db.SignInThrottles
            .Where(t => t.KeyHash == key && t.WindowStartedAt > windowOpenedAfter && t.HeldUntil == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Failures, t => t.Failures + 1), cancellationToken).ConfigureAwait(false);

        if (counted == 0)
        {
            // The window is over, or a hold has passed: this failure opens a new window.
            counted = await db.SignInThrottles
                .Where(t => t.KeyHash == key && (t.HeldUntil == null ? t.WindowStartedAt <= windowOpenedAfter : t.HeldUntil <= now))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Failures, 1)
                    .SetProperty(t => t.WindowStartedAt, now)
                    .SetProperty(t => t.HeldUntil, (DateTimeOffset?)null), cancellationToken).ConfigureAwait(false);
        }

        if (counted == 0 && !await InsertFirstFailureAsync(key, now, cancellationToken).ConfigureAwait(false))
        {
            // Another request made the row meanwhile (or holds it already): count on it.
            await db.SignInThrottles
                .Where(t => t.KeyHash == key && t.HeldUntil == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Failures, t => t.Failures + 1), cancellationToken).ConfigureAwait(false);
        }

        // Only the failure that reaches the limit sets the end of the hold; later ones do not extend it.
        var max = Options.MaxFailures;
        var holdUntil = now + Options.HoldFor;
        await db.SignInThrottles
            .Where(t => t.KeyHash == key && t.Failures >= max && t.HeldUntil == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.HeldUntil, (DateTimeOffset?)holdUntil), cancellationToken).ConfigureAwait(false);
        return await HeldForAsync(key, cancellationToken).ConfigureAwait(false);
    }

    /// A right password from this address: its count starts again.
    public Task<int> ClearAsync(string key, CancellationToken cancellationToken = default) =>
        db.SignInThrottles.Where(t => t.KeyHash == key).ExecuteDeleteAsync(cancellationToken);

    /// Rows whose window and hold are long over: they would count nothing any more.
    public Task<int> DeleteStaleAsync(CancellationToken cancellationToken = default)
    {
        var before = clock.GetUtcNow() - Options.KeepFor;
        return db.SignInThrottles
            .Where(t => t.WindowStartedAt < before && (t.HeldUntil == null || t.HeldUntil < before))
            .ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<bool> InsertFirstFailureAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = new SignInThrottle { KeyHash = key, Failures = 1, WindowStartedAt = now };
        db.SignInThrottles.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException)
        {
            // The primary key: a concurrent first failure for the same pair won the insert.
            return false;
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }
}
