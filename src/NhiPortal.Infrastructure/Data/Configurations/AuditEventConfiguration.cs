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
        builder.Property(a => a.TargetType).HasMaxLength(64);
        builder.Property(a => a.TargetId).HasMaxLength(64);
        builder.Property(a => a.CorrelationId).HasMaxLength(64);
        builder.Property(a => a.Summary).HasMaxLength(1000);
        builder.HasIndex(a => new { a.Stream, a.Id });
        builder.HasIndex(a => new { a.TargetType, a.TargetId });
        builder.HasIndex(a => a.CorrelationId);
    }
}
