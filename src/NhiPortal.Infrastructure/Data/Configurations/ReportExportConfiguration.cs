using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NhiPortal.Core.Reports;

namespace NhiPortal.Infrastructure.Data.Configurations;

internal sealed class ReportExportConfiguration : IEntityTypeConfiguration<ReportExport>
{
    public void Configure(EntityTypeBuilder<ReportExport> builder)
    {
        builder.ToTable("ReportExports");
        builder.Property(e => e.RequestJson).HasMaxLength(1000);
        builder.Property(e => e.RequestedBySubject).HasMaxLength(200);
        builder.Property(e => e.RequestedByName).HasMaxLength(200);
        builder.Property(e => e.RequestedRoles).HasMaxLength(200);
        builder.Property(e => e.FileName).HasMaxLength(200);
        builder.Property(e => e.DataSha256).HasMaxLength(64);
        builder.Property(e => e.Error).HasMaxLength(1000);
        // The caller's list, and the job's queue.
        builder.HasIndex(e => new { e.RequestedBySubject, e.RequestedUtc });
        builder.HasIndex(e => new { e.State, e.RequestedUtc });
    }
}
