using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Access;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Hygiene;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>
/// Every <c>Reviews:TickSeconds</c> (default 60), under the <c>reviews</c> lease so several instances never double a
/// reminder or close a campaign twice: reminders, escalations, closing expired campaigns, remediation outcomes, recurrences.
/// </summary>
public sealed class ReviewJob(IDbContextFactory<NhiPortalDbContext> dbFactory, CampaignEngine engine, TimeProvider clock, IConfiguration configuration,
    ILogger<ReviewJob> logger) : BackgroundService
{
    private readonly string _holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Reviews:TickSeconds", 60)));
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await JobLeases.TryAcquireAsync(dbFactory, "reviews", _holder, interval * 3, clock, stoppingToken))
                {
                    var (reminded, escalated, closed, remediated, recurred) = await engine.TickAsync(stoppingToken);
                    if (reminded + escalated + closed + remediated + recurred > 0)
                    {
                        logger.LogInformation("Reviews: {Reminded} reminded, {Escalated} escalated, {Closed} campaigns closed, {Remediated} remediated, {Recurred} recurred",
                            reminded, escalated, closed, remediated, recurred);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The review job failed; it runs again at the next tick");
            }
        }
    }
}

/// <summary>
/// When someone is marked as left, a micro-review opens at once over the NHIs they owned: a 72-hour window, reviewed by
/// each NHI's team lead, or by the person who marked them as left when there is no lead.
/// </summary>
public static class OwnerDepartureReview
{
    public static async Task<Guid?> OpenAsync(NhiPortalDbContext db, CampaignEngine engine, PortalUser actor, Guid leaverId, string leaverName,
        IReadOnlyCollection<Guid> identities, TimeProvider clock, CancellationToken ct)
    {
        var fallback = await db.StaffMembers.IdOfAsync(actor.Subject, activeOnly: true, ct)
            ?? await db.Teams.Where(t => t.LeadId != null).Select(t => t.LeadId).FirstOrDefaultAsync(ct);
        if (identities.Count == 0 || fallback is null)
        {
            return null;
        }
        var campaign = new ReviewCampaign
        {
            Name = $"Owner departure: {leaverName}", Scope = ReviewScope.OwnerDeparture, ScopeValue = leaverId.ToString("D"),
            WindowHours = ReviewRules.OwnerDepartureWindowHours, ReminderPercents = "50", EscalateAtPercent = 75, FallbackReviewerId = fallback.Value,
            Unanswered = UnansweredPolicy.FlagForFollowUp, CreatedBy = actor.Subject, CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.ReviewCampaigns.Add(campaign);
        await engine.StartAsync(db, campaign, actor, identities, ct);
        await db.SaveChangesAsync(ct);
        return campaign.Id;
    }
}
