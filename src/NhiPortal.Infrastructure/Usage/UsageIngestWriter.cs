using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Usage;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Hygiene;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Usage;

/// <summary>
/// Writes one batch in one transaction: bucket upserts, last use on credentials (only ever forward) and identities,
/// an audit event when a credential's last-use day moves (the observation, at most one a day per credential, not one
/// per event), and one rescore follow-up for identities whose "unused" finding this ends. SQLite runs prepared
/// statements; other providers go through EF Core.
/// </summary>
public sealed class UsageIngestWriter(AuditWriter audit, FollowUps followUps, UsageSignal signal, TimeProvider clock)
{
    private const string SqliteUpsert = """
        INSERT INTO "UsageBuckets" ("CredentialId", "HourUtc", "Network", "Count", "Refused", "FirstSeenUtc", "LastSeenUtc", "Target", "LastAddress", "UpdatedUtc", "EvaluatedCount")
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0)
        ON CONFLICT ("CredentialId", "HourUtc", "Network") DO UPDATE SET
            "Count" = "Count" + excluded."Count", "Refused" = "Refused" + excluded."Refused",
            "FirstSeenUtc" = min("FirstSeenUtc", excluded."FirstSeenUtc"),
            "Target" = CASE WHEN excluded."LastSeenUtc" >= "LastSeenUtc" THEN coalesce(excluded."Target", "Target") ELSE "Target" END,
            "LastAddress" = CASE WHEN excluded."LastSeenUtc" >= "LastSeenUtc" THEN coalesce(excluded."LastAddress", "LastAddress") ELSE "LastAddress" END,
            "LastSeenUtc" = max("LastSeenUtc", excluded."LastSeenUtc"),
            "UpdatedUtc" = excluded."UpdatedUtc"
        """;

    internal async Task WriteAsync(NhiPortalDbContext db, IReadOnlyCollection<BucketDelta> buckets, IReadOnlyList<(ResolvedCredential Credential, DateTime Time)> lastUse,
        string origin, CancellationToken ct)
    {
        var staleDays = (await HygienePolicyStore.CurrentAsync(db, ct)).StaleDays;
        var actor = PortalUser.System("usage-ingest", $"usage observed in {origin}");
        var note = $"observed in {origin}";
        var newer = lastUse.Where(u => u.Credential.LastUsedUtc is null || u.Time > u.Credential.LastUsedUtc).ToList();
        var activity = newer.Where(u => u.Credential.IdentityId is not null).GroupBy(u => u.Credential.IdentityId!.Value).ToDictionary(g => g.Key, g => g.Max(u => u.Time));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Stamped inside the transaction: writers commit in stamp order, so the evaluator's watermark never skips a batch.
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = TimeSpan.FromDays(staleDays);
        var revived = newer.Where(u => u.Credential.IdentityId is not null && now - u.Time <= stale
            && (u.Credential.LastUsedUtc is null || now - u.Credential.LastUsedUtc.Value > stale)).Select(u => u.Credential.IdentityId!.Value).ToList();
        var audits = newer.Where(u => u.Credential.LastUsedUtc?.Date != u.Time.Date)
            .Select(u => audit.Create(AuditStream.Credential, AuditEventTypes.Credential.ObservedChanged, actor, "Credential", AuditWriter.TargetKey(u.Credential.Id),
                $"Last used {u.Time:yyyy-MM-dd HH:mm} UTC, {note}.", new { LastUsedUtc = u.Credential.LastUsedUtc }, new { LastUsedUtc = u.Time, LastUsedNote = note }))
            .ToList();
        if (db.Database.IsSqlite())
        {
            WriteSqlite(db, buckets, newer, activity, audits, note, now);
        }
        else
        {
            await WriteEfAsync(db, buckets, newer, activity, audits, note, now, ct);
        }
        followUps.Rescore(db, actor, revived, $"usage {note}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        signal.Raise();
    }

    private static void WriteSqlite(NhiPortalDbContext db, IReadOnlyCollection<BucketDelta> buckets, List<(ResolvedCredential Credential, DateTime Time)> newer,
        Dictionary<Guid, DateTime> activity, List<AuditEvent> audits, string note, DateTime now)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        using (var cache = new SqliteStatement(connection, "PRAGMA cache_size = -65536"))
        {
            // 64 MiB of page cache for this connection: the bucket indexes outgrow SQLite's 2 MiB default quickly.
            cache.Execute();
        }
        using (var upsert = new SqliteStatement(connection, SqliteUpsert))
        {
            // In key order: each upsert lands next to the last one in the primary key's B-tree, not on a random page.
            foreach (var b in buckets.OrderBy(b => b.CredentialId.ToString("D"), StringComparer.Ordinal).ThenBy(b => b.HourUtc).ThenBy(b => b.Network, StringComparer.Ordinal))
            {
                upsert.Bind(1, b.CredentialId).Bind(2, b.HourUtc).Bind(3, b.Network).Bind(4, b.Count).Bind(5, b.Refused).Bind(6, b.FirstSeenUtc)
                    .Bind(7, b.LastSeenUtc).Bind(8, b.Target).Bind(9, b.LastAddress).Bind(10, now).Execute();
            }
        }
        using (var used = new SqliteStatement(connection,
                   """UPDATE "Credentials" SET "LastUsedUtc" = ?2, "LastUsedNote" = ?3 WHERE "Id" = ?1 AND ("LastUsedUtc" IS NULL OR "LastUsedUtc" < ?2)"""))
        {
            foreach (var (credential, time) in newer)
            {
                used.Bind(1, credential.Id).Bind(2, time).Bind(3, note).Execute();
            }
        }
        using (var active = new SqliteStatement(connection,
                   """UPDATE "Identities" SET "LastActivityUtc" = ?2 WHERE "Id" = ?1 AND ("LastActivityUtc" IS NULL OR "LastActivityUtc" < ?2)"""))
        {
            foreach (var (identity, time) in activity)
            {
                active.Bind(1, identity).Bind(2, time).Execute();
            }
        }
        using var events = new BulkInserter<AuditEvent>(db, connection);
        foreach (var row in audits)
        {
            events.Insert(row);
        }
    }

    private static async Task WriteEfAsync(NhiPortalDbContext db, IReadOnlyCollection<BucketDelta> buckets, List<(ResolvedCredential Credential, DateTime Time)> newer,
        Dictionary<Guid, DateTime> activity, List<AuditEvent> audits, string note, DateTime now, CancellationToken ct)
    {
        foreach (var chunk in buckets.GroupBy(b => b.CredentialId).Chunk(500))
        {
            var ids = chunk.Select(g => g.Key).ToList();
            var from = chunk.SelectMany(g => g).Min(b => b.HourUtc);
            var to = chunk.SelectMany(g => g).Max(b => b.HourUtc);
            var stored = await db.UsageBuckets.Where(b => ids.Contains(b.CredentialId) && b.HourUtc >= from && b.HourUtc <= to)
                .ToDictionaryAsync(b => (b.CredentialId, b.HourUtc, b.Network), ct);
            foreach (var d in chunk.SelectMany(g => g))
            {
                if (stored.TryGetValue((d.CredentialId, d.HourUtc, d.Network), out var b))
                {
                    b.Count += d.Count;
                    b.Refused += d.Refused;
                    b.FirstSeenUtc = d.FirstSeenUtc < b.FirstSeenUtc ? d.FirstSeenUtc : b.FirstSeenUtc;
                    if (d.LastSeenUtc >= b.LastSeenUtc)
                    {
                        (b.LastSeenUtc, b.Target, b.LastAddress) = (d.LastSeenUtc, d.Target ?? b.Target, d.LastAddress ?? b.LastAddress);
                    }
                    b.UpdatedUtc = now;
                }
                else
                {
                    db.UsageBuckets.Add(new UsageBucket
                    {
                        CredentialId = d.CredentialId, HourUtc = d.HourUtc, Network = d.Network, Count = d.Count, Refused = d.Refused, FirstSeenUtc = d.FirstSeenUtc,
                        LastSeenUtc = d.LastSeenUtc, Target = d.Target, LastAddress = d.LastAddress, UpdatedUtc = now,
                    });
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        foreach (var (credential, time) in newer)
        {
            await db.Credentials.Where(c => c.Id == credential.Id && (c.LastUsedUtc == null || c.LastUsedUtc < time))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastUsedUtc, time).SetProperty(c => c.LastUsedNote, note), ct);
        }
        foreach (var (identity, time) in activity)
        {
            await db.Identities.Where(i => i.Id == identity && (i.LastActivityUtc == null || i.LastActivityUtc < time))
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.LastActivityUtc, time), ct);
        }
        db.AuditEvents.AddRange(audits);
    }
}
