using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NhiPortal.Core.Hygiene;

namespace NhiPortal.Infrastructure.Data.Configurations;

internal sealed class HygienePolicyVersionConfiguration : IEntityTypeConfiguration<HygienePolicyVersion>
{
    public void Configure(EntityTypeBuilder<HygienePolicyVersion> builder)
    {
        builder.ToTable("HygienePolicyVersions");
        builder.Property(p => p.SavedBy).HasMaxLength(200);
        builder.Property(p => p.Note).HasMaxLength(1000);
        builder.HasIndex(p => p.Version).IsUnique();
    }
}

internal sealed class HygieneSnapshotConfiguration : IEntityTypeConfiguration<HygieneSnapshot>
{
    public void Configure(EntityTypeBuilder<HygieneSnapshot> builder)
    {
        builder.ToTable("HygieneSnapshots");
        builder.HasIndex(s => s.TakenUtc);
    }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> builder)
    {
        builder.ToTable("JobLeases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.Property(l => l.Holder).HasMaxLength(200);
    }
}
