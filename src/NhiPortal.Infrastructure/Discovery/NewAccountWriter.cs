using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Discovery;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Discovery;

/// <summary>
/// Adds the accounts a source reports for the first time: an identity and a credential each, marked discovered, with
/// no owner (an exact owner hint becomes a proposal), and an event each that says where they were observed. A first
/// sync of a large directory goes through prepared inserts on SQLite, in the caller's transaction.
/// </summary>
internal sealed class NewAccountWriter(AuditWriter audit)
{
    private const int BulkThreshold = 200;
    private const int ChunkSize = 2_000;
    private const int NameLength = 200;

    public async Task<List<Guid>> AddAsync(NhiPortalDbContext db, string source, DeploymentEnvironment environment, IReadOnlyList<DiscoveredAccount> accounts,
        OwnerHintMatcher owners, PortalUser actor, string correlation, DateTime now, CancellationToken ct)
    {
        var taken = await TakenNamesAsync(db, accounts.Select(a => Fit(a.Name)), ct);
        var names = accounts.Select(a => UniqueName(a, source, taken)).ToArray();
        Built BuildOne(int n) => Build(accounts[n], names[n], source, environment, owners, actor, correlation, now);
        if (!db.Database.IsSqlite() || accounts.Count < BulkThreshold)
        {
            var rows = Enumerable.Range(0, accounts.Count).Select(BuildOne).ToList();
            db.Identities.AddRange(rows.Select(b => b.Identity));
            db.Credentials.AddRange(rows.Select(b => b.Credential));
            db.AuditEvents.AddRange(rows.SelectMany(b => new[] { b.IdentityEvent, b.CredentialEvent }));
            await db.SaveChangesAsync(ct);
            return rows.Select(b => b.Identity.Id).ToList();
        }
        var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
        // Random keys (ids, fingerprints) touch index pages all over the file: a larger page cache keeps them in memory.
        await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size=-262144;", ct);
        var ids = new List<Guid>(accounts.Count);
        using (var identityRows = new BulkInserter<NonHumanIdentity>(db, connection))
        using (var credentialRows = new BulkInserter<Credential>(db, connection))
        using (var eventRows = new BulkInserter<AuditEvent>(db, connection))
        {
            // A pipeline over two cores: the next chunk's rows and MAC'd events are built while this one is inserted.
            var starts = Enumerable.Range(0, (accounts.Count + ChunkSize - 1) / ChunkSize).Select(k => k * ChunkSize).ToList();
            Built[] Chunk(int first) => Enumerable.Range(first, Math.Min(ChunkSize, accounts.Count - first)).Select(BuildOne).ToArray();
            var next = Task.Run(() => Chunk(starts[0]), ct);
            for (var k = 0; k < starts.Count; k++)
            {
                var chunk = await next;
                if (k + 1 < starts.Count)
                {
                    var following = starts[k + 1];
                    next = Task.Run(() => Chunk(following), ct);
                }
                // Table by table within a chunk: alternating tables row by row thrashes the page cache.
                foreach (var row in chunk)
                {
                    identityRows.Insert(row.Identity);
                    ids.Add(row.Identity.Id);
                }
                foreach (var row in chunk)
                {
                    credentialRows.Insert(row.Credential);
                }
                foreach (var row in chunk)
                {
                    eventRows.Insert(row.IdentityEvent);
                    eventRows.Insert(row.CredentialEvent);
                }
            }
        }
        await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size=-2000;", ct);
        return ids;
    }

    private sealed record Built(NonHumanIdentity Identity, Credential Credential, AuditEvent IdentityEvent, AuditEvent CredentialEvent);

    private Built Build(DiscoveredAccount account, string name, string source, DeploymentEnvironment environment,
        OwnerHintMatcher owners, PortalUser actor, string correlation, DateTime now)
    {
        var identity = new NonHumanIdentity
        {
            ExternalId = KnownAccounts.Key(source, account.ExternalId),
            Name = name,
            Kind = account.Kind,
            Purpose = Core.Common.Reasons.Fit(account.Description is { Length: > 0 } d ? d : $"Discovered in {source}; purpose not yet confirmed.", 500),
            Environment = environment,
            SourceSystem = source,
            LifecycleState = account.Disabled ? IdentityLifecycleState.Disabled : IdentityLifecycleState.Active,
            StateFromSource = account.Disabled,
            PrivilegeLevel = account.Privilege,
            Entitlements = account.Entitlements.Order(StringComparer.Ordinal).ToList(),
            CreatedUtc = account.CreatedUtc ?? now,
            DiscoveredBy = source,
            DiscoveredUtc = now,
            OwnerHint = account.OwnerHint is { } hint ? Core.Common.Reasons.Fit(hint, 400) : null,
            ProposedOwnerId = owners.Match(account.OwnerHint),
        };
        var seen = account.Credential;
        var credential = DiscoveredCredentialRecord.From(seen, source, identity.Id, identity.CreatedUtc, now);
        identity.LastActivityUtc = credential.LastUsedUtc;
        var identityEvent = audit.Create(AuditStream.Identity, AuditEventTypes.Identity.Discovered, actor, "Identity", AuditWriter.TargetKey(identity.Id),
            $"{identity.Name}: observed in {source} ({account.ExternalId}); no owner until one is confirmed.",
            after: new { Source = source, account.ExternalId, identity.LifecycleState, account.Entitlements, account.OwnerHint, Proposed = identity.ProposedOwnerId },
            correlationId: correlation);
        var credentialEvent = audit.Create(AuditStream.Credential, AuditEventTypes.Credential.Discovered, actor, "Credential", AuditWriter.TargetKey(credential.Id),
            $"{credential.Name}: observed in {source}, {(seen.Enabled ? "enabled" : "disabled")} there.",
            after: new { Source = source, seen.StoreReference, Fingerprint = seen.Fingerprint.Short, credential.IssuedUtc, credential.ExpiresUtc, credential.LastUsedUtc },
            correlationId: correlation);
        return new Built(identity, credential, identityEvent, credentialEvent);
    }

    /// <summary>Identity names are unique: a discovered account whose name is taken is named after its source as well.</summary>
    private static string UniqueName(DiscoveredAccount account, string source, HashSet<string> taken)
    {
        var name = Fit(account.Name);
        if (taken.Add(name))
        {
            return name;
        }
        // The suffix is kept whole and the base cut to make room, so every candidate differs and the loop ends.
        for (var n = 1; ; n++)
        {
            var suffix = n == 1 ? $" ({source})" : $" ({source} {n})";
            var candidate = Core.Common.Reasons.Fit(account.Name, Math.Max(1, NameLength - suffix.Length)) + suffix;
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }

    private static string Fit(string name) => Core.Common.Reasons.Fit(name, NameLength);

    private static async Task<HashSet<string>> TakenNamesAsync(NhiPortalDbContext db, IEnumerable<string> names, CancellationToken ct)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var wanted = names.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (db.Database.IsSqlite() && wanted.Count >= BulkThreshold)
        {
            // One indexed join through a temporary table instead of a query per chunk: 50,000 names in milliseconds.
            var connection = db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = "CREATE TEMP TABLE IF NOT EXISTS discovery_names (Name TEXT NOT NULL COLLATE NOCASE); DELETE FROM discovery_names;";
            await command.ExecuteNonQueryAsync(ct);
            command.CommandText = "INSERT INTO discovery_names (Name) VALUES ($name)";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$name";
            command.Parameters.Add(parameter);
            foreach (var name in wanted)
            {
                parameter.Value = name;
                await command.ExecuteNonQueryAsync(ct);
            }
            command.Parameters.Clear();
            command.CommandText = "SELECT i.Name FROM discovery_names n JOIN Identities i ON i.Name = n.Name; DELETE FROM discovery_names;";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                taken.Add(reader.GetString(0));
            }
            return taken;
        }
        foreach (var chunk in wanted.Chunk(500))
        {
            taken.UnionWith(await db.Identities.Where(i => chunk.Contains(i.Name)).Select(i => i.Name).ToListAsync(ct));
        }
        return taken;
    }
}
