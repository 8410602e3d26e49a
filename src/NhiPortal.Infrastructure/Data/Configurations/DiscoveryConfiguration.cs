using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NhiPortal.Core.Discovery;

namespace NhiPortal.Infrastructure.Data.Configurations;

internal sealed class DiscoveryConfiguration : IEntityTypeConfiguration<DiscoveryRun>, IEntityTypeConfiguration<DiscoverySourceState>, IEntityTypeConfiguration<SourceConflict>
{
    public void Configure(EntityTypeBuilder<DiscoveryRun> builder)
    {
        builder.ToTable("DiscoveryRuns");
        builder.Property(r => r.Source).HasMaxLength(100);
        builder.Property(r => r.TriggeredBy).HasMaxLength(200);
        builder.Property(r => r.Error).HasMaxLength(1000);
        builder.HasIndex(r => new { r.Source, r.StartedUtc });
    }

    public void Configure(EntityTypeBuilder<DiscoverySourceState> builder)
    {
        builder.ToTable("DiscoverySources");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.Kind).HasMaxLength(32);
        builder.Property(s => s.LastError).HasMaxLength(1000);
        builder.Property(s => s.UsageCursor).HasMaxLength(1000);
        builder.Property(s => s.SyncRequestedBy).HasMaxLength(200);
    }

    public void Configure(EntityTypeBuilder<SourceConflict> builder)
    {
        builder.ToTable("SourceConflicts");
        builder.Property(c => c.Source).HasMaxLength(100);
        builder.Property(c => c.Field).HasMaxLength(64);
        builder.Property(c => c.PortalValue).HasMaxLength(400);
        builder.Property(c => c.SourceValue).HasMaxLength(400);
        builder.Property(c => c.ResolvedBy).HasMaxLength(200);
        builder.HasIndex(c => new { c.IdentityId, c.Field, c.ResolvedUtc });
        builder.HasIndex(c => new { c.ResolvedUtc, c.Critical });
    }
}
