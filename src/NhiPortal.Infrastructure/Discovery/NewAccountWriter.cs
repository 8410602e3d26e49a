using Microsoft.EntityFrameworkCore;
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

    public async Task<List<Guid>> AddAsync(NhiPortalDbContext db, string source, DeploymentEnvironment environment, IReadOnlyList<DiscoveredAccount> accounts,
        OwnerHintMatcher owners, PortalUser actor, string correlation, DateTime now, CancellationToken ct)
    {
        var names = await TakenNamesAsync(db, accounts.Select(a => a.Name), ct);
        var identities = new List<NonHumanIdentity>(accounts.Count);
        var credentials = new List<Credential>(accounts.Count);
        var events = new List<AuditEvent>(accounts.Count * 2);
        foreach (var account in accounts)
        {
            var identity = new NonHumanIdentity
            {
                ExternalId = KnownAccounts.Key(source, account.ExternalId),
                Name = UniqueName(account, source, names),
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
            var credential = new Credential
            {
                ExternalId = KnownAccounts.Key(source, seen.ExternalId),
                Name = Core.Common.Reasons.Fit(seen.Name, 300),
                Kind = seen.Kind,
                IdentityId = identity.Id,
                Purpose = $"Discovered in {source}",
                Store = source,
                StoreReference = seen.StoreReference,
                Fingerprint = seen.Fingerprint,
                IssuedUtc = seen.IssuedUtc ?? identity.CreatedUtc,
                LastRotatedUtc = seen.IssuedUtc,
                ExpiresUtc = seen.ExpiresUtc,
                LastUsedUtc = seen.LastUsedUtc,
                LastUsedNote = seen.LastUsedNote,
                State = seen.ExpiresUtc is { } expires && expires <= now ? CredentialState.Expired : CredentialState.Active,
                StateChangedUtc = now,
                DiscoveredBy = source,
            };
            identity.LastActivityUtc = credential.LastUsedUtc;
            identities.Add(identity);
            credentials.Add(credential);
            events.Add(audit.Create(AuditStream.Identity, AuditEventTypes.Identity.Discovered, actor, "Identity", AuditWriter.TargetKey(identity.Id),
                $"{identity.Name}: observed in {source} ({account.ExternalId}); no owner until one is confirmed.",
                after: new { Source = source, account.ExternalId, identity.LifecycleState, account.Entitlements, account.OwnerHint, Proposed = identity.ProposedOwnerId },
                correlationId: correlation));
            events.Add(audit.Create(AuditStream.Credential, AuditEventTypes.Credential.Discovered, actor, "Credential", AuditWriter.TargetKey(credential.Id),
                $"{credential.Name}: observed in {source}, {(seen.Enabled ? "enabled" : "disabled")} there.",
                after: new { Source = source, seen.StoreReference, Fingerprint = seen.Fingerprint.Short, credential.IssuedUtc, credential.ExpiresUtc, credential.LastUsedUtc },
                correlationId: correlation));
        }
        if (db.Database.IsSqlite() && accounts.Count >= BulkThreshold)
        {
            var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
            using var identityRows = new BulkInserter<NonHumanIdentity>(db, connection);
            using var credentialRows = new BulkInserter<Credential>(db, connection);
            using var eventRows = new BulkInserter<AuditEvent>(db, connection);
            identities.ForEach(identityRows.Insert);
            credentials.ForEach(credentialRows.Insert);
            events.ForEach(eventRows.Insert);
        }
        else
        {
            db.Identities.AddRange(identities);
            db.Credentials.AddRange(credentials);
            db.AuditEvents.AddRange(events);
            await db.SaveChangesAsync(ct);
        }
        return identities.Select(i => i.Id).ToList();
    }

    /// <summary>Identity names are unique: a discovered account whose name is taken is named after its source as well.</summary>
    private static string UniqueName(DiscoveredAccount account, string source, HashSet<string> taken)
    {
        var name = Core.Common.Reasons.Fit(account.Name, 200);
        if (taken.Add(name))
        {
            return name;
        }
        var qualified = Core.Common.Reasons.Fit($"{account.Name} ({source})", 200);
        for (var n = 2; !taken.Add(qualified); n++)
        {
            qualified = Core.Common.Reasons.Fit($"{account.Name} ({source} {n})", 200);
        }
        return qualified;
    }

    private static async Task<HashSet<string>> TakenNamesAsync(NhiPortalDbContext db, IEnumerable<string> names, CancellationToken ct)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in names.Distinct(StringComparer.OrdinalIgnoreCase).Chunk(500))
        {
            taken.UnionWith(await db.Identities.Where(i => chunk.Contains(i.Name)).Select(i => i.Name).ToListAsync(ct));
        }
        return taken;
    }
}
