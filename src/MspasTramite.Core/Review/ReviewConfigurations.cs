using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MspasTramite.Core.Applications;

namespace MspasTramite.Core.Review;

internal sealed class CorrectionRequestConfiguration : IEntityTypeConfiguration<CorrectionRequest>
{
    public void Configure(EntityTypeBuilder<CorrectionRequest> builder)
    {
        // One correction request per file, ever (Decreto 5-2021 art. 12): the database says so too.
        builder.HasIndex(c => c.ApplicationId).IsUnique();
        builder.HasOne<Application>().WithOne(a => a.CorrectionRequest).HasForeignKey<CorrectionRequest>(c => c.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.RequestedById).HasMaxLength(450);
        builder.Property(c => c.Notes).HasMaxLength(4000);
        builder.OwnsMany(c => c.Items, b => b.ToJson());
    }
}

internal sealed class ResolutionConfiguration : IEntityTypeConfiguration<Resolution>
{
    public void Configure(EntityTypeBuilder<Resolution> builder)
    {
        builder.HasIndex(r => r.ApplicationId).IsUnique();
        builder.HasOne<Application>().WithMany().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.Number).IsUnique();
        builder.HasIndex(r => r.VerificationCode).IsUnique();
        builder.Property(r => r.Number).HasMaxLength(40);
        builder.Property(r => r.VerificationCode).HasMaxLength(40);
        builder.Property(r => r.IssuedById).HasMaxLength(450);
        builder.Property(r => r.RevokedById).HasMaxLength(450);
        builder.Property(r => r.SignedBy).HasMaxLength(200);
        builder.Property(r => r.Holder).HasMaxLength(200);
        builder.Property(r => r.HolderId).HasMaxLength(20);
        builder.Property(r => r.Establishment).HasMaxLength(200);
        builder.Property(r => r.EstablishmentAddress).HasMaxLength(400);
        builder.Property(r => r.Procedure).HasMaxLength(300);
        builder.Property(r => r.FileNumber).HasMaxLength(40);
        builder.Property(r => r.Grounds).HasMaxLength(4000);
        builder.Property(r => r.RevocationReason).HasMaxLength(1000);
    }
}

internal sealed class WorkflowTimerConfiguration : IEntityTypeConfiguration<WorkflowTimer>
{
    public void Configure(EntityTypeBuilder<WorkflowTimer> builder)
    {
        builder.HasOne<Application>().WithMany().HasForeignKey(t => t.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        // The sweep reads only pending timers by due time; fired and cancelled rows stay for the record.
        builder.HasIndex(t => t.DueAt).HasFilter("\"FiredAt\" IS NULL AND \"CancelledAt\" IS NULL");
        builder.HasIndex(t => new { t.ApplicationId, t.Kind });
        builder.Property(t => t.LastError).HasMaxLength(2000);
    }
}

internal sealed class HolidayConfiguration : IEntityTypeConfiguration<Holiday>
{
    public void Configure(EntityTypeBuilder<Holiday> builder)
    {
        builder.HasKey(h => h.Date);
        builder.Property(h => h.Name).HasMaxLength(120);
    }
}
