using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NhiPortal.Core.Outbox;

namespace NhiPortal.Infrastructure.Data.Configurations;

internal sealed class JobStatusConfiguration : IEntityTypeConfiguration<JobStatus>
{
    public void Configure(EntityTypeBuilder<JobStatus> builder)
    {
        builder.ToTable("JobStatuses");
        builder.HasKey(j => j.Name);
        builder.Property(j => j.Name).HasMaxLength(100);
        builder.Property(j => j.LastError).HasMaxLength(1000);
        builder.Property(j => j.LastInstance).HasMaxLength(200);
        builder.Property(j => j.LastOutcome).HasMaxLength(300);
    }
}
