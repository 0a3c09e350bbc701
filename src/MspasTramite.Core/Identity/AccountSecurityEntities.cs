using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MspasTramite.Core.Identity;

/// One signed-in browser. The cookie carries only a random key; this row holds the sign-in ticket,
/// so signing out, a password change or an administrator's action ends the session on every replica
/// by deleting the row. The key is stored as its SHA-256: a copy of the table opens no session.
public class UserSession
{
    public const int KeyHashLength = 64;

    public string KeyHash { get; set; } = "";

    public string UserId { get; set; } = "";

    /// The serialized authentication ticket (TicketSerializer), protected with data protection.
    public byte[] Ticket { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// Sliding end, no later than AbsoluteExpiresAt.
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset AbsoluteExpiresAt { get; set; }

    /// What the person sees in "Sesiones abiertas": the browser and the address it signed in from.
    public string? UserAgent { get; set; }

    public string? IpAddress { get; set; }
}

/// Failed sign-ins for one account from one address (both hashed), in a window: after too many the
/// pair is held for a while. A stranger elsewhere cannot lock the owner out; a guesser is slowed.
public class SignInThrottle
{
    public string KeyHash { get; set; } = "";

    public int Failures { get; set; }

    public DateTimeOffset WindowStartedAt { get; set; }

    public DateTimeOffset? HeldUntil { get; set; }
}

public enum AccountAuditAction
{
    StaffCreated,
    RolesChanged,
    Disabled,
    Enabled,
    TwoFactorEnabled,
    TwoFactorDisabled,
    TwoFactorReset,
    RecoveryCodesRenewed,
    RecoveryCodeUsed,
    PasswordChanged,
    PasswordReset,
    SessionsEnded,
    AllSessionsEnded,
}

/// What happened to an account and who did it: the audit trail the staff page shows.
public class AccountAuditEntry
{
    public const int MaxReasonLength = 1000;

    public long Id { get; set; }

    public string UserId { get; set; } = "";

    /// Who did it; null when the system or the person themselves did.
    public string? ActorId { get; set; }

    public AccountAuditAction Action { get; set; }

    public string? Detail { get; set; }

    public DateTimeOffset At { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.HasKey(s => s.KeyHash);
        builder.Property(s => s.KeyHash).HasMaxLength(UserSession.KeyHashLength);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.UserAgent).HasMaxLength(300);
        builder.Property(s => s.IpAddress).HasMaxLength(64);
        builder.HasIndex(s => s.UserId);
        builder.HasIndex(s => s.ExpiresAt);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> builder)
    {
        builder.HasKey(t => t.KeyHash);
        builder.Property(t => t.KeyHash).HasMaxLength(64);
        builder.HasIndex(t => t.WindowStartedAt);
    }
}

internal sealed class AccountAuditEntryConfiguration : IEntityTypeConfiguration<AccountAuditEntry>
{
    public void Configure(EntityTypeBuilder<AccountAuditEntry> builder)
    {
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.Detail).HasMaxLength(AccountAuditEntry.MaxReasonLength);
        builder.HasIndex(e => new { e.UserId, e.At });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
