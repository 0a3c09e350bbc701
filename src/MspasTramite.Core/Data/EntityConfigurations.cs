using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Notifications;

namespace MspasTramite.Core.Data;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.FullName).HasMaxLength(200);
        builder.Property(u => u.Cui).HasMaxLength(13);
        builder.Property(u => u.Nit).HasMaxLength(16);
        builder.HasIndex(u => u.Cui);
        builder.Property(u => u.DisabledReason).HasMaxLength(AccountAuditEntry.MaxReasonLength);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.To).HasMaxLength(320);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Kind).HasMaxLength(80);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        // The dispatcher's only query: pending messages that are due.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
    }
}
