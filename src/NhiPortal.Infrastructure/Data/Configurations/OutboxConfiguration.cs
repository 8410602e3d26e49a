using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NhiPortal.Core.Outbox;

namespace NhiPortal.Infrastructure.Data.Configurations;

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        builder.HasKey(m => m.Sequence);
        builder.Property(m => m.Sequence).ValueGeneratedOnAdd();
        builder.HasIndex(m => m.Id).IsUnique();
        builder.Property(m => m.Type).HasMaxLength(64);
        builder.Property(m => m.Actor).HasMaxLength(200);
        builder.Property(m => m.OnBehalfOf).HasMaxLength(300);
        builder.Property(m => m.SubjectType).HasMaxLength(64);
        builder.Property(m => m.SubjectId).HasMaxLength(64);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Ignore(m => m.State);
        // The dispatcher's work list: what is still open, oldest first.
        builder.HasIndex(m => new { m.CompletedUtc, m.GaveUpUtc, m.NextAttemptUtc });
    }
}
