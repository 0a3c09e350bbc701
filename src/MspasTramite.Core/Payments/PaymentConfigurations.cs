using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MspasTramite.Core.Applications;

namespace MspasTramite.Core.Payments;

internal sealed class PaymentAttemptConfiguration : IEntityTypeConfiguration<PaymentAttempt>
{
    public void Configure(EntityTypeBuilder<PaymentAttempt> builder)
    {
        builder.HasOne<Application>().WithMany().HasForeignKey(p => p.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.Provider).HasMaxLength(20);
        builder.Property(p => p.IdempotencyKey).HasMaxLength(80);
        builder.Property(p => p.SessionId).HasMaxLength(200);
        builder.Property(p => p.CheckoutUrl).HasMaxLength(1000);
        builder.Property(p => p.ProviderPaymentId).HasMaxLength(200);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.Note).HasMaxLength(1000);
        builder.Property(p => p.Amount).HasPrecision(12, 2);
        builder.Property(p => p.AmountRefunded).HasPrecision(12, 2);
        builder.Property(p => p.GatewayFee).HasPrecision(12, 2);
        builder.HasIndex(p => p.SessionId).IsUnique();
        builder.HasIndex(p => p.ProviderPaymentId);
        builder.HasIndex(p => new { p.ApplicationId, p.Status });
        builder.HasIndex(p => new { p.Status, p.CreatedAt });
        builder.HasIndex(p => p.PaidAt);
        builder.Ignore(p => p.Refundable);
    }
}

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.HasOne<PaymentAttempt>().WithMany().HasForeignKey(r => r.PaymentAttemptId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.ProviderRefundId).HasMaxLength(200);
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.Property(r => r.RequestedById).HasMaxLength(450);
        builder.Property(r => r.Amount).HasPrecision(12, 2);
        // The performance rollup reads a few days of refunds at a time.
        builder.HasIndex(r => r.CreatedAt);
    }
}

internal sealed class ReceiptConfiguration : IEntityTypeConfiguration<Receipt>
{
    public void Configure(EntityTypeBuilder<Receipt> builder)
    {
        builder.Property(r => r.Number).HasMaxLength(40);
        builder.Property(r => r.VerificationCode).HasMaxLength(20);
        builder.Property(r => r.Amount).HasPrecision(12, 2);
        builder.HasIndex(r => r.Number).IsUnique();
        builder.HasIndex(r => r.VerificationCode).IsUnique();
        // One receipt per payment, enforced by the database whatever the races above it.
        builder.HasIndex(r => r.PaymentAttemptId).IsUnique();
        builder.HasIndex(r => r.ApplicationId);
    }
}

internal sealed class ProcessedWebhookEventConfiguration : IEntityTypeConfiguration<ProcessedWebhookEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedWebhookEvent> builder)
    {
        builder.HasKey(e => e.EventId);
        builder.Property(e => e.EventId).HasMaxLength(200);
        builder.Property(e => e.Type).HasMaxLength(100);
        builder.Property(e => e.Outcome).HasMaxLength(200);
    }
}
