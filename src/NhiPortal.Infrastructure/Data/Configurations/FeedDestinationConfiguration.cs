using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NhiPortal.Core.Feed;

namespace NhiPortal.Infrastructure.Data.Configurations;

internal sealed class FeedDestinationConfiguration : IEntityTypeConfiguration<FeedDestination>
{
    public void Configure(EntityTypeBuilder<FeedDestination> builder)
    {
        builder.ToTable("FeedDestinations");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Name).HasMaxLength(FeedDestinationRules.NameMaximum);
        builder.HasIndex(d => d.Name).IsUnique();
        builder.Property(d => d.Address).HasMaxLength(FeedDestinationRules.AddressMaximum);
        builder.Property(d => d.CaFile).HasMaxLength(FeedDestinationRules.PathMaximum);
        builder.Property(d => d.PinnedThumbprint).HasMaxLength(64);
        builder.Property(d => d.SecretVariable).HasMaxLength(128);
        builder.Property(d => d.SecretFile).HasMaxLength(FeedDestinationRules.PathMaximum);
        builder.Property(d => d.PreviousSecretVariable).HasMaxLength(128);
        builder.Property(d => d.PreviousSecretFile).HasMaxLength(FeedDestinationRules.PathMaximum);
        builder.Property(d => d.LastError).HasMaxLength(1000);
        builder.Property(d => d.Version).IsConcurrencyToken();
    }
}
