using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Core.Publishing;

public enum ProcedureAuditAction
{
    ProcedureCreated,
    DraftStarted,
    DraftEdited,
    DraftDiscarded,
    Published,
}

/// Every edit and publication of a procedure's documentation: who, when, what. Shown on the
/// procedure's admin page; never changed or deleted.
public class ProcedureAuditEntry
{
    public const int MaxDetailLength = 2000;

    public long Id { get; set; }
    public Guid ProcedureId { get; set; }
    public Guid? VersionId { get; set; }
    public int? VersionNumber { get; set; }
    public ProcedureAuditAction Action { get; set; }

    /// Which part of the draft was saved ("requirements", "fee" …) for DraftEdited.
    public string? Section { get; set; }

    /// What changed, or the reason given at publication.
    public string? Detail { get; set; }

    public string ActorId { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

internal sealed class ProcedureAuditEntryConfiguration : IEntityTypeConfiguration<ProcedureAuditEntry>
{
    public void Configure(EntityTypeBuilder<ProcedureAuditEntry> builder)
    {
        builder.HasOne<Procedure>().WithMany().HasForeignKey(e => e.ProcedureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.ProcedureId, e.At });
        builder.Property(e => e.Section).HasMaxLength(60);
        builder.Property(e => e.Detail).HasMaxLength(ProcedureAuditEntry.MaxDetailLength);
        builder.Property(e => e.ActorId).HasMaxLength(450);
    }
}
