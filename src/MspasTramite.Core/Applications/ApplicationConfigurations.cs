using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Core.Applications;

internal sealed class ProcedureConfiguration : IEntityTypeConfiguration<Procedure>
{
    public void Configure(EntityTypeBuilder<Procedure> builder)
    {
        builder.Property(p => p.Slug).HasMaxLength(120);
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.HasMany(p => p.Versions).WithOne(v => v.Procedure).HasForeignKey(v => v.ProcedureId);
    }
}

internal sealed class ProcedureVersionConfiguration : IEntityTypeConfiguration<ProcedureVersion>
{
    public void Configure(EntityTypeBuilder<ProcedureVersion> builder)
    {
        builder.Property(v => v.Name).HasMaxLength(300);
        builder.Property(v => v.Summary).HasMaxLength(1000);
        builder.Property(v => v.LegalBasis).HasMaxLength(1000);
        builder.Property(v => v.OutputDocument).HasMaxLength(300);
        builder.Property(v => v.ProfessionalTitle).HasMaxLength(100);
        builder.Property(v => v.FeeNote).HasMaxLength(500);
        builder.Property(v => v.FixedFee).HasPrecision(12, 2);
        builder.HasIndex(v => new { v.ProcedureId, v.Number }).IsUnique();
        builder.HasIndex(v => new { v.ProcedureId, v.Status });
        // Only one draft per procedure at a time, whatever two people starting one at once do.
        builder.HasIndex(v => v.ProcedureId, "IX_ProcedureVersions_OneDraft").IsUnique().HasFilter("\"Status\" = 'Draft'");
        // A version is one document: its lists are stored with it as JSON and never queried apart.
        builder.OwnsMany(v => v.Categories, b => b.ToJson());
        builder.OwnsMany(v => v.ExtraFees, b => b.ToJson());
        builder.OwnsMany(v => v.Requirements, b => b.ToJson());
        builder.OwnsMany(v => v.Simplifications, b => b.ToJson());
        builder.OwnsMany(v => v.PlainSummaries, b => b.ToJson());
        builder.PrimitiveCollection(v => v.Steps);
        builder.Property(v => v.ChangeReason).HasMaxLength(1000);
        builder.Property(v => v.CreatedById).HasMaxLength(450);
        builder.Property(v => v.PublishedById).HasMaxLength(450);
        builder.Property(v => v.ConcurrencyStamp).IsConcurrencyToken();
        builder.Ignore(v => v.HasCategories);
        builder.Ignore(v => v.FeeIsPublished);
    }
}

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> builder)
    {
        builder.Property(a => a.Status).HasMaxLength(40);
        builder.Property(a => a.FileNumber).HasMaxLength(40);
        builder.HasIndex(a => a.FileNumber).IsUnique();
        builder.HasIndex(a => new { a.ApplicantId, a.UpdatedAt });
        builder.HasIndex(a => new { a.Status, a.SubmittedAt });
        // The performance rollup reads a few days of each at a time.
        builder.HasIndex(a => a.CreatedAt);
        builder.HasIndex(a => a.SubmittedAt);
        builder.HasIndex(a => a.DecidedAt);
        // The work queues (WorkQueues), measured on a million files by infra/bench (see its REPORT.md).
        // A page is read off an index in the page's own order (due date, reception, id), never by sorting
        // a whole queue: by state, which also holds the dates the SLA lights test, so counting a light
        // never visits the table; by procedure version; and the unassigned files, apart, because
        // PostgreSQL reads an index in order after equalities only and "AssignedToId IS NULL" is not one.
        builder.HasIndex(a => new { a.Status, a.SlaDueOn, a.ReceivedAt, a.Id, a.SlaWarnOn, a.ClockStoppedAt }, "IX_Applications_QueueByState");
        builder.HasIndex(a => new { a.ProcedureVersionId, a.Status, a.SlaDueOn, a.ReceivedAt, a.Id }, "IX_Applications_QueueByProcedure");
        builder.HasIndex(a => new { a.Status, a.SlaDueOn, a.ReceivedAt, a.Id }, "IX_Applications_QueueUnassigned")
            .HasFilter("\"AssignedToId\" IS NULL");
        // One analyst's files are few: this is enough to read and count them.
        builder.HasIndex(a => new { a.AssignedToId, a.Status, a.SlaDueOn });
        // Counting a queue. PostgreSQL deduplicates this index's repeated keys (about 10 MB for a million
        // files, against about 100 MB for QueueByState, whose keys are unique), so a count reads a few
        // hundred pages rather than thousands.
        builder.HasIndex(a => new { a.Status, a.SlaDueOn });
        builder.Property(a => a.AssignedToId).HasMaxLength(450);
        builder.Property(a => a.RecommendedById).HasMaxLength(450);
        builder.Property(a => a.DecidedById).HasMaxLength(450);
        builder.Property(a => a.InspectionNotes).HasMaxLength(4000);
        builder.Property(a => a.Opinion).HasMaxLength(8000);
        builder.Property(a => a.DecisionGrounds).HasMaxLength(8000);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.ApplicantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.ProcedureVersion).WithMany().HasForeignKey(a => a.ProcedureVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ProcedureVersion>().WithMany().HasForeignKey(a => a.MovedFromVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.CompanyName).HasMaxLength(200);
        builder.Property(a => a.CompanyNit).HasMaxLength(16);
        builder.Property(a => a.LegalRepresentative).HasMaxLength(200);
        builder.Property(a => a.EstablishmentName).HasMaxLength(200);
        builder.Property(a => a.EstablishmentAddress).HasMaxLength(300);
        builder.Property(a => a.EstablishmentPhone).HasMaxLength(20);
        builder.Property(a => a.ProfessionalName).HasMaxLength(200);
        builder.Property(a => a.ProfessionalColegiado).HasMaxLength(20);
        builder.Property(a => a.CategoryCode).HasMaxLength(40);
        builder.Property(a => a.Currency).HasMaxLength(3);
        builder.Property(a => a.FeeAmount).HasPrecision(12, 2);
        builder.PrimitiveCollection(a => a.ExtraFeeCodes);
        builder.Property(a => a.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasMany(a => a.Documents).WithOne().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Events).WithOne().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(a => a.IsDraft);
        builder.Ignore(a => a.CurrentDocuments);
    }
}

internal sealed class ApplicationDocumentConfiguration : IEntityTypeConfiguration<ApplicationDocument>
{
    public void Configure(EntityTypeBuilder<ApplicationDocument> builder)
    {
        builder.Property(d => d.RequirementCode).HasMaxLength(60);
        builder.Property(d => d.FileName).HasMaxLength(120);
        builder.Property(d => d.StoredName).HasMaxLength(80);
        builder.Property(d => d.ContentType).HasMaxLength(60);
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.Property(d => d.ReviewReason).HasMaxLength(1000);
        builder.Property(d => d.ReviewedById).HasMaxLength(450);
        builder.HasIndex(d => new { d.ApplicationId, d.RequirementCode });
    }
}

internal sealed class ApplicationEventConfiguration : IEntityTypeConfiguration<ApplicationEvent>
{
    public void Configure(EntityTypeBuilder<ApplicationEvent> builder)
    {
        builder.Property(e => e.Kind).HasMaxLength(60);
        builder.Property(e => e.FromStatus).HasMaxLength(40);
        builder.Property(e => e.ToStatus).HasMaxLength(40);
        builder.Property(e => e.Note).HasMaxLength(ApplicationEvent.MaxNoteLength);
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.HasIndex(e => new { e.ApplicationId, e.At });
        // The performance rollup reads the state changes of a few days at a time.
        builder.HasIndex(e => e.At);
    }
}
