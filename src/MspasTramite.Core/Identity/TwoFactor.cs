using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Data;

namespace MspasTramite.Core.Identity;

public sealed class TwoFactorOptions
{
    public const string Section = "TwoFactor";

    /// Staff (Analista, Jefe, Finanzas, AdministradorServicio) must sign in with an authenticator app
    /// before any back-office, finance or administration page opens.
    public bool RequiredForStaff { get; set; } = true;

    /// Development only (appsettings.Development.json): the demo accounts of the README sign in with
    /// their password alone, so a developer needs no phone to try the back office.
    public bool DemoAccountsSkip { get; set; }

    /// Wrong codes at the second step before the person is sent back to the password.
    public int MaxCodeAttempts { get; set; } = 5;
}

/// Identity's authenticator provider, with the replay guard it lacks: a code is accepted once. The
/// time step it belongs to must be later than the last one accepted for the account, and recording it
/// is a conditional UPDATE, so two replicas (or two tabs) sent the same code cannot both accept it.
/// One step either side of now is allowed for a phone's clock being a little off.
public sealed class ReplayGuardedAuthenticatorTokenProvider(AppDbContext db, TimeProvider clock) : IUserTwoFactorTokenProvider<ApplicationUser>
{
    public const string Name = "MspasAuthenticator";

    public Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user) =>
        Task.FromResult(""); // the app makes the codes; the server never sends one

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        if (!Totp.TryNormalize(token, out var code) || Totp.FromBase32(await manager.GetAuthenticatorKeyAsync(user)) is not { } key)
        {
            return false;
        }

        var now = Totp.TimeStep(clock.GetUtcNow());
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Totp.Code(key, step)), Encoding.ASCII.GetBytes(code)))
            {
                var accepted = step;
                var userId = user.Id;
                var updated = await db.Users
                    .Where(u => u.Id == userId && (u.LastTotpTimeStep == null || u.LastTotpTimeStep < accepted))
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastTotpTimeStep, accepted));
                if (updated == 1)
                {
                    // Identity may save this same entity afterwards (Update writes every column, as when
                    // it resets a failed count): it must write the step just accepted, not the old one.
                    user.LastTotpTimeStep = accepted;
                }

                return updated == 1;
            }
        }

        return false;
    }

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
    }
}

/// Identity's user store, keeping recovery codes as their SHA-256 instead of in clear (its default):
/// a copy of the AspNetUserTokens table opens no account. The codes are 50 random bits each, so a
/// fast hash is enough; a slow one would only slow every sign-in with a code.
public sealed class HashedRecoveryCodeUserStore(AppDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<ApplicationUser, IdentityRole, AppDbContext>(context, describer)
{
    // The names Identity's UserStoreBase keeps its recovery codes under (private constants there).
    private const string InternalLoginProvider = "[AspNetUserStore]";
    private const string RecoveryCodeTokenName = "RecoveryCodes";

    public static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(code))));

    /// What a person types may have lower case, spaces or no hyphen: "abcde fghij" is "ABCDE-FGHIJ".
    public static string Normalize(string code) =>
        new string((code ?? "").Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    public override Task ReplaceCodesAsync(ApplicationUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken = default) =>
        SetTokenAsync(user, InternalLoginProvider, RecoveryCodeTokenName, string.Join(";", recoveryCodes.Select(Hash)), cancellationToken);

    /// UserManager saves the account after this with its concurrency stamp: of two sign-ins racing
    /// with one code, the second fails to save and is refused.
    public override async Task<bool> RedeemCodeAsync(ApplicationUser user, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        var stored = await GetTokenAsync(user, InternalLoginProvider, RecoveryCodeTokenName, cancellationToken) ?? "";
        var hashes = stored.Split(';', StringSplitOptions.RemoveEmptyEntries);
        var hash = Hash(code);
        if (Normalize(code).Length == 0 || !hashes.Contains(hash, StringComparer.Ordinal))
        {
            return false;
        }

        await SetTokenAsync(user, InternalLoginProvider, RecoveryCodeTokenName, string.Join(";", hashes.Where(h => h != hash)), cancellationToken);
        return true;
    }
}

/// The account audit trail (AccountAuditEntries): added to the caller's unit of work.
public sealed class AccountAudit(AppDbContext db, TimeProvider clock)
{
    public void Add(string userId, string? actorId, AccountAuditAction action, string? detail = null) =>
        db.AccountAuditEntries.Add(new AccountAuditEntry
        {
            UserId = userId,
            ActorId = actorId,
            Action = action,
            Detail = detail is null || detail.Length <= AccountAuditEntry.MaxReasonLength ? detail : detail[..AccountAuditEntry.MaxReasonLength],
            At = clock.GetUtcNow(),
        });

    public Task<List<AccountAuditEntry>> ListAsync(string userId, int take = 200) =>
        db.AccountAuditEntries.AsNoTracking().Where(e => e.UserId == userId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(take).ToListAsync();
}
