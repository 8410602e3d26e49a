using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NhiPortal.Core.Approvals;

namespace NhiPortal.Infrastructure.Data.Configurations;

internal sealed class ApprovalRequestConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    public void Configure(EntityTypeBuilder<ApprovalRequest> builder)
    {
        builder.ToTable("ApprovalRequests");
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Summary).HasMaxLength(ApprovalRequest.MaxSummary);
        builder.Property(a => a.RequestedBy).HasMaxLength(200);
        builder.Property(a => a.RequestedByName).HasMaxLength(200);
        builder.Property(a => a.RequesterPerson).HasMaxLength(200);
        builder.Property(a => a.DecidedBy).HasMaxLength(200);
        builder.Property(a => a.DecidedByName).HasMaxLength(200);
        builder.Property(a => a.DecisionNote).HasMaxLength(2000);
        builder.Property(a => a.Outcome).HasMaxLength(ApprovalRequest.MaxOutcome);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => new { a.State, a.RequestedUtc });
    }
}
