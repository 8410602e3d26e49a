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
        var items = await db.ReviewItems.Where(i => payload.ItemIds.Contains(i.Id) && i.RemediationRunId == message.Id).ToListAsync(ct);
        // A decision names its identity; an unanswered campaign's run covers its items' identities.
        List<Guid> identityIds = payload.IdentityId is { } decided ? [decided] : items.Select(i => i.IdentityId).Distinct().ToList();
        var credentials = new List<Guid>();
        foreach (var chunk in identityIds.Chunk(2_000))
        {
            credentials.AddRange(await db.Credentials.Where(c => c.State == CredentialState.Active && c.IdentityId != null && chunk.Contains(c.IdentityId.Value))
                .Select(c => c.Id).ToListAsync(ct));
        }
        var disableStill = payload.DisableIdentity && payload.IdentityId is { } id
            && await db.Identities.AnyAsync(i => i.Id == id && i.LifecycleState == IdentityLifecycleState.Active, ct);
        if (credentials.Count == 0 && !disableStill)
        {
            // Revoked or expired meanwhile: nothing for a run to do.
            foreach (var item in items)
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
