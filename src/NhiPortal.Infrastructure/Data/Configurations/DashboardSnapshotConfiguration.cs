using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NhiPortal.Core.Dashboard;

namespace NhiPortal.Infrastructure.Data.Configurations;

internal sealed class DashboardSnapshotConfiguration : IEntityTypeConfiguration<DashboardSnapshot>
{
    public void Configure(EntityTypeBuilder<DashboardSnapshot> builder)
    {
        builder.ToTable("DashboardSnapshots");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(40);
    }
}
