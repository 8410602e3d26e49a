using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Notifications;
using NhiPortal.Core.Reviews;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>The clock's part of reviews: reminders, escalations, closing what expired, remediation outcomes, recurrences.</summary>
public sealed class ReviewClock(IDbContextFactory<NhiPortalDbContext> dbFactory, AuditWriter audit, TimeProvider clock, CampaignStartRequests starts, CampaignCloser closer,
    SeparationOfDutiesPolicy separation, ReviewEscalation escalation, ReviewCadence cadence)
{
    private static readonly PortalUser Job = PortalUser.System("reviews");

    public async Task<(int Reminded, int Escalated, int Closed, int Remediated, int Recurred)> TickAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        int reminded = 0, escalated = 0, closed = 0;
        List<Guid> active;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            active = await db.ReviewCampaigns.Where(c => c.Status == CampaignStatus.Active).Select(c => c.Id).ToListAsync(ct);
        }
        foreach (var id in active)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var campaign = await db.ReviewCampaigns.SingleAsync(c => c.Id == id, ct);
            // A later stage that found nothing still active to review has nothing to wait for: it ends (and the campaign closes) now.
            if (ReviewRules.Expired(campaign.DeadlineUtc!.Value, now)
                || campaign.CurrentStage > 1 && !await db.ReviewItems.AnyAsync(i => i.CampaignId == id && i.Stage == campaign.CurrentStage, ct))
            {
                // The stage's end (and the close) is set-based: it loads none of the items. A person who ended it a moment ago wins.
                try
                {
                    await closer.EndStageAsync(db, campaign, Job, ct);
                }
                catch (ReviewConflictException)
                {
                    continue;
                }
                closed++;
                continue;
            }
            await db.Entry(campaign).Collection(c => c.Items).Query()
                .Where(i => i.Status == ReviewItemStatus.Pending || i.Status == ReviewItemStatus.Escalated).LoadAsync(ct);
            var (remindedHere, escalatedHere) = (Remind(db, campaign, now), await escalation.EscalateAsync(db, campaign, now, ct));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A reviewer decided one of these items meanwhile: nothing of this campaign was saved; the next tick sees the decision.
                continue;
            }
            (reminded, escalated) = (reminded + remindedHere, escalated + escalatedHere);
        }
        var remediated = await SyncRemediationAsync(ct);
        var recurred = await StartRecurrencesAsync(now, ct);
        return (reminded, escalated, closed, remediated, recurred);
    }

    private int Remind(NhiPortalDbContext db, ReviewCampaign campaign, DateTime now)
    {
        var (start, deadline) = (campaign.StageStartedUtc ?? campaign.StartedUtc!.Value, campaign.DeadlineUtc!.Value);
        var due = ReviewRules.RemindersDue(start, deadline, now, ReviewRules.ParsePercents(campaign.ReminderPercents));
        var reminded = 0;
        foreach (var group in campaign.Items.Where(i => i.RemindersSent < due).GroupBy(i => i.ReviewerId))
        {
            ReviewNotifications.Notify(db, group.Key, NotificationKinds.ReviewReminder, $"review-reminder:{campaign.Id:N}:{campaign.CurrentStage}:{group.Key:N}:{due}",
                $"Reminder: {group.Count()} NHI(s) still to review in \"{campaign.Name}\"",
                $"The window closes {deadline:yyyy-MM-dd HH:mm} UTC; unanswered items are {ReviewRules.Describe(campaign.Unanswered)}.", "/my-reviews", now);
            audit.Append(db, AuditStream.Review, AuditEventTypes.Review.ReminderSent, Job, "ReviewCampaign", campaign.Id.ToString("D"),
                $"\"{campaign.Name}\": reminder {due} sent for {group.Count()} pending item(s)", null, new { Reviewer = group.Key, Items = group.Count() },
                ReviewCampaign.CorrelationFor(campaign.Id));
            foreach (var item in group)
            {
                item.RemindersSent = due;
            }
            reminded += group.Count();
        }
        return reminded;
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
            var succeeded = x.Status == RevocationRunStatus.Completed;
            x.Item.Remediate(succeeded);
            audit.Append(db, AuditStream.Review, AuditEventTypes.Review.ItemRemediated, Job, "ReviewItem",
                x.Item.Id.ToString(CultureInfo.InvariantCulture), $"{x.Item.IdentityName}: remediation {(succeeded ? "completed" : "FAILED")}",
                null, new { Run = x.Item.RemediationRunId, Status = x.Status.ToString() }, ReviewCampaign.CorrelationFor(x.Item.CampaignId));
        }
        await db.SaveChangesAsync(ct);
        return open.Count;
    }

    private async Task<int> StartRecurrencesAsync(DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = (await db.ReviewCampaigns.Where(c => c.RecurrenceDays != null && !c.SuccessorStarted && c.StartedUtc != null).ToListAsync(ct))
            .Where(c => c.StartedUtc!.Value.AddDays(c.RecurrenceDays!.Value) <= now).ToList();
        foreach (var previous in due)
        {
            previous.SuccessorStarted = true;
            var next = previous.Successor(previous.Name, Job.Subject, now, separation.Required);
            next.RiskBasedCadence = previous.RiskBasedCadence;
            // A risk-based campaign follows the cadence in force now, not the one it was created under.
            next.RecurrenceDays = previous.RiskBasedCadence ? cadence.RecurrenceDays : previous.RecurrenceDays;
            db.ReviewCampaigns.Add(next);
            await starts.RequestAsync(db, next, Job, null, null, ct);
        }
        await db.SaveChangesAsync(ct);
        return due.Count;
    }
}
