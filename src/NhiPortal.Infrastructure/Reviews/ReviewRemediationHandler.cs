using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Outbox;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;
using NhiPortal.Infrastructure.Revocation;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>
/// Starts the revocation run a review asked for, as the review's system actor. The run takes the follow-up's id: a
/// second delivery finds the run and stops. Items whose identities hold nothing any more are remediated at once.
/// </summary>
public sealed class ReviewRemediationHandler(IDbContextFactory<NhiPortalDbContext> dbFactory, RevocationRunStarter starter, ReviewRemediations remediations)
    : IFollowUpHandler
{
    public string Type => FollowUpTypes.ReviewRemediation;

    public int BatchSize => 1;

    public async Task HandleAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken ct)
    {
        foreach (var message in batch)
        {
            await HandleOneAsync(message, ct);
        }
    }

    private async Task HandleOneAsync(OutboxMessage message, CancellationToken ct)
    {
        var payload = FollowUps.Read<ReviewRemediationPayload>(message);
        var actor = ReviewRemediations.Actor(payload.CampaignName, payload.DecidedBy);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.RevocationRuns.AnyAsync(r => r.Id == message.Id, ct))
        {
            return;
        }
        // The items point at the run they wait for (its id is this follow-up's): read as a set, never listed in the payload.
        var items = db.ReviewItems.Where(i => i.CampaignId == payload.CampaignId && i.RemediationRunId == message.Id);
        var active = db.Credentials.Where(c => c.State == CredentialState.Active);
        // A decision names its identity; an unanswered campaign's run covers its items' identities.
        var credentials = payload.IdentityId is { } decided
            ? await active.Where(c => c.IdentityId == decided).Select(c => c.Id).ToListAsync(ct)
            : await items.Join(active, i => (Guid?)i.IdentityId, c => c.IdentityId, (i, c) => c.Id).Distinct().ToListAsync(ct);
        var disableStill = payload.DisableIdentity && payload.IdentityId is { } id
            && await db.Identities.AnyAsync(i => i.Id == id && i.LifecycleState == IdentityLifecycleState.Active, ct);
        if (credentials.Count == 0 && !disableStill)
        {
            // Revoked or expired meanwhile: nothing for a run to do.
            foreach (var item in await items.ToListAsync(ct))
            {
                remediations.NothingToRevoke(db, item, actor);
            }
            await db.SaveChangesAsync(ct);
            return;
        }
        var request = payload.IdentityId is { } identityId
            ? new RevocationRequest([], payload.Reason, identityId, payload.DisableIdentity, IncludeManual: true)
            : new RevocationRequest(credentials, payload.Reason, IncludeManual: true);
        // Should everything go inactive between the check and the start, the start refuses, the follow-up is retried,
        // and the check above then finds nothing to revoke.
        await starter.StartAsync(request, actor, message.Id, ct);
    }
}
