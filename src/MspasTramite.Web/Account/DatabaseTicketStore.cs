using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Account;

/// The sign-in cookie's tickets kept in the database (UserSessions): the cookie carries only a random
/// 256-bit key. A session ends on the server the moment its row goes (signing out, a password change,
/// an administrator's action, the idle or absolute limit), on every replica, whatever copies of the
/// cookie exist. Each operation uses its own scope, so a page's unsaved changes are never saved here.
public sealed class DatabaseTicketStore(
    IServiceScopeFactory scopes,
    IDataProtectionProvider dataProtection,
    TimeProvider clock,
    IOptions<AccountSessionOptions> options,
    ILogger<DatabaseTicketStore> logger) : ITicketStore
{
    /// Set on every ticket this store keeps (it tells support a ticket came from this store).
    private const string StoredMarker = ".mspas.session";

    /// Where a request finds the hash of its own session's key (HttpContext.Items).
    public const string CurrentSessionItem = "mspas.session.key-hash";

    /// LastSeenAt and the sliding end are written at most this often, not on every request.
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private readonly IDataProtector protector = dataProtection.CreateProtector("MspasTramite.UserSessions.v1");

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null!, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        StoreAsync(ticket, null!, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var userId = UserIdOf(ticket) ?? throw new InvalidOperationException("A sign-in ticket without a user id.");
        var now = clock.GetUtcNow();
        var settings = options.Value;
        ticket.Properties.Items[StoredMarker] = "1";
        var session = new UserSession
        {
            KeyHash = AccountSessions.HashKey(key),
            UserId = userId,
            Ticket = Protect(ticket),
            CreatedAt = now,
            LastSeenAt = now,
            AbsoluteExpiresAt = now + settings.AbsoluteLifetime,
            ExpiresAt = Min(now + settings.IdleTimeout, now + settings.AbsoluteLifetime),
            UserAgent = Cut(httpContext?.Request.Headers.UserAgent.ToString(), 300),
            IpAddress = Cut(httpContext?.Connection.RemoteIpAddress?.ToString(), 64),
        };

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        await EndBeyondLimitAsync(db, userId, settings.MaxPerAccount, cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null!, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        RenewAsync(key, ticket, null!, cancellationToken);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var keyHash = AccountSessions.HashKey(key);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = UserIdOf(ticket);
        if (userId is null || !await db.UserSessions.AnyAsync(s => s.KeyHash == keyHash && s.UserId == userId, cancellationToken))
        {
            // Someone signs in while this browser holds another account's session (one planted in it,
            // say): the cookie keeps its old key, so that session ends and the new one is not kept under
            // a key somebody else knows. The browser is signed out and signs in again on a clean slate.
            // A session that ended meanwhile (signed out elsewhere, a password change) is never brought
            // back by a refresh in flight either.
            await db.UserSessions.Where(s => s.KeyHash == keyHash).ExecuteDeleteAsync(cancellationToken);
            logger.LogInformation("A sign-in or refresh found no session of its account under its key; none kept");
            return;
        }

        // The same account signing in again over its own session (a second factor just set up): the
        // session goes on with the new ticket.
        ticket.Properties.Items[StoredMarker] = "1";
        var ticketBytes = Protect(ticket);
        var now = clock.GetUtcNow();
        var idleEnd = now + options.Value.IdleTimeout;
        await db.UserSessions
            .Where(s => s.KeyHash == keyHash && s.UserId == userId)
            .ExecuteUpdateAsync(
                u => u.SetProperty(s => s.Ticket, ticketBytes)
                    .SetProperty(s => s.LastSeenAt, now)
                    .SetProperty(s => s.ExpiresAt, s => s.AbsoluteExpiresAt < idleEnd ? s.AbsoluteExpiresAt : idleEnd),
                cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null!, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) =>
        RetrieveAsync(key, null!, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 100)
        {
            return null;
        }

        var keyHash = AccountSessions.HashKey(key);
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var session = await db.UserSessions.AsNoTracking()
            .Where(s => s.KeyHash == keyHash)
            .Select(s => new { s.Ticket, s.ExpiresAt, s.AbsoluteExpiresAt, s.LastSeenAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (session is null || session.ExpiresAt <= now || session.AbsoluteExpiresAt <= now)
        {
            return null;
        }

        var ticket = Unprotect(session.Ticket);
        if (ticket is null)
        {
            return null;
        }

        if (httpContext is not null)
        {
            httpContext.Items[CurrentSessionItem] = keyHash;
        }

        if (now - session.LastSeenAt >= TouchInterval)
        {
            var idleEnd = now + options.Value.IdleTimeout;
            await db.UserSessions
                .Where(s => s.KeyHash == keyHash)
                .ExecuteUpdateAsync(
                    u => u.SetProperty(s => s.LastSeenAt, now)
                        .SetProperty(s => s.ExpiresAt, s => s.AbsoluteExpiresAt < idleEnd ? s.AbsoluteExpiresAt : idleEnd),
                    cancellationToken);
        }

        return ticket;
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, null!, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null!, cancellationToken);

    public async Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var keyHash = AccountSessions.HashKey(key);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.UserSessions.Where(s => s.KeyHash == keyHash).ExecuteDeleteAsync(cancellationToken);
    }

    private static async Task EndBeyondLimitAsync(AppDbContext db, string userId, int limit, CancellationToken cancellationToken)
    {
        var beyond = await db.UserSessions
            .Where(s => s.UserId == userId)
            .OrderByDescending(s => s.CreatedAt)
            .Skip(limit)
            .Select(s => s.KeyHash)
            .ToListAsync(cancellationToken);
        if (beyond.Count > 0)
        {
            await db.UserSessions.Where(s => beyond.Contains(s.KeyHash)).ExecuteDeleteAsync(cancellationToken);
        }
    }

    private static string? UserIdOf(AuthenticationTicket ticket) =>
        ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier);

    private byte[] Protect(AuthenticationTicket ticket) => protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private AuthenticationTicket? Unprotect(byte[] data)
    {
        try
        {
            return TicketSerializer.Default.Deserialize(protector.Unprotect(data));
        }
        catch (CryptographicException)
        {
            // Keys rotated away or a row written elsewhere: the session is simply over.
            return null;
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string? Cut(string? value, int max) =>
        string.IsNullOrEmpty(value) ? null : MspasTramite.Core.Text.TypedText.Cut(MspasTramite.Core.Text.TypedText.Clean(value), max);
}

/// Points the application cookie at the database ticket store.
public sealed class SessionStoreCookieSetup(DatabaseTicketStore store, IOptions<AccountSessionOptions> sessions)
    : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name != IdentityConstants.ApplicationScheme)
        {
            return;
        }

        options.SessionStore = store;
        // The row decides when a session ends (idle and absolute limits); the cookie only lasts as long
        // as the longest a session can.
        options.ExpireTimeSpan = sessions.Value.AbsoluteLifetime;
        options.SlidingExpiration = false;
    }
}
