using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Leaks;

namespace NhiPortal.Infrastructure.Data.Configurations;

internal sealed class LeakReportConfiguration : IEntityTypeConfiguration<LeakReport>
{
    public void Configure(EntityTypeBuilder<LeakReport> builder)
    {
        builder.ToTable("LeakReports");
        builder.Property(r => r.Location).HasMaxLength(LeakRules.LocationMaximum);
        builder.Property(r => r.Scanner).HasMaxLength(LeakRules.ScannerMaximum);
        builder.Property(r => r.ExternalId).HasMaxLength(LeakRules.ExternalIdMaximum);
        builder.Property(r => r.Note).HasMaxLength(500);
        builder.Property(r => r.ReportedBy).HasMaxLength(200);
        builder.Property(r => r.ReportedByName).HasMaxLength(300);
        // The same conversion as the credential table, so the two columns compare as equals.
        builder.Property(r => r.Fingerprint).HasConversion(f => f.Value, v => Fingerprint.Parse(v)).HasMaxLength(128);
        builder.HasOne<Credential>().WithMany().HasForeignKey(r => r.CredentialId).OnDelete(DeleteBehavior.Restrict);
        // A scanner's alert id is reported once; a second report of it finds the first.
        builder.HasIndex(r => new { r.Scanner, r.ExternalId }).IsUnique();
        builder.HasIndex(r => r.ReceivedUtc);
        builder.HasIndex(r => r.Fingerprint);
        builder.HasIndex(r => r.CredentialId);
    }
}
