namespace MspasTramite.Web.Tests.TestKit;

/// The app's clock in the review tests: the real time plus a jump the test makes. Time keeps flowing
/// (cookies, outbox back-off, Hangfire and the framework's own timers behave as in production), and a
/// test can move it forward by months to reach a deadline without waiting. It never goes back: the
/// database would then hold events from the future.
public sealed class TestClock : TimeProvider
{
    private long offsetTicks;

    public TestClock(DateTimeOffset? startAt = null)
    {
        if (startAt is { } start)
        {
            offsetTicks = Math.Max(0, (start - TimeProvider.System.GetUtcNow()).Ticks);
        }
    }

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref offsetTicks, by.Ticks);
    }

    /// Moves the clock to <paramref name="at"/>, which must not be in the clock's past.
    public void JumpTo(DateTimeOffset at)
    {
        var by = at - GetUtcNow();
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, $"The clock is already at {GetUtcNow():O}; it never goes back.");
        }

        Advance(by);
    }
}
