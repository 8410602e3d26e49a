using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Outbox;
using NhiPortal.Core.Requests;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Requests;

/// <summary>
/// An NHI past its planned end is marked as reached, with its event and a decommission follow-up, in one transaction
/// per batch (<see cref="EndDateDecommissionHandler"/> starts the run). Once per end: moving the end clears the mark.
/// </summary>
public sealed class EndDateRun(IDbContextFactory<NhiPortalDbContext> dbFactory, AuditWriter audit, FollowUps followUps, TimeProvider clock)
{
    public static readonly PortalUser Job = PortalUser.System("end-dates");

    internal int BatchSize { get; init; } = 500;

    public async Task<int> MarkReachedAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var reached = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var batch = await db.Identities.Where(i => i.EndsUtc <= now && i.EndReachedUtc == null && i.LifecycleState != IdentityLifecycleState.Decommissioned)
                .OrderBy(i => i.EndsUtc).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return reached;
            }
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var identity in batch)
            {
                identity.EndReachedUtc = now;
                audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.EndDateReached, Job, "Identity", AuditWriter.TargetKey(identity.Id),
                    $"{identity.Name}: its planned end ({IdentityEndDate.DayOf(identity.EndsUtc!.Value):yyyy-MM-dd}) is reached; it is being decommissioned",
                    null, new { identity.EndsUtc });
                followUps.Add(db, FollowUpTypes.EndDateDecommission, Job, "Identity", AuditWriter.TargetKey(identity.Id),
                    new EndDateDecommissionPayload(identity.Id, identity.EndsUtc.Value));
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // An owner moved an end meanwhile: nothing of this batch is kept; the next pass reads it again.
                return reached;
            }
            await transaction.CommitAsync(ct);
            reached += batch.Count;
        }
    }
}
