using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Notifications;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>
/// The clock's escalation of a campaign's open items: past each escalation point an item moves along its chain
/// (<see cref="EscalationChain"/>), each move audited from whom to whom, and the new reviewers told.
/// </summary>
public sealed class ReviewEscalation(AuditWriter audit)
{
    private static readonly PortalUser Job = PortalUser.System("reviews");

    /// <summary>Moves the due items among the campaign's loaded open items; the caller saves.</summary>
    public async Task<int> EscalateAsync(NhiPortalDbContext db, ReviewCampaign campaign, DateTime now, CancellationToken ct)
    {
        var points = ReviewRules.EscalationPointsPassed(campaign.StageStartedUtc ?? campaign.StartedUtc!.Value, campaign.DeadlineUtc!.Value, now, campaign.EscalateAtPercent);
        var kind = campaign.Stages[campaign.CurrentStage - 1].Kind;
        var reach = kind == ReviewStageKind.Named && points > 0 ? EscalationChain.Steps : points;
        var due = campaign.Items.Where(i => i.IsOpen && i.Stage == campaign.CurrentStage && i.EscalationStep < reach).ToList();
        if (due.Count == 0)
        {
            return 0;
        }
        var links = new Dictionary<Guid, (Guid? Lead, Guid? Manager)>();
        foreach (var chunk in due.Select(i => i.IdentityId).Distinct().Chunk(500))
        {
            foreach (var r in await db.Identities.AsNoTracking().Where(i => chunk.Contains(i.Id))
                         .Select(i => new { i.Id, Lead = i.Team != null ? i.Team.LeadId : null, Manager = i.Owner != null ? i.Owner.ManagerId : null }).ToListAsync(ct))
            {
                links[r.Id] = (r.Lead, r.Manager);
            }
        }
        var pool = campaign.FallbackPool;
        var people = await db.StaffMembers.AsNoTracking().ReviewerCandidatesAsync([.. links.Values.SelectMany(l => new[] { l.Lead, l.Manager }).OfType<Guid>(), .. pool, .. due.Select(i => i.ReviewerId)], ct);
        var poolCandidates = pool.Select(people.GetValueOrDefault).OfType<ReviewerCandidate>().ToList();
        var earlier = await EarlierStages.ForAsync(db, [campaign.Id], due.Select(i => i.IdentityId).Distinct().ToList(), campaign.CurrentStage, ct);
        var told = new Dictionary<Guid, int>();
        var moved = 0;
        foreach (var item in due)
        {
            var (lead, manager) = links.GetValueOrDefault(item.IdentityId);
            var excluded = item.Stage == 1 ? [] : StageSeparation.Excluded(earlier[(item.CampaignId, item.IdentityId)].SelectMany(e => e.People),
                item.Critical, campaign.SeparationOfDuties, item.OwnerId);
            if (EscalationChain.Next(kind, item.EscalationStep, points, item.ReviewerId, lead is { } l ? people.GetValueOrDefault(l) : null,
                    manager is { } m ? people.GetValueOrDefault(m) : null, poolCandidates, excluded) is not { } move)
            {
                continue;
            }
            var from = people.GetValueOrDefault(item.ReviewerId)?.Name ?? "the reviewer";
            var to = move.To is { } t ? people.GetValueOrDefault(t)?.Name ?? "the fallback" : null;
            item.Escalate(move, now);
            audit.Append(db, AuditStream.Review, AuditEventTypes.Review.ItemEscalated, Job, "ReviewItem", item.Id.ToString(CultureInfo.InvariantCulture),
                $"{item.IdentityName}: unanswered at escalation point {move.Step} of {EscalationChain.Steps}; " +
                (to is null || move.To == item.ReviewerId && from == to ? $"open to the fallback pool ({move.Rule})" : $"moved from {from} to {to} ({move.Role})"),
                null, new { From = from, To = to, move.Step, move.Role, move.ToPool }, ReviewCampaign.CorrelationFor(campaign.Id));
            foreach (var recipient in move.ToPool ? poolCandidates.Where(p => p.Active && p.CanDecide && !excluded.Contains(p.Id)).Select(p => p.Id) : [item.ReviewerId])
            {
                told[recipient] = told.GetValueOrDefault(recipient) + 1;
            }
            moved++;
        }
        foreach (var (recipient, count) in told)
        {
            ReviewNotifications.Notify(db, recipient, NotificationKinds.ReviewEscalated, $"review-escalated:{campaign.Id:N}:{campaign.CurrentStage}:{points}:{recipient:N}",
                $"{count} unanswered NHI(s) escalated to you in \"{campaign.Name}\"",
                $"Their reviewers have not answered; you may decide them before {campaign.DeadlineUtc:yyyy-MM-dd HH:mm} UTC.", "/my-reviews", now);
        }
        return moved;
    }
}
