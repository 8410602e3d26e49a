using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>
/// Opens the work items a review leaves, in the caller's transaction: one for a last-stage "reduce access" decision,
/// and, set-based, one for each item a closing stage left unanswered under "flag for follow-up". Each is audited.
/// </summary>
public sealed class ReviewWorkItems(AuditWriter audit, ReviewBatchOptions options)
{
    public void OpenForReduction(NhiPortalDbContext db, ReviewItem item, ReviewCampaign campaign, bool ownerActive, PortalUser actor, DateTime nowUtc)
    {
        var work = New(item.CampaignId, item.Id, item.IdentityId, item.IdentityName, WorkItemKind.ReduceAccess,
            item.Justification ?? "Reduce its access as the reviewer decided.", WorkItemRules.Assignee(item.OwnerId, ownerActive, campaign.FallbackReviewerId), nowUtc);
        db.WorkItems.Add(work);
        db.AuditEvents.Add(Opened(work, actor, campaign.Name));
    }

    /// <summary>The closing stage's unanswered last-stage items: a batch of item ids at a time, inserted in bulk with their events.</summary>
    public async Task<int> OpenForUnansweredAsync(NhiPortalDbContext db, ReviewCampaign campaign, PortalUser actor, DateTime nowUtc, CancellationToken ct)
    {
        var stage = campaign.CurrentStage;
        var description = Reasons.Fit(WorkItemRules.DescribeUnanswered(campaign.Name), WorkItem.MaxDescription);
        var after = 0L;
        var total = 0;
        while (true)
        {
            var batch = await db.ReviewItems.AsNoTracking()
                .Where(i => i.CampaignId == campaign.Id && i.Stage == stage && i.FinalStage && i.Status == ReviewItemStatus.NoResponse && i.Id > after
                    && !db.WorkItems.Any(w => w.ReviewItemId == i.Id))
                .OrderBy(i => i.Id).Take(Math.Max(1, options.ItemsPerBatch))
                .Select(i => new { i.Id, i.IdentityId, i.IdentityName, i.OwnerId, OwnerActive = db.StaffMembers.Any(s => s.Id == i.OwnerId && s.IsActive) })
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                return total;
            }
            var items = batch.Select(i => New(campaign.Id, i.Id, i.IdentityId, i.IdentityName, WorkItemKind.Unanswered, description,
                WorkItemRules.Assignee(i.OwnerId, i.OwnerActive, campaign.FallbackReviewerId), nowUtc)).ToList();
            await BulkRows.InsertAsync(db, items, ct);
            await BulkRows.InsertAsync(db, items.Select(w => Opened(w, actor, campaign.Name)).ToList(), ct);
            after = batch[^1].Id;
            total += batch.Count;
        }
    }

    private static WorkItem New(Guid campaignId, long itemId, Guid identityId, string identityName, WorkItemKind kind, string description, Guid assignee, DateTime now) => new()
    {
        CampaignId = campaignId, ReviewItemId = itemId, IdentityId = identityId, IdentityName = identityName, Kind = kind,
        Description = Reasons.Fit(description, WorkItem.MaxDescription), AssigneeId = assignee, CreatedUtc = now, DueUtc = WorkItemRules.Due(now),
    };

    private AuditEvent Opened(WorkItem w, PortalUser actor, string campaignName) => audit.Create(AuditStream.Review, AuditEventTypes.Review.WorkItemOpened, actor,
        "ReviewItem", w.ReviewItemId.ToString(CultureInfo.InvariantCulture),
        $"{w.IdentityName}: follow-up opened ({(w.Kind == WorkItemKind.ReduceAccess ? "reduce access" : "unanswered")} in \"{campaignName}\"), due {w.DueUtc:yyyy-MM-dd}",
        null, new { WorkItem = w.Id, Kind = w.Kind.ToString(), w.AssigneeId, w.DueUtc }, ReviewCampaign.CorrelationFor(w.CampaignId));
}
