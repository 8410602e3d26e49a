using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Notifications;
using NhiPortal.Core.Reviews;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Revocation;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>
/// The campaign state machine shared by the service (people) and the review job (the clock): start (freeze the
/// items and their evidence), remind, escalate, close (apply the unanswered policy, freeze the result), remediate.
/// </summary>
public sealed class CampaignEngine(IDbContextFactory<NhiPortalDbContext> dbFactory, AuditWriter audit, TimeProvider clock, Func<PortalUser, RevocationService> revocations)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Freezes the campaign's item list: NHIs created later are not added.</summary>
    public async Task<int> StartAsync(NhiPortalDbContext db, ReviewCampaign campaign, PortalUser actor, IReadOnlyCollection<Guid>? onlyIdentities, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var identities = db.Identities.AsNoTracking().Where(i => i.LifecycleState == IdentityLifecycleState.Active);
        identities = campaign.Scope switch
        {
            ReviewScope.Team when Guid.TryParse(campaign.ScopeValue, out var team) => identities.Where(i => i.TeamId == team),
            ReviewScope.Environment when Enum.TryParse<DeploymentEnvironment>(campaign.ScopeValue, out var environment) => identities.Where(i => i.Environment == environment),
            ReviewScope.Grade when Enum.TryParse<HygieneGrade>(campaign.ScopeValue, out var grade) => InGrade(identities, HygieneGrades.Range(grade)),
            ReviewScope.HighRisk => identities.Where(i => i.IsShared || i.IsBreakGlass || i.IsVendorManaged),
            _ => identities,
        };
        if (onlyIdentities is not null)
        {
            var ids = onlyIdentities.ToList();
            identities = identities.Where(i => ids.Contains(i.Id));
        }
        var rows = await identities.Select(i => new
        {
            i.Id, i.Name, i.OwnerId, Owner = i.Owner != null ? i.Owner.DisplayName : null, OwnerActive = i.Owner != null && i.Owner.IsActive,
            Team = i.Team != null ? i.Team.Name : null, LeadId = i.Team != null ? i.Team.LeadId : null,
            LeadActive = i.Team != null && i.Team.LeadId != null && db.StaffMembers.Any(s => s.Id == i.Team.LeadId && s.IsActive),
            i.HygieneScore, i.Entitlements, i.LastActivityUtc, i.LastAttestedUtc, i.IsShared, i.IsBreakGlass, i.IsVendorManaged, i.PrivilegeLevel,
        }).ToListAsync(ct);
        var identityIds = rows.Select(r => r.Id).ToList();
        var credentials = new List<(Guid IdentityId, string Name, CredentialKind Kind, int? Score, DateTime? LastUsed)>();
        foreach (var chunk in identityIds.Chunk(2_000))
        {
            credentials.AddRange((await db.Credentials.AsNoTracking().Where(c => c.State == CredentialState.Active && c.IdentityId != null && chunk.Contains(c.IdentityId.Value))
                .Select(c => new { IdentityId = c.IdentityId!.Value, c.Name, c.Kind, c.HygieneScore, c.LastUsedUtc }).ToListAsync(ct))
                .Select(c => (c.IdentityId, c.Name, c.Kind, c.HygieneScore, c.LastUsedUtc)));
        }
        var byIdentity = credentials.ToLookup(c => c.IdentityId);
        var previous = (await db.ReviewItems.AsNoTracking().Where(r => r.Decision != null && r.CampaignId != campaign.Id)
                .Select(r => new { r.IdentityId, r.Decision, r.DecidedUtc, r.DecidedBy }).ToListAsync(ct))
            .GroupBy(r => r.IdentityId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.DecidedUtc).First());

        foreach (var r in rows)
        {
            var (reviewer, rule) = ReviewRules.Reviewer(r.OwnerId, r.OwnerActive, r.LeadId, r.LeadActive, campaign.FallbackReviewerId);
            var own = byIdentity[r.Id].ToList();
            var lastUsed = own.Where(c => c.LastUsed != null).Select(c => c.LastUsed).DefaultIfEmpty(null).Max();
            var previousDecision = previous.GetValueOrDefault(r.Id);
            var evidence = new ReviewEvidence(
                r.HygieneScore, r.HygieneScore is { } s ? HygieneGrades.Of(s).ToString() : null, lastUsed, r.LastActivityUtc, r.LastAttestedUtc, r.Entitlements,
                r.PrivilegeLevel.ToString(), r.IsShared, r.IsBreakGlass, r.IsVendorManaged,
                own.Select(c => new EvidenceCredential(c.Name, c.Kind.ToString(), c.Score is { } cs ? HygieneGrades.Of(cs).ToString() : null, c.LastUsed)).ToList(),
                previousDecision is null ? null : $"{previousDecision.Decision} by {previousDecision.DecidedBy} on {previousDecision.DecidedUtc:yyyy-MM-dd}");
            campaign.Items.Add(new ReviewItem
            {
                IdentityId = r.Id, IdentityName = r.Name, OwnerId = r.OwnerId, OwnerName = r.Owner, TeamName = r.Team, ReviewerId = reviewer, ReviewerRule = rule,
                EvidenceScore = r.HygieneScore, EvidenceLastUsedUtc = lastUsed, Recommendation = ReviewRules.Recommend(lastUsed, now),
                HighRisk = r.IsShared || r.IsBreakGlass || r.IsVendorManaged, EvidenceJson = evidence.ToJson(),
            });
        }
        campaign.Status = CampaignStatus.Active;
        campaign.StartedUtc = now;
        campaign.DeadlineUtc = ReviewRules.Deadline(now, campaign.WindowHours);
        foreach (var reviewer in campaign.Items.GroupBy(i => i.ReviewerId))
        {
            Notify(db, reviewer.Key, NotificationKinds.ReviewAssigned, $"review-assigned:{campaign.Id:N}:{reviewer.Key:N}",
                $"{reviewer.Count()} NHI(s) to review in \"{campaign.Name}\"",
                $"Confirm each is still needed, or revoke, disable, reduce or reassign it, by {campaign.DeadlineUtc:yyyy-MM-dd HH:mm} UTC. Unanswered items are {ReviewRules.Describe(campaign.Unanswered)}.",
                "/my-reviews", now);
        }
        audit.Append(db, AuditStream.Review, AuditEventTypes.Review.CampaignStarted, actor, "ReviewCampaign", campaign.Id.ToString("D"),
            $"\"{campaign.Name}\" started: {campaign.Items.Count} NHI(s), {campaign.Items.Select(i => i.ReviewerId).Distinct().Count()} reviewer(s), deadline {campaign.DeadlineUtc:yyyy-MM-dd HH:mm} UTC",
            null, new { campaign.Scope, campaign.ScopeValue, campaign.WindowHours, Items = campaign.Items.Count, campaign.Unanswered }, Correlation(campaign.Id));
        return campaign.Items.Count;
    }

    private static IQueryable<NonHumanIdentity> InGrade(IQueryable<NonHumanIdentity> identities, (int From, int To) range) =>
        identities.Where(i => i.HygieneScore != null && i.HygieneScore >= range.From && i.HygieneScore <= range.To);

    public static string Correlation(Guid campaignId) => $"campaign-{campaignId:N}";

    /// <summary>The clock's part: reminders, escalations, closing what expired, remediation outcomes, recurrences.</summary>
    public async Task<(int Reminded, int Escalated, int Closed, int Remediated, int Recurred)> TickAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var job = PortalUser.System("reviews");
        int reminded = 0, escalated = 0, closed = 0, recurred = 0;
        List<Guid> active;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            active = await db.ReviewCampaigns.Where(c => c.Status == CampaignStatus.Active).Select(c => c.Id).ToListAsync(ct);
        }
        foreach (var id in active)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var campaign = await db.ReviewCampaigns.Include(c => c.Items.Where(i => i.Status == ReviewItemStatus.Pending || i.Status == ReviewItemStatus.Escalated))
                .SingleAsync(c => c.Id == id, ct);
            var start = campaign.StartedUtc!.Value;
            var deadline = campaign.DeadlineUtc!.Value;
            if (ReviewRules.Expired(deadline, now))
            {
                await CloseAsync(db, campaign, job, ct);
                closed++;
                continue;
            }
            var due = ReviewRules.RemindersDue(start, deadline, now, ReviewRules.ParsePercents(campaign.ReminderPercents));
            foreach (var group in campaign.Items.Where(i => i.RemindersSent < due).GroupBy(i => i.ReviewerId))
            {
                Notify(db, group.Key, NotificationKinds.ReviewReminder, $"review-reminder:{campaign.Id:N}:{group.Key:N}:{due}",
                    $"Reminder: {group.Count()} NHI(s) still to review in \"{campaign.Name}\"",
                    $"The window closes {deadline:yyyy-MM-dd HH:mm} UTC; unanswered items are {ReviewRules.Describe(campaign.Unanswered)}.", "/my-reviews", now);
                audit.Append(db, AuditStream.Review, AuditEventTypes.Review.ReminderSent, job, "ReviewCampaign", campaign.Id.ToString("D"),
                    $"\"{campaign.Name}\": reminder {due} sent for {group.Count()} pending item(s)", null, new { Reviewer = group.Key, Items = group.Count() }, Correlation(campaign.Id));
                foreach (var item in group)
                {
                    item.RemindersSent = due;
                }
                reminded += group.Count();
            }
            if (ReviewRules.EscalationDue(start, deadline, now, campaign.EscalateAtPercent))
            {
                var pending = campaign.Items.Where(i => i.Status == ReviewItemStatus.Pending).ToList();
                foreach (var item in pending)
                {
                    item.Status = ReviewItemStatus.Escalated;
                    item.EscalatedUtc = now;
                    audit.Append(db, AuditStream.Review, AuditEventTypes.Review.ItemEscalated, job, "ReviewItem", item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        $"{item.IdentityName}: unanswered at {campaign.EscalateAtPercent}% of the window; escalated", null, null, Correlation(campaign.Id));
                }
                if (pending.Count > 0)
                {
                    Notify(db, campaign.FallbackReviewerId, NotificationKinds.ReviewEscalated, $"review-escalated:{campaign.Id:N}",
                        $"{pending.Count} unanswered NHI(s) escalated to you in \"{campaign.Name}\"",
                        $"Their reviewers have not answered; you may decide them before {deadline:yyyy-MM-dd HH:mm} UTC.", "/my-reviews", now);
                    escalated += pending.Count;
                }
            }
            await db.SaveChangesAsync(ct);
        }
        var remediated = await SyncRemediationAsync(ct);
        recurred = await StartRecurrencesAsync(job, now, ct);
        return (reminded, escalated, closed, remediated, recurred);
    }

    /// <summary>Closes a campaign: unanswered items get its policy, the result (who decided what, when, why) is frozen.</summary>
    public async Task CloseAsync(NhiPortalDbContext db, ReviewCampaign campaign, PortalUser actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var unanswered = await db.ReviewItems.Where(i => i.CampaignId == campaign.Id && (i.Status == ReviewItemStatus.Pending || i.Status == ReviewItemStatus.Escalated))
            .ToListAsync(ct);
        foreach (var item in unanswered)
        {
            item.Status = ReviewItemStatus.NoResponse;
            item.FollowUp = campaign.Unanswered == UnansweredPolicy.FlagForFollowUp;
            item.Version++;
            audit.Append(db, AuditStream.Review, AuditEventTypes.Review.ItemNoResponse, actor, "ReviewItem", item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{item.IdentityName}: no answer by the deadline; {ReviewRules.Describe(campaign.Unanswered)}", null, new { Policy = campaign.Unanswered.ToString() }, Correlation(campaign.Id));
        }
        campaign.Status = CampaignStatus.Closed;
        campaign.ClosedUtc = now;
        campaign.ClosedBy = actor.Subject;
        await db.SaveChangesAsync(ct);

        if (campaign.Unanswered != UnansweredPolicy.FlagForFollowUp && unanswered.Count > 0)
        {
            await RemediateUnansweredAsync(db, campaign, unanswered, actor, ct);
        }

        var items = await db.ReviewItems.AsNoTracking().Where(i => i.CampaignId == campaign.Id).OrderBy(i => i.Id).ToListAsync(ct);
        var reviewers = await ReviewerNamesAsync(db, items.Select(i => i.ReviewerId), ct);
        var signals = RubberStampSignals.From(items.Where(i => i.DecidedUtc != null).Select(i => (i.DecidedBy!, i.DecidedUtc!.Value, i.Decision!.Value)),
            campaign.StartedUtc!.Value, campaign.DeadlineUtc!.Value);
        var result = JsonSerializer.Serialize(new
        {
            Campaign = new { campaign.Id, campaign.Name, Scope = campaign.Scope.ToString(), campaign.ScopeValue, campaign.WindowHours, campaign.StartedUtc, campaign.DeadlineUtc,
                ClosedUtc = now, ClosedBy = actor.Subject, Unanswered = campaign.Unanswered.ToString() },
            Signals = signals,
            Items = items.Select(i => new
            {
                i.IdentityId, i.IdentityName, i.OwnerName, i.TeamName, Reviewer = reviewers.GetValueOrDefault(i.ReviewerId), i.ReviewerRule,
                Status = i.Status.ToString(), Decision = i.Decision?.ToString(), i.Justification, i.DecidedBy, i.DecidedUtc,
                Evidence = new { i.EvidenceScore, i.EvidenceLastUsedUtc, i.Recommendation, i.HighRisk }, i.RemediationRunId, i.FollowUp,
            }),
        }, Json);
        db.ReviewCampaignResults.Add(new ReviewCampaignResult
        {
            CampaignId = campaign.Id, ClosedUtc = now, ResultJson = result,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(result))),
        });
        audit.Append(db, AuditStream.Review, AuditEventTypes.Review.CampaignClosed, actor, "ReviewCampaign", campaign.Id.ToString("D"),
            $"\"{campaign.Name}\" closed: {items.Count(i => i.Decision != null)} decided, {unanswered.Count} unanswered ({ReviewRules.Describe(campaign.Unanswered)})",
            null, new { Items = items.Count, Decided = items.Count(i => i.Decision != null), Unanswered = unanswered.Count, signals.KeepBursts, signals.LastTenPercentShare },
            Correlation(campaign.Id));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// All unanswered items of a campaign in one revocation run (one step per credential) rather than a run each;
    /// with the disable policy the identities are disabled first, each with its identity event.
    /// </summary>
    private async Task RemediateUnansweredAsync(NhiPortalDbContext db, ReviewCampaign campaign, List<ReviewItem> unanswered, PortalUser actor, CancellationToken ct)
    {
        var reason = $"Access review \"{campaign.Name}\": no answer by {campaign.DeadlineUtc:yyyy-MM-dd HH:mm} UTC";
        var identityIds = unanswered.Select(i => i.IdentityId).Distinct().ToList();
        if (campaign.Unanswered == UnansweredPolicy.DisableIdentity)
        {
            foreach (var chunk in identityIds.Chunk(2_000))
            {
                foreach (var identity in await db.Identities.Where(i => chunk.Contains(i.Id) && i.LifecycleState == IdentityLifecycleState.Active).ToListAsync(ct))
                {
                    identity.LifecycleState = IdentityLifecycleState.Disabled;
                    audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.Disabled, actor, "Identity", AuditWriter.TargetKey(identity.Id),
                        $"{identity.Name}: disabled. {reason}", new { State = "Active" }, new { State = "Disabled" }, Correlation(campaign.Id));
                }
            }
            await db.SaveChangesAsync(ct);
        }
        var credentials = new List<(Guid Id, Guid IdentityId)>();
        foreach (var chunk in identityIds.Chunk(2_000))
        {
            credentials.AddRange((await db.Credentials.Where(c => c.State == CredentialState.Active && c.IdentityId != null && chunk.Contains(c.IdentityId.Value))
                .Select(c => new { c.Id, IdentityId = c.IdentityId!.Value }).ToListAsync(ct)).Select(c => (c.Id, c.IdentityId)));
        }
        Guid? runId = credentials.Count == 0 ? null
            : await revocations(actor).StartOnBehalfAsync(new RevocationRequest(credentials.Select(c => c.Id).ToList(), reason, IncludeManual: true), actor, ct);
        var withCredentials = credentials.Select(c => c.IdentityId).ToHashSet();
        foreach (var item in unanswered)
        {
            if (runId is not null && withCredentials.Contains(item.IdentityId))
            {
                item.RemediationRunId = runId;
            }
            else
            {
                item.Status = ReviewItemStatus.Remediated;
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Starts the revocation run a decision or the unanswered policy asks for; an identity with nothing left to revoke is remediated at once.</summary>
    public async Task RemediateAsync(NhiPortalDbContext db, ReviewItem item, ReviewCampaign campaign, bool disable, PortalUser actor, string reason, CancellationToken ct)
    {
        var hasActive = await db.Credentials.AnyAsync(c => c.IdentityId == item.IdentityId && c.State == CredentialState.Active, ct);
        var identityActive = await db.Identities.AnyAsync(i => i.Id == item.IdentityId && i.LifecycleState == IdentityLifecycleState.Active, ct);
        if (!hasActive && !(disable && identityActive))
        {
            item.Status = ReviewItemStatus.Remediated;
            audit.Append(db, AuditStream.Review, AuditEventTypes.Review.ItemRemediated, actor, "ReviewItem", item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{item.IdentityName}: nothing left to revoke", null, null, Correlation(campaign.Id));
            await db.SaveChangesAsync(ct);
            return;
        }
        item.RemediationRunId = await revocations(actor).StartOnBehalfAsync(new RevocationRequest([], reason, item.IdentityId, disable, IncludeManual: true), actor, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Items whose remediation run has finished take its outcome.</summary>
    public async Task<int> SyncRemediationAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = await db.ReviewItems.Where(i => i.RemediationRunId != null && (i.Status == ReviewItemStatus.Decided || i.Status == ReviewItemStatus.NoResponse))
            .Join(db.RevocationRuns.Where(r => r.Status == RevocationRunStatus.Completed || r.Status == RevocationRunStatus.PartiallyFailed || r.Status == RevocationRunStatus.Interrupted),
                i => i.RemediationRunId, r => r.Id, (i, r) => new { Item = i, r.Status })
            .ToListAsync(ct);
        foreach (var x in open)
        {
            x.Item.Status = x.Status == RevocationRunStatus.Completed ? ReviewItemStatus.Remediated : ReviewItemStatus.RemediationFailed;
            x.Item.Version++;
            audit.Append(db, AuditStream.Review, AuditEventTypes.Review.ItemRemediated, PortalUser.System("reviews"), "ReviewItem",
                x.Item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{x.Item.IdentityName}: remediation {(x.Status == RevocationRunStatus.Completed ? "completed" : "FAILED")}",
                null, new { Run = x.Item.RemediationRunId, Status = x.Status.ToString() }, Correlation(x.Item.CampaignId));
        }
        await db.SaveChangesAsync(ct);
        return open.Count;
    }

    private async Task<int> StartRecurrencesAsync(PortalUser job, DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = (await db.ReviewCampaigns.Where(c => c.RecurrenceDays != null && !c.SuccessorStarted && c.StartedUtc != null).ToListAsync(ct))
            .Where(c => c.StartedUtc!.Value.AddDays(c.RecurrenceDays!.Value) <= now).ToList();
        foreach (var previous in due)
        {
            previous.SuccessorStarted = true;
            var next = new ReviewCampaign
            {
                Name = previous.Name, Scope = previous.Scope, ScopeValue = previous.ScopeValue, WindowHours = previous.WindowHours, ReminderPercents = previous.ReminderPercents,
                EscalateAtPercent = previous.EscalateAtPercent, FallbackReviewerId = previous.FallbackReviewerId, Unanswered = previous.Unanswered,
                RecurrenceDays = previous.RecurrenceDays, CreatedBy = job.Subject, CreatedUtc = now, ParentCampaignId = previous.Id,
            };
            db.ReviewCampaigns.Add(next);
            await StartAsync(db, next, job, null, ct);
        }
        await db.SaveChangesAsync(ct);
        return due.Count;
    }

    internal static async Task<Dictionary<Guid, string>> ReviewerNamesAsync(NhiPortalDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        var names = new Dictionary<Guid, string>();
        foreach (var chunk in list.Chunk(2_000))
        {
            foreach (var s in await db.StaffMembers.AsNoTracking().Where(s => chunk.Contains(s.Id)).Select(s => new { s.Id, s.DisplayName }).ToListAsync(ct))
            {
                names[s.Id] = s.DisplayName;
            }
        }
        return names;
    }

    internal static void Notify(NhiPortalDbContext db, Guid recipient, string kind, string dedupKey, string title, string body, string link, DateTime now)
    {
        // One notification per key: a tick that runs twice never notifies twice.
        if (db.Notifications.Local.Any(n => n.DedupKey == dedupKey) || db.Notifications.Any(n => n.DedupKey == dedupKey))
        {
            return;
        }
        db.Notifications.Add(new Notification { RecipientId = recipient, Kind = kind, Title = title, Body = body, Link = link, DedupKey = dedupKey, CreatedUtc = now });
    }
}
