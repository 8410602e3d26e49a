using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NhiPortal.Core.Credentials;

namespace NhiPortal.Infrastructure.Data.Configurations;

internal sealed class CredentialConfiguration : IEntityTypeConfiguration<Credential>
{
    public void Configure(EntityTypeBuilder<Credential> builder)
    {
        builder.ToTable("Credentials");
        // The score lives in a narrow table of its own (same key), so a full rescore rewrites millions of small rows,
        // not the wide credential rows; queries still read c.HygieneScore (README "Hygiene scores").
        builder.SplitToTable("CredentialScores", t =>
        {
            t.Property(c => c.Id).HasColumnName("CredentialId");
            t.Property(c => c.HygieneScore).HasColumnName("Score");
        });
        builder.Property(c => c.Name).HasMaxLength(300);
        builder.Property(c => c.ExternalId).HasMaxLength(200);
        builder.Property(c => c.DiscoveredBy).HasMaxLength(100);
        builder.Property(c => c.LastUsedNote).HasMaxLength(300);
        builder.Property(c => c.Purpose).HasMaxLength(500);
        builder.Property(c => c.Store).HasMaxLength(100);
        builder.Property(c => c.StoreReference).HasMaxLength(500);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Property(c => c.Fingerprint)
            .HasConversion(f => f.Value, v => Fingerprint.Parse(v))
            .HasMaxLength(128);
        builder.HasOne(c => c.Identity).WithMany(i => i.Credentials).HasForeignKey(c => c.IdentityId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Credential>().WithMany().HasForeignKey(c => c.PredecessorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.ExternalId).IsUnique();
        builder.HasIndex(c => new { c.IdentityId, c.State });
        // With IsDynamic, "expiring within N days" counts from the index alone (half a million lookups at 1M otherwise).
        builder.HasIndex(c => new { c.State, c.ExpiresUtc, c.IsDynamic });
        // With the state, finding reused fingerprints among active credentials reads the index alone (a rescore, the
        // credential workbook's explainer): three million table lookups otherwise.
        builder.HasIndex(c => new { c.Fingerprint, c.State });
        builder.HasIndex(c => c.Name);
        // Each sort of the credential grid walks its own index, id as the tie-break (CredentialPages).
        builder.HasIndex(c => new { c.IssuedUtc, c.Id });
        builder.HasIndex(c => new { c.ExpiresUtc, c.Id });
        builder.HasIndex(c => new { c.LastRotatedUtc, c.Id });
        builder.HasIndex(c => new { c.LastUsedUtc, c.Id });
        // Usage from a source names the credential by store and reference (a role name, a client id).
        builder.HasIndex(c => new { c.Store, c.StoreReference });
    }
}
