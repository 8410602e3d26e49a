using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Revocation;

namespace NhiPortal.Infrastructure.Data.Configurations;

internal sealed class RevocationRunConfiguration : IEntityTypeConfiguration<RevocationRun>
{
    public void Configure(EntityTypeBuilder<RevocationRun> builder)
    {
        builder.ToTable("RevocationRuns");
        builder.Property(r => r.Reason).HasMaxLength(1000);
        builder.Property(r => r.RequestedBy).HasMaxLength(200);
        builder.Property(r => r.RequestedByName).HasMaxLength(200);
        builder.Property(r => r.Holder).HasMaxLength(200);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.HasIndex(r => r.RequestedUtc);
        builder.HasIndex(r => r.Status);
        builder.HasMany(r => r.Steps).WithOne().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RevocationStepConfiguration : IEntityTypeConfiguration<RevocationStep>
{
    public void Configure(EntityTypeBuilder<RevocationStep> builder)
    {
        builder.ToTable("RevocationSteps");
        builder.Property(s => s.CredentialName).HasMaxLength(200);
        builder.Property(s => s.Connector).HasMaxLength(100);
        builder.Property(s => s.Detail).HasMaxLength(1000);
        builder.HasIndex(s => new { s.RunId, s.Status });
        builder.HasIndex(s => s.CredentialId);
        builder.HasOne<Credential>().WithMany().HasForeignKey(s => s.CredentialId).OnDelete(DeleteBehavior.Restrict);
    }
}
