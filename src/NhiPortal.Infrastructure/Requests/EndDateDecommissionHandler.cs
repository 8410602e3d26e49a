using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Notifications;
using NhiPortal.Core.Outbox;
using NhiPortal.Core.Requests;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;
using NhiPortal.Infrastructure.Revocation;

namespace NhiPortal.Infrastructure.Requests;

/// <summary>
/// Decommissions an NHI whose planned end was reached: a revocation run (id = the follow-up's, so a second delivery
/// finds it) revokes every credential through its connector and closes the identity, as <c>system:end-dates</c>.
/// A credential where no connector reaches cannot be revoked by a job's word: then nothing is done, and the owner is
/// told what stands in the way (an operator revokes it by hand, or the end is moved).
/// </summary>
public sealed class EndDateDecommissionHandler(IDbContextFactory<NhiPortalDbContext> dbFactory, RevocationRunStarter starter, TimeProvider clock,
    ILogger<EndDateDecommissionHandler> logger) : IFollowUpHandler
{
    public string Type => FollowUpTypes.EndDateDecommission;

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
        var payload = FollowUps.Read<EndDateDecommissionPayload>(message);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var identity = await db.Identities.AsNoTracking().Where(i => i.Id == payload.IdentityId)
            .Select(i => new { i.Name, i.EndsUtc, i.OwnerId, i.LifecycleState }).SingleOrDefaultAsync(ct);
        if (identity is null || identity.EndsUtc != payload.EndsUtc || identity.LifecycleState == IdentityLifecycleState.Decommissioned)
        {
            return;
        }
        var day = IdentityEndDate.DayOf(payload.EndsUtc);
        var actor = PortalUser.System("end-dates", $"the planned end of {identity.Name} ({day:yyyy-MM-dd})", Capability.Revoke);
        var reason = $"Planned end of {identity.Name} reached ({day:yyyy-MM-dd})";
        try
        {
            await starter.StartAsync(new RevocationRequest([], reason, IdentityId: payload.IdentityId) { DecommissionIdentity = true }, actor, message.Id, ct);
        }
        catch (ValidationException refused)
        {
            logger.LogWarning("{Identity} reached its planned end but was not decommissioned: {Reason}", identity.Name, refused.Message);
            var key = $"ends:{payload.IdentityId:N}:{payload.EndsUtc:yyyyMMdd}:refused";
            if (identity.OwnerId is { } owner && !await db.Notifications.AnyAsync(n => n.DedupKey == key, ct))
            {
                db.Notifications.Add(new Notification
                {
                    RecipientId = owner, Kind = NotificationKinds.IdentityEnding, Title = Reasons.Fit($"{identity.Name} reached its end but is still open", 300),
                    Body = Reasons.Fit($"It could not be decommissioned by itself: {refused.Message} Ask an operator to decommission it, or move its end date.", 2000),
                    Link = $"/identities/{payload.IdentityId:D}", DedupKey = key,
                    CreatedUtc = clock.GetUtcNow().UtcDateTime,
                });
                await db.SaveChangesAsync(ct);
            }
        }
    }
}
