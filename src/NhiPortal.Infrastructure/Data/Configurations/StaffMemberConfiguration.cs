using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NhiPortal.Core.Ownership;

namespace NhiPortal.Infrastructure.Data.Configurations;

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> builder)
    {
        builder.ToTable("StaffMembers");
        builder.Property(s => s.Subject).HasMaxLength(200);
        builder.Property(s => s.DisplayName).HasMaxLength(200);
        builder.Property(s => s.Email).HasMaxLength(320);
        builder.Property(s => s.PortalRoles).HasMaxLength(200);
        builder.HasOne(s => s.Team).WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.Subject).IsUnique();
        builder.HasIndex(s => s.Email);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(s => s.ManagerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.ToTable("Teams");
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(t => t.LeadId).OnDelete(DeleteBehavior.Restrict);
    }
}
