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
        builder.HasIndex(s => s.AnsweredAt);
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
        builder.HasIndex(e => e.At);
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

internal sealed class DailyProcedureFiguresConfiguration : IEntityTypeConfiguration<DailyProcedureFigures>
{
    public void Configure(EntityTypeBuilder<DailyProcedureFigures> builder)
    {
        builder.HasKey(f => new { f.Day, f.ProcedureId });
        builder.HasOne<Procedure>().WithMany().HasForeignKey(f => f.ProcedureId).OnDelete(DeleteBehavior.Cascade);
        // One procedure's days: the dashboard's filter reads the period's rows of that procedure only
        // (an index on ProcedureId alone made it read every day the procedure has, growing with time).
        builder.HasIndex(f => new { f.ProcedureId, f.Day });
        builder.Property(f => f.Revenue).HasPrecision(16, 2);
        builder.Property(f => f.GatewayFees).HasPrecision(16, 2);
        builder.Property(f => f.RefundedAmount).HasPrecision(16, 2);
        builder.Ignore(f => f.Decided);
    }
}

internal sealed class DailyDurationCountConfiguration : IEntityTypeConfiguration<DailyDurationCount>
{
    public void Configure(EntityTypeBuilder<DailyDurationCount> builder)
    {
        builder.HasKey(d => new { d.Day, d.ProcedureId, d.Measure, d.Value });
        builder.HasOne<Procedure>().WithMany().HasForeignKey(d => d.ProcedureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.ProcedureId, d.Measure, d.Day });
        builder.Property(d => d.Measure).HasMaxLength(DailyDurationCount.MaxMeasureLength);
    }
}

internal sealed class DailyFunnelStepConfiguration : IEntityTypeConfiguration<DailyFunnelStep>
{
    public void Configure(EntityTypeBuilder<DailyFunnelStep> builder)
    {
        builder.HasKey(s => new { s.Day, s.ProcedureId, s.Step });
        builder.HasOne<Procedure>().WithMany().HasForeignKey(s => s.ProcedureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.ProcedureId, s.Day });
        builder.Property(s => s.Step).HasMaxLength(FormStepEvent.MaxStepLength);
    }
}

internal sealed class PerformanceRollupStateConfiguration : IEntityTypeConfiguration<PerformanceRollupState>
{
    public void Configure(EntityTypeBuilder<PerformanceRollupState> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
    }
}

internal sealed class OpenFilesCountConfiguration : IEntityTypeConfiguration<OpenFilesCount>
{
    public void Configure(EntityTypeBuilder<OpenFilesCount> builder)
    {
        builder.HasKey(c => new { c.ProcedureId, c.Status });
        builder.HasOne<Procedure>().WithMany().HasForeignKey(c => c.ProcedureId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.Status).HasMaxLength(40);
    }
}

internal sealed class MonthlyDurationCountConfiguration : IEntityTypeConfiguration<MonthlyDurationCount>
{
    public void Configure(EntityTypeBuilder<MonthlyDurationCount> builder)
    {
        builder.HasKey(d => new { d.Month, d.ProcedureId, d.Measure, d.Value });
        builder.HasOne<Procedure>().WithMany().HasForeignKey(d => d.ProcedureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.ProcedureId, d.Measure, d.Month });
        builder.Property(d => d.Measure).HasMaxLength(DailyDurationCount.MaxMeasureLength);
    }
}
