using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NhiPortal.Core.Access;

namespace NhiPortal.Infrastructure.Data.Configurations;

internal sealed class RoleMapVersionConfiguration : IEntityTypeConfiguration<RoleMapVersion>
{
    public void Configure(EntityTypeBuilder<RoleMapVersion> builder)
    {
        builder.ToTable("RoleMapVersions");
        // The version is the key: two saves from one version cannot both land.
        builder.HasKey(v => v.Version);
        builder.Property(v => v.Version).ValueGeneratedNever();
        builder.Property(v => v.SavedBy).HasMaxLength(200);
        builder.Property(v => v.SavedByName).HasMaxLength(200);
        builder.Property(v => v.Note).HasMaxLength(1000);
    }
}
