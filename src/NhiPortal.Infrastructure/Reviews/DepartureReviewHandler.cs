using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Outbox;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>
/// When someone is marked as left, a micro-review opens over the NHIs they owned that are still active: a 72-hour
/// window, reviewed by each NHI's team lead, or by the person who marked them as left when there is no lead. The
/// campaign takes the follow-up's id, so a second delivery finds it instead of opening another.
/// </summary>
public sealed class DepartureReviewHandler(IDbContextFactory<NhiPortalDbContext> dbFactory, CampaignStartRequests starts, TimeProvider clock) : IFollowUpHandler
{
    public string Type => FollowUpTypes.DepartureReview;

    public int BatchSize => 1;

    public async Task HandleAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken ct)
    {
        foreach (var message in batch)
        {
            await OpenAsync(message, ct);
        }
    }

    private async Task OpenAsync(OutboxMessage message, CancellationToken ct)
    {
        var payload = FollowUps.Read<DepartureReviewPayload>(message);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ReviewCampaigns.AnyAsync(c => c.Id == message.Id, ct))
        {
            return;
        }
        var identities = payload.IdentityIds.ToList();
        var active = await db.Identities.Where(i => identities.Contains(i.Id) && i.LifecycleState == IdentityLifecycleState.Active).Select(i => i.Id).ToListAsync(ct);
        var fallback = await db.StaffMembers.IdOfAsync(payload.MarkedBy, activeOnly: true, ct)
            ?? await db.Teams.Where(t => t.LeadId != null).Select(t => t.LeadId).FirstOrDefaultAsync(ct);
        if (active.Count == 0 || fallback is null)
        {
            return;
        }
        var actor = PortalUser.System("reviews", $"the departure of {payload.LeaverName}, marked by {payload.MarkedBy}", Capability.ManageCampaigns);
        var campaign = new ReviewCampaign
        {
            Id = message.Id, Name = $"Owner departure: {payload.LeaverName}", Scope = ReviewScope.OwnerDeparture, ScopeValue = payload.LeaverId.ToString("D"),
            WindowHours = ReviewRules.OwnerDepartureWindowHours, ReminderPercents = "50", EscalateAtPercent = 75, FallbackReviewerId = fallback.Value,
            Unanswered = UnansweredPolicy.FlagForFollowUp, CreatedBy = actor.Subject, CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.ReviewCampaigns.Add(campaign);
        await starts.RequestAsync(db, campaign, actor, active, null, ct);
        await db.SaveChangesAsync(ct);
    }
}
