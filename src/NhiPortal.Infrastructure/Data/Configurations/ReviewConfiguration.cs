using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Ownership;
using NhiPortal.Core.Reviews;

namespace NhiPortal.Infrastructure.Data.Configurations;

internal sealed class ReviewCampaignConfiguration : IEntityTypeConfiguration<ReviewCampaign>
{
    public void Configure(EntityTypeBuilder<ReviewCampaign> builder)
    {
        builder.ToTable("ReviewCampaigns");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.ScopeValue).HasMaxLength(100);
        builder.Property(c => c.ReminderPercents).HasMaxLength(50);
        builder.Property(c => c.MoreFallbackReviewers).HasMaxLength(200);
        builder.Property(c => c.CreatedBy).HasMaxLength(200);
        builder.Property(c => c.ClosedBy).HasMaxLength(200);
        builder.Property(c => c.StagesJson).HasMaxLength(2000);
        builder.Ignore(c => c.Stages);
        builder.Ignore(c => c.InLastStage);
        builder.HasIndex(c => c.Status);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(c => c.FallbackReviewerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Items).WithOne().HasForeignKey(i => i.CampaignId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReviewItemConfiguration : IEntityTypeConfiguration<ReviewItem>
{
    public void Configure(EntityTypeBuilder<ReviewItem> builder)
    {
        builder.ToTable("ReviewItems");
        builder.Property(i => i.IdentityName).HasMaxLength(200);
        builder.Property(i => i.OwnerName).HasMaxLength(200);
        builder.Property(i => i.TeamName).HasMaxLength(200);
        builder.Property(i => i.ReviewerRule).HasMaxLength(ReviewItem.MaxReviewerRule);
        builder.Property(i => i.DelegationReason).HasMaxLength(1000);
        builder.Property(i => i.Justification).HasMaxLength(2000);
        builder.Property(i => i.DecidedBy).HasMaxLength(200);
        builder.Property(i => i.Recommendation).HasMaxLength(200);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasIndex(i => new { i.CampaignId, i.Status });
        // The queue: a reviewer's open items, riskiest (lowest score) first.
        builder.HasIndex(i => new { i.ReviewerId, i.Status, i.EvidenceScore });
        builder.HasIndex(i => i.IdentityId);
        builder.HasOne<NonHumanIdentity>().WithMany().HasForeignKey(i => i.IdentityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(i => i.ReviewerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReviewCampaignResultConfiguration : IEntityTypeConfiguration<ReviewCampaignResult>
{
    public void Configure(EntityTypeBuilder<ReviewCampaignResult> builder)
    {
        builder.ToTable("ReviewCampaignResults");
        builder.HasKey(r => r.CampaignId);
        builder.Property(r => r.Sha256).HasMaxLength(64);
        builder.HasOne<ReviewCampaign>().WithOne().HasForeignKey<ReviewCampaignResult>(r => r.CampaignId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WorkItemConfiguration : IEntityTypeConfiguration<WorkItem>
{
    public void Configure(EntityTypeBuilder<WorkItem> builder)
    {
        builder.ToTable("ReviewWorkItems");
        builder.Property(w => w.IdentityName).HasMaxLength(200);
        builder.Property(w => w.Description).HasMaxLength(WorkItem.MaxDescription);
        builder.Property(w => w.ClosedBy).HasMaxLength(200);
        builder.Property(w => w.Resolution).HasMaxLength(1000);
        builder.Property(w => w.Version).IsConcurrencyToken();
        // The list: open first, nearest due; and a person's own.
        builder.HasIndex(w => new { w.State, w.DueUtc });
        builder.HasIndex(w => new { w.AssigneeId, w.State, w.DueUtc });
        builder.HasIndex(w => w.ReviewItemId).IsUnique();
        builder.HasOne<ReviewCampaign>().WithMany().HasForeignKey(w => w.CampaignId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ReviewItem>().WithMany().HasForeignKey(w => w.ReviewItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(w => w.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<NonHumanIdentity>().WithMany().HasForeignKey(w => w.IdentityId).OnDelete(DeleteBehavior.Restrict);
    }
}
