using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NhiPortal.Core.Audit;

namespace NhiPortal.Infrastructure.Data.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.Property(a => a.Type).HasMaxLength(64);
        builder.Property(a => a.Actor).HasMaxLength(200);
        builder.Property(a => a.OnBehalfOf).HasMaxLength(300);
        builder.Property(a => a.TargetType).HasMaxLength(64);
        builder.Property(a => a.TargetId).HasMaxLength(64);
        builder.Property(a => a.CorrelationId).HasMaxLength(64);
        builder.Property(a => a.Summary).HasMaxLength(1000);
        builder.Property(a => a.Mac).HasMaxLength(64);
        builder.HasIndex(a => new { a.Stream, a.Id });
        builder.HasIndex(a => new { a.TargetType, a.TargetId });
        builder.HasIndex(a => a.CorrelationId);
    }
}

internal sealed class AuditChainLinkConfiguration : IEntityTypeConfiguration<AuditChainLink>
{
    public void Configure(EntityTypeBuilder<AuditChainLink> builder)
    {
        builder.ToTable("AuditChainLinks");
        // No foreign key to the event: a deleted event must leave its link behind as evidence.
        builder.HasKey(l => l.EventId);
        builder.Property(l => l.EventId).ValueGeneratedNever();
        builder.HasIndex(l => new { l.Stream, l.Sequence }).IsUnique();
        builder.Property(l => l.PreviousHash).HasMaxLength(64);
        builder.Property(l => l.Hash).HasMaxLength(64);
        // Links that existed before the chain was keyed were plain SHA-256; the default marks them so when the column arrives.
        builder.Property(l => l.Algorithm).HasMaxLength(40).HasDefaultValue(AuditChain.LegacyAlgorithm);
    }
}
