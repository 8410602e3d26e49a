using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Hygiene;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Credentials;

/// <summary>
/// Marks active credentials past their expiry as Expired, each with its credential event, set-based in batches. Each
/// batch (states, scores, events and a full-rescore follow-up, which coalesce into one) is one transaction, so SQLite's
/// writer lock is released between batches and pages keep their latency. An expired credential no longer counts
/// towards its identity's score, and the dashboard's scored-credential figures come from the snapshot a full rescore takes.
/// </summary>
public sealed class CredentialExpiryRun(IDbContextFactory<NhiPortalDbContext> dbFactory, AuditWriter audit, TimeProvider clock, FollowUps followUps)
{
    // Ids per UPDATE: within SQL Server's 2,100 parameters, whichever way the provider sends a list.
    private const int IdsPerStatement = 1_000;
    private static readonly PortalUser Job = PortalUser.System("credential-expiry");

    /// <summary>Credentials per transaction: long enough to be set-based, short enough not to hold the writer for long.</summary>
    internal int BatchSize { get; init; } = 25_000;

    /// <summary>Writes the events through the context as on SQL Server, for tests of that path on SQLite.</summary>
    internal bool ForceNeutralPath { get; init; }

    public async Task<int> MarkExpiredAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var total = 0;
        int marked;
        while ((marked = await MarkBatchAsync(now, ct)) > 0)
        {
            total += marked;
        }
        return total;
    }

    private async Task<int> MarkBatchAsync(DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(2));
        // The rows read stay as read until commit: SQLite's transaction holds the writer from its start; elsewhere
        // repeatable read keeps them locked. So the UPDATE names ids only, and SQLite walks the key index for them
        // (with a State condition beside the id list it chose the (State, ExpiresUtc) index and scanned 2.8M rows).
        await using var transaction = await db.Database.BeginTransactionAsync(
            db.Database.IsSqlite() ? System.Data.IsolationLevel.Serializable : System.Data.IsolationLevel.RepeatableRead, ct);
        // In expiry order along the (State, ExpiresUtc) index: marked rows leave the range, so each batch takes the next.
        var due = await db.Credentials.AsNoTracking()
            .Where(c => c.State == CredentialState.Active && c.ExpiresUtc < now)
            .OrderBy(c => c.ExpiresUtc).Take(BatchSize)
            .Select(c => new { c.Id, c.Name, c.ExpiresUtc })
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }
        var changed = 0;
        foreach (var ids in due.Select(c => c.Id).Chunk(IdsPerStatement))
        {
            changed += await db.Credentials.Where(c => ids.Contains(c.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CredentialState.Expired).SetProperty(c => c.StateChangedUtc, now), ct);
            await CredentialScoreWriter.SetAsync(db, ids, null, ct);
        }
        if (changed != due.Count)
        {
            // One of these went since it was read: write nothing, the next pass sees the new state.
            throw new DbUpdateConcurrencyException($"{due.Count - changed} of {due.Count} credentials due to expire were gone when they were marked; the batch was rolled back.");
        }
        var events = due.Select(c => audit.Create(AuditStream.Credential, AuditEventTypes.Credential.Expired, Job, "Credential", AuditWriter.TargetKey(c.Id),
            $"{c.Name}: expired on {c.ExpiresUtc:yyyy-MM-dd HH:mm} UTC", new { State = "Active" }, new { State = "Expired" })).ToList();
        followUps.RescoreAll(db, Job, $"{due.Count} credential(s) expired");
        await db.SaveChangesAsync(ct);
        await AuditWriter.AppendManyAsync(db, events, ForceNeutralPath, ct);
        await transaction.CommitAsync(ct);
        return due.Count;
    }
}
