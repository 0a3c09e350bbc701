using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Tests.TestKit;

/// The app as the sign-in throttle tests need it: a clock the test moves past a hold, and a record of
/// every password the app hashed or checked, so "an unknown email costs a hash" is counted, not timed.
public interface ISignInApp
{
    TestClock Clock { get; }

    PasswordHashes Hashes { get; }
}

/// The passwords the app's IPasswordHasher was given, in the order it was given them.
public sealed class PasswordHashes
{
    private readonly ConcurrentQueue<string> hashed = new();
    private readonly ConcurrentQueue<string> verified = new();

    public int HashesOf(string password) => hashed.Count(p => p == password);

    public int ChecksOf(string password) => verified.Count(p => p == password);

    internal void Hashed(string password) => hashed.Enqueue(password);

    internal void Verified(string password) => verified.Enqueue(password);
}

internal sealed class RecordingPasswordHasher(IPasswordHasher<ApplicationUser> inner, PasswordHashes record) : IPasswordHasher<ApplicationUser>
{
    public string HashPassword(ApplicationUser user, string password)
    {
        record.Hashed(password);
        return inner.HashPassword(user, password);
    }

    public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
    {
        record.Verified(providedPassword);
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

internal static class SignInHost
{
    public static void Configure(IWebHostBuilder builder, ISignInApp app) =>
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(app.Clock);
            services.RemoveAll<IPasswordHasher<ApplicationUser>>();
            services.AddScoped<IPasswordHasher<ApplicationUser>>(sp => new RecordingPasswordHasher(
                new PasswordHasher<ApplicationUser>(sp.GetRequiredService<IOptions<PasswordHasherOptions>>()), app.Hashes));
        });
}

public sealed class SqliteSignInAppFactory : SqliteAppFactory, ISignInApp
{
    public TestClock Clock { get; } = new();

    public PasswordHashes Hashes { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        SignInHost.Configure(builder, this);
    }
}

public sealed class PostgresSignInAppFactory : PostgresAppFactory, ISignInApp
{
    public TestClock Clock { get; } = new();

    public PasswordHashes Hashes { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        SignInHost.Configure(builder, this);
    }
}
