using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Data;

namespace MspasTramite.Core.Identity;

public sealed class AccountSessionOptions
{
    public const string Section = "Sessions";

    /// A session nobody uses for this long ends (ASVS 7.3.1).
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(2);

    /// However busy, a session ends this long after sign-in (ASVS 7.3.2).
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// Signing in once more than this ends the account's oldest sessions.
    public int MaxPerAccount { get; set; } = 10;
}

/// The server-side sessions of accounts (UserSessions): ending them here signs the browsers out on
/// their next request, on every replica, as the cookie's key no longer finds a row.
public sealed class AccountSessions(AppDbContext db, TimeProvider clock, IOptions<AccountSessionOptions> options)
{
    public AccountSessionOptions Options => options.Value;

    public static string HashKey(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// Every session of the account: after sign-out everywhere, a password change or reset, a role
    /// change, disabling the account, turning two-factor on or off.
    public Task<int> EndAllAsync(string userId, CancellationToken cancellationToken = default) =>
        db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);

    /// Every session of the account but the one whose cookie key hashes to keepKeyHash.
    public Task<int> EndOthersAsync(string userId, string keepKeyHash, CancellationToken cancellationToken = default) =>
        db.UserSessions.Where(s => s.UserId == userId && s.KeyHash != keepKeyHash).ExecuteDeleteAsync(cancellationToken);

    /// Every session of every account (an emergency: keys leaked, a compromised replica).
    public Task<int> EndEveryoneAsync(CancellationToken cancellationToken = default) =>
        db.UserSessions.ExecuteDeleteAsync(cancellationToken);

    public Task<List<UserSession>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.ExpiresAt > now)
            .OrderByDescending(s => s.LastSeenAt)
            .ToListAsync(cancellationToken);
    }

    public Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return db.UserSessions.Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }
}
