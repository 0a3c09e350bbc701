using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Core.Performance;

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        builder.HasOne<Application>().WithMany().HasForeignKey(s => s.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Procedure>().WithMany().HasForeignKey(s => s.ProcedureId).OnDelete(DeleteBehavior.Restrict);
        // One answer per application and moment, whatever two tabs or a double click send at once.
        builder.HasIndex(s => new { s.ApplicationId, s.Moment }).IsUnique();
        builder.HasIndex(s => new { s.ProcedureId, s.AnsweredAt });
        builder.Property(s => s.Comment).HasMaxLength(SurveyResponse.MaxCommentLength);
        builder.ToTable(t => t.HasCheckConstraint("CK_SurveyResponses_Rating", "\"Rating\" IS NULL OR (\"Rating\" >= 1 AND \"Rating\" <= 5)"));
        builder.Ignore(s => s.Skipped);
    }
}

internal sealed class FormStepEventConfiguration : IEntityTypeConfiguration<FormStepEvent>
{
    public void Configure(EntityTypeBuilder<FormStepEvent> builder)
    {
        builder.HasOne<Application>().WithMany().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Procedure>().WithMany().HasForeignKey(e => e.ProcedureId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Step).HasMaxLength(FormStepEvent.MaxStepLength);
        // At most one Reached and one Saved per application and step: the funnel counts applications.
        builder.HasIndex(e => new { e.ApplicationId, e.Step, e.Kind }).IsUnique();
        // The funnel's query: a procedure's events in a period.
        builder.HasIndex(e => new { e.ProcedureId, e.At });
    }
}

internal sealed class NonDigitalVolumeConfiguration : IEntityTypeConfiguration<NonDigitalVolume>
{
    public void Configure(EntityTypeBuilder<NonDigitalVolume> builder)
    {
        builder.HasOne<Procedure>().WithMany().HasForeignKey(v => v.ProcedureId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.ProcedureId, v.Month }).IsUnique();
        builder.Property(v => v.EnteredById).HasMaxLength(450);
        builder.ToTable(t => t.HasCheckConstraint("CK_NonDigitalVolumes_Count", "\"Count\" >= 0"));
    }
}

internal sealed class OperatingCostConfiguration : IEntityTypeConfiguration<OperatingCost>
{
    public void Configure(EntityTypeBuilder<OperatingCost> builder)
    {
        builder.HasKey(c => c.Month);
        builder.Property(c => c.Amount).HasPrecision(14, 2);
        builder.Property(c => c.EnteredById).HasMaxLength(450);
    }
}
