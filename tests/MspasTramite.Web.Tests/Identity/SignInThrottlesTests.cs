using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Identity;

[Collection(SqliteApp.Name)]
public sealed class SignInThrottlesTests_Sqlite(SqliteAppFactory app) : SignInThrottlesTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class SignInThrottlesTests_Postgres(PostgresAppFactory app) : SignInThrottlesTests<PostgresAppFactory>(app);

/// The throttle's writes on the real engines, as several replicas make them at once.
public abstract class SignInThrottlesTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Fact]
    public async Task RecordFailure_FromManyRequestsAtOnce_HoldsThePairWithoutAnError()
    {
        var key = SignInThrottles.KeyFor(TestData.NewEmail("victima").ToUpperInvariant(), "203.0.113.41");
        var scopes = Enumerable.Range(0, 8).Select(_ => app.Services.CreateAsyncScope()).ToList();
        try
        {
            // Each its own DbContext and connection, as each replica has; the first failures race to insert the row.
            var throttles = scopes.Select(s => s.ServiceProvider.GetRequiredService<SignInThrottles>()).ToList();

            var held = await Task.WhenAll(throttles.Select(t => Task.Run(() => t.RecordFailureAsync(key))));

            var row = await app.WithDbAsync(db => db.SignInThrottles.AsNoTracking().SingleAsync(t => t.KeyHash == key));
            Assert.InRange(row.Failures, throttles[0].Options.MaxFailures, throttles.Count);
            Assert.NotNull(row.HeldUntil);
            Assert.Contains(held, h => h is not null); // whoever reached the limit was told
            Assert.NotNull(await throttles[0].HeldForAsync(key));
        }
        finally
        {
            foreach (var scope in scopes)
            {
                await scope.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task DeleteStale_RemovesOnlyRowsLongOver()
    {
        var stale = SignInThrottles.KeyFor(TestData.NewEmail("vieja"), "203.0.113.42");
        var recent = SignInThrottles.KeyFor(TestData.NewEmail("reciente"), "203.0.113.42");
        await app.WithDbAsync(async db =>
        {
            db.SignInThrottles.AddRange(
                new SignInThrottle { KeyHash = stale, Failures = 5, WindowStartedAt = DateTimeOffset.UtcNow.AddDays(-2), HeldUntil = DateTimeOffset.UtcNow.AddDays(-2) },
                new SignInThrottle { KeyHash = recent, Failures = 1, WindowStartedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SignInThrottles>().DeleteStaleAsync();
        }

        var left = await app.WithDbAsync(db => db.SignInThrottles.Where(t => t.KeyHash == stale || t.KeyHash == recent).Select(t => t.KeyHash).ToListAsync());
        Assert.Equal([recent], left);
    }
}
