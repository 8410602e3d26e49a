using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Ownership;
using NhiPortal.Infrastructure.Audit;

namespace NhiPortal.Infrastructure.Data;

public sealed record LoadResult(int Teams, int Staff, int Identities, int Credentials, TimeSpan Elapsed);

/// <summary>
/// Writes a synthetic organisation of any size (the demo's 2,000 identities or a million) into an empty database,
/// with one audit event per identity and per credential, all in one transaction. SQLite gets a streaming path
/// (prepared inserts, nothing tracked); other providers bulk copy in batches (<see cref="BulkRows"/>).
/// </summary>
public sealed class SyntheticOrganisationLoader(AuditWriter audit, TimeProvider clock)
{
    private static readonly PortalUser Loader = PortalUser.System("demo-data");
    private const int Batch = 50_000;

    /// <summary>Time spent writing rows and rebuilding indexes in the last streaming load (for the benchmark's report).</summary>
    public (TimeSpan Insert, TimeSpan Indexes)? Phases { get; private set; }

    // perRecordAudit: one audit event per identity and credential (the demo); otherwise one per stream (scale runs).
    public async Task<LoadResult> LoadAsync(NhiPortalDbContext db, SyntheticOrganisationSize size,
        int seed = SyntheticOrganisation.DefaultSeed, bool perRecordAudit = true, CancellationToken ct = default)
    {
        if (await db.Identities.AnyAsync(ct) || await db.Credentials.AnyAsync(ct))
        {
            throw new InvalidOperationException("The database already holds identities; a synthetic organisation is only loaded into an empty one.");
        }
        var watch = Stopwatch.StartNew();
        var now = clock.GetUtcNow().UtcDateTime;
        var organisation = SyntheticOrganisation.Stream(size, now, seed);
        var correlation = $"synthetic-{now:yyyyMMddHHmmss}";
        var counts = db.Database.IsSqlite()
            ? await LoadStreamingAsync(db, organisation, correlation, perRecordAudit, ct)
            : await LoadInBatchesAsync(db, organisation, correlation, perRecordAudit, ct);
        return new LoadResult(organisation.Teams.Count, organisation.Staff.Count, counts.Identities, counts.Credentials, watch.Elapsed);
    }

    private static readonly string[] LargeTables = ["Identities", "Credentials", "AuditEvents"];

    private async Task<(int Identities, int Credentials)> LoadStreamingAsync(
        NhiPortalDbContext db, SyntheticOrganisationStream organisation, string correlation, bool perRecordAudit, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        // A rollback journal costs nothing on empty tables, where WAL would write every new page twice.
        var journalMode = await ScalarAsync(connection, "PRAGMA journal_mode;", ct);
        try
        {
            await ExecuteAsync(connection, "PRAGMA journal_mode=DELETE; PRAGMA cache_size=-1048576; PRAGMA temp_store=MEMORY; PRAGMA threads=4;", ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            // Secondary indexes are dropped and rebuilt afterwards: one sort beats millions of random B-tree inserts.
            var indexes = await SecondaryIndexesAsync(connection, transaction, ct);
            foreach (var (name, _) in indexes)
            {
                await ExecuteAsync(connection, $"DROP INDEX \"{name}\";", ct, transaction);
            }
            var trace = Stopwatch.StartNew();
            var counts = Insert(db, connection, organisation, correlation, perRecordAudit, ct);
            var inserted = trace.Elapsed;
            foreach (var (_, sql) in indexes)
            {
                await ExecuteAsync(connection, sql + ";", ct, transaction);
            }
            Phases = (inserted, trace.Elapsed - inserted);
            await transaction.CommitAsync(ct);
            return counts;
        }
        finally
        {
            await ExecuteAsync(connection, $"PRAGMA journal_mode={journalMode};", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    private (int Identities, int Credentials) Insert(NhiPortalDbContext db, System.Data.Common.DbConnection connection,
        SyntheticOrganisationStream organisation, string correlation, bool perRecordAudit, CancellationToken ct)
    {
        var sqlite = (Microsoft.Data.Sqlite.SqliteConnection)connection;
        using var teams = new BulkInserter<Team>(db, sqlite);
        using var staff = new BulkInserter<StaffMember>(db, sqlite);
        using var identities = new BulkInserter<NonHumanIdentity>(db, sqlite);
        using var credentials = new BulkInserter<Credential>(db, sqlite);
        using var events = new BulkInserter<AuditEvent>(db, sqlite);
        foreach (var team in organisation.Teams)
        {
            teams.Insert(team);
        }
        foreach (var member in organisation.Staff)
        {
            staff.Insert(member);
        }
        // Generation runs on another core while this thread writes; the queue bounds memory at any size.
        using var queue = new BlockingCollection<(NonHumanIdentity, IReadOnlyList<Credential>)>(boundedCapacity: 20_000);
        var producer = Task.Run(() =>
        {
            try
            {
                foreach (var item in organisation.Identities)
                {
                    queue.Add(item, ct);
                }
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, ct);
        var (identityCount, credentialCount) = (0, 0);
        foreach (var (identity, owned) in queue.GetConsumingEnumerable(ct))
        {
            identities.Insert(identity);
            identityCount++;
            if (perRecordAudit)
            {
                events.Insert(IdentityCreated(identity, correlation));
            }
            foreach (var credential in owned)
            {
                credentials.Insert(credential);
                credentialCount++;
                if (perRecordAudit)
                {
                    events.Insert(CredentialImported(credential, correlation));
                }
            }
        }
        producer.GetAwaiter().GetResult();
        if (!perRecordAudit)
        {
            foreach (var summary in Summaries(identityCount, credentialCount, correlation))
            {
                events.Insert(summary);
            }
        }
        return (identityCount, credentialCount);
    }

    private static async Task<List<(string Name, string Sql)>> SecondaryIndexesAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL " +
            $"AND tbl_name IN ({string.Join(", ", LargeTables.Select(t => $"'{t}'"))})";
        var indexes = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        return indexes;
    }

    private static async Task<string> ScalarAsync(System.Data.Common.DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) ?? "delete";
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql, CancellationToken ct,
        System.Data.Common.DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    // Server databases: batches through each provider's bulk path (COPY, SqlBulkCopy), identities before the
    // credentials that refer to them, all in one transaction.
    private async Task<(int Identities, int Credentials)> LoadInBatchesAsync(
        NhiPortalDbContext db, SyntheticOrganisationStream organisation, string correlation, bool perRecordAudit, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await BulkRows.InsertAsync(db, organisation.Teams, ct);
        await BulkRows.InsertAsync(db, organisation.Staff, ct);
        var (identityCount, credentialCount) = (0, 0);
        var (identities, credentials, events) = (new List<NonHumanIdentity>(), new List<Credential>(), new List<AuditEvent>());
        async Task FlushAsync()
        {
            await BulkRows.InsertAsync(db, identities, ct);
            await BulkRows.InsertAsync(db, credentials, ct);
            await BulkRows.InsertAsync(db, events, ct);
            identities.Clear();
            credentials.Clear();
            events.Clear();
        }
        foreach (var (identity, owned) in organisation.Identities)
        {
            identities.Add(identity);
            credentials.AddRange(owned);
            if (perRecordAudit)
            {
                events.Add(IdentityCreated(identity, correlation));
                events.AddRange(owned.Select(c => CredentialImported(c, correlation)));
            }
            identityCount++;
            credentialCount += owned.Count;
            if (identities.Count + credentials.Count >= Batch)
            {
                await FlushAsync();
            }
        }
        if (!perRecordAudit)
        {
            events.AddRange(Summaries(identityCount, credentialCount, correlation));
        }
        await FlushAsync();
        await transaction.CommitAsync(ct);
        return (identityCount, credentialCount);
    }

    // One event per stream for a bulk load too large to narrate row by row; the correlation id ties them to the load.
    private IEnumerable<AuditEvent> Summaries(int identities, int credentials, string correlation) =>
    [
        audit.Create(AuditStream.Identity, AuditEventTypes.Identity.Created, Loader, "SyntheticOrganisation", correlation,
            $"{identities:N0} identities created from the synthetic organisation", correlationId: correlation),
        audit.Create(AuditStream.Credential, AuditEventTypes.Credential.Imported, Loader, "SyntheticOrganisation", correlation,
            $"{credentials:N0} credentials imported from the synthetic organisation", correlationId: correlation),
    ];

    private AuditEvent IdentityCreated(NonHumanIdentity identity, string correlation) => audit.Create(
        AuditStream.Identity, AuditEventTypes.Identity.Created, Loader, "Identity", AuditWriter.TargetKey(identity.Id),
        $"{identity.Name} created from the synthetic organisation", correlationId: correlation);

    private AuditEvent CredentialImported(Credential credential, string correlation) => audit.Create(
        AuditStream.Credential, AuditEventTypes.Credential.Imported, Loader, "Credential", AuditWriter.TargetKey(credential.Id),
        $"{credential.Kind} {credential.Name} imported (fingerprint {credential.Fingerprint.Short})", correlationId: correlation);
}
