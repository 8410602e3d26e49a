using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NhiPortal.Core.Usage;

namespace NhiPortal.Infrastructure.Data.Configurations;

internal sealed class UsageConfiguration : IEntityTypeConfiguration<UsageBucket>, IEntityTypeConfiguration<UsageBaseline>, IEntityTypeConfiguration<AnomalyFlag>,
    IEntityTypeConfiguration<EvaluationCursor>
{
    public void Configure(EntityTypeBuilder<EvaluationCursor> builder)
    {
        builder.ToTable("EvaluationCursors");
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<UsageBucket> builder)
    {
        builder.ToTable("UsageBuckets");
        builder.HasKey(b => new { b.CredentialId, b.HourUtc, b.Network });
        builder.Property(b => b.Network).HasMaxLength(64);
        builder.Property(b => b.Target).HasMaxLength(200);
        builder.Property(b => b.LastAddress).HasMaxLength(64);
        // The evaluator's work list: buckets changed since its watermark.
        builder.HasIndex(b => b.UpdatedUtc);
    }

    public void Configure(EntityTypeBuilder<UsageBaseline> builder)
    {
        builder.ToTable("UsageBaselines");
        builder.HasKey(b => b.CredentialId);
        builder.PrimitiveCollection(b => b.Networks);
        builder.Property(b => b.HourOfWeek).HasMaxLength(2000);
        builder.Property(b => b.LastNetwork).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<AnomalyFlag> builder)
    {
        builder.ToTable("AnomalyFlags");
        builder.Property(f => f.OwaspCategory).HasMaxLength(100);
        builder.Property(f => f.Explanation).HasMaxLength(500);
        builder.Property(f => f.EvidenceJson).HasMaxLength(4000);
        builder.Property(f => f.EvidenceKey).HasMaxLength(200);
        builder.Property(f => f.ResolvedBy).HasMaxLength(200);
        builder.Property(f => f.ResolutionReason).HasMaxLength(1000);
        builder.HasIndex(f => new { f.Status, f.DetectedUtc });
        builder.HasIndex(f => new { f.CredentialId, f.Rule, f.Status });
        builder.HasIndex(f => new { f.IdentityId, f.Status });
    }
}
