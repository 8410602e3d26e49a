using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NhiPortal.Core.Ownership;
using NhiPortal.Core.Requests;

namespace NhiPortal.Infrastructure.Data.Configurations;

internal sealed class IdentityRequestConfiguration : IEntityTypeConfiguration<IdentityRequest>
{
    public void Configure(EntityTypeBuilder<IdentityRequest> builder)
    {
        builder.ToTable("IdentityRequests");
        builder.Property(r => r.Name).HasMaxLength(IdentityRequestRules.MaxName);
        builder.Property(r => r.Purpose).HasMaxLength(IdentityRequestRules.MaxPurpose);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(r => r.Environment).HasConversion<string>().HasMaxLength(40);
        builder.Property(r => r.PrivilegeLevel).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.RequestedBy).HasMaxLength(200);
        builder.Property(r => r.RequestedByName).HasMaxLength(200);
        builder.Property(r => r.RequesterPerson).HasMaxLength(200);
        builder.Property(r => r.DecidedBy).HasMaxLength(200);
        builder.Property(r => r.DecidedByName).HasMaxLength(200);
        builder.Property(r => r.DecisionNote).HasMaxLength(2000);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(r => r.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.State, r.RequestedUtc });
        builder.HasIndex(r => new { r.TeamId, r.State });
        builder.HasIndex(r => new { r.RequesterPerson, r.RequestedUtc });
    }
}
