using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>Closing a review follow-up as done or dismissed, with a resolution, audited; a concurrent close is told, never overwritten.</summary>
public sealed class WorkItemCommands(IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, AuditWriter audit, TimeProvider clock) : IWorkItemCommands
{
    public async Task CloseAsync(Guid workItemId, int version, WorkItemState outcome, string resolution, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.DecideReviewItems);
        if (outcome == WorkItemState.Open)
        {
            throw new ValidationException("Close a follow-up as done or dismissed.");
        }
        resolution = Reasons.Require(resolution, "Say what was done, or why it is dismissed");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var work = await db.WorkItems.SingleOrDefaultAsync(w => w.Id == workItemId, ct) ?? throw new NotFoundException($"Follow-up {workItemId}");
        var me = await db.StaffMembers.IdOfAsync(user.ScopeSubject, activeOnly: true, ct);
        // The person it is assigned to closes it; so may whoever runs campaigns (an owner who left, a reassignment).
        if (work.AssigneeId != me && !user.Can(Capability.ManageCampaigns))
        {
            throw new AccessDeniedException(user, Capability.ManageCampaigns);
        }
        if (work.State != WorkItemState.Open || work.Version != version)
        {
            throw new ReviewConflictException($"The follow-up for {work.IdentityName} was {work.State.ToString().ToLowerInvariant()} by {work.ClosedBy ?? "someone"} a moment ago. Reload.");
        }
        var before = new { State = work.State.ToString() };
        work.Close(outcome, resolution, user.Subject, clock.GetUtcNow().UtcDateTime);
        audit.Append(db, AuditStream.Review, AuditEventTypes.Review.WorkItemClosed, user, "ReviewItem", work.ReviewItemId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{work.IdentityName}: follow-up {outcome.ToString().ToLowerInvariant()} by {user.DisplayName}. {resolution}", before,
            new { WorkItem = work.Id, State = outcome.ToString(), Resolution = resolution }, ReviewCampaign.CorrelationFor(work.CampaignId));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ReviewConflictException($"The follow-up for {work.IdentityName} was closed by someone else a moment ago. Reload.");
        }
    }
}
