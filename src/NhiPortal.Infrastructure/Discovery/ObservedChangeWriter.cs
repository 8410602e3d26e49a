using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Discovery;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Discovery;

/// <summary>
/// Applies what a source reports differently (dates, state, entitlements, a new password value) and what it no longer
/// lists, each with an event saying it was observed there. Gone is a mark, never a delete. A new value keeps the old
/// credential as Rotated history, as a rotation in the portal does.
/// </summary>
internal sealed class ObservedChangeWriter(AuditWriter audit)
{
    public async Task<List<Guid>> UpdateAsync(NhiPortalDbContext db, string source, IReadOnlyList<AccountUpdate> updates, PortalUser actor, string correlation,
        DateTime now, CancellationToken ct)
    {
        var touched = new List<Guid>();
        foreach (var chunk in updates.Chunk(500))
        {
            var ids = chunk.Select(u => u.Known.IdentityId).ToList();
            var identities = await db.Identities.Include(i => i.Credentials.Where(c => c.ExternalId != null && c.DiscoveredBy == source))
                .Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
            foreach (var update in chunk)
            {
                if (!identities.TryGetValue(update.Known.IdentityId, out var identity))
                {
                    continue;
                }
                Apply(db, source, update, identity, actor, correlation, now);
                touched.Add(identity.Id);
            }
            await db.SaveChangesAsync(ct);
        }
        return touched;
    }

    private void Apply(NhiPortalDbContext db, string source, AccountUpdate update, Core.Inventory.NonHumanIdentity identity, PortalUser actor, string correlation, DateTime now)
    {
        var observed = update.Observed;
        var held = identity.Credentials.FirstOrDefault();
        if (identity.LifecycleState != update.Known.State || (held is not null && held.State != update.Known.Credential?.State))
        {
            // Someone changed it after the plan was made (a revocation, a disable): the next sync compares again.
            return;
        }
        if (update.Returned)
        {
            identity.GoneFromSourceUtc = null;
            update.IdentityChanges.Add(new ObservedChange("listed", "gone", "listed again"));
        }
        if (update.IdentityChanges.Count > 0)
        {
            var entitlements = Core.Inventory.EntitlementDiff.Of(identity.Entitlements, observed.Entitlements);
            if (entitlements.Any)
            {
                audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.EntitlementsChanged, actor, "Identity", AuditWriter.TargetKey(identity.Id),
                    $"{identity.Name}: {entitlements.Describe()} (observed in {source})", new { entitlements.Removed }, new { entitlements.Added }, correlation);
            }
            identity.Entitlements = observed.Entitlements.Order(StringComparer.Ordinal).ToList();
            identity.PrivilegeLevel = observed.Privilege;
            if (update.NewState is { } state)
            {
                identity.LifecycleState = state;
                identity.StateFromSource = state == Core.Inventory.IdentityLifecycleState.Disabled;
            }
            identity.Version++;
            if (update.OwnerHintChanged)
            {
                identity.OwnerHint = observed.OwnerHint is { } hint ? Core.Common.Reasons.Fit(hint, 400) : null;
                identity.ProposedOwnerId = update.NewProposedOwnerId;
            }
            audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.ObservedChanged, actor, "Identity", AuditWriter.TargetKey(identity.Id),
                $"{identity.Name}: observed in {source}: {Describe(update.IdentityChanges)}.",
                update.IdentityChanges.ToDictionary(c => c.Field, c => c.Before), update.IdentityChanges.ToDictionary(c => c.Field, c => c.After), correlation);
        }
        var current = identity.Credentials.FirstOrDefault();
        var seen = observed.Credential;
        if (current is null || update.ValueChanged)
        {
            ReplaceCredential(db, source, identity, current, seen, actor, correlation, now, update.CredentialChanges);
            return;
        }
        if (update.CredentialChanges.Count == 0 && !update.Returned)
        {
            return;
        }
        current.GoneFromSourceUtc = null;
        current.Version++;
        current.IssuedUtc = seen.IssuedUtc ?? current.IssuedUtc;
        current.ExpiresUtc = seen.ExpiresUtc;
        if (seen.LastUsedUtc is { } used && (current.LastUsedUtc is null || used > current.LastUsedUtc))
        {
            current.LastUsedUtc = used;
            current.LastUsedNote = seen.LastUsedNote;
            identity.LastActivityUtc = identity.LastActivityUtc is { } last && last > used ? last : used;
        }
        if (current.State == CredentialState.Active && current.ExpiresUtc is { } expires && expires <= now)
        {
            current.State = CredentialState.Expired;
            current.StateChangedUtc = now;
            update.CredentialChanges.Add(new ObservedChange("state", "Active", "Expired"));
        }
        audit.Append(db, AuditStream.Credential, AuditEventTypes.Credential.ObservedChanged, actor, "Credential", AuditWriter.TargetKey(current.Id),
            $"{current.Name}: observed in {source}: {Describe(update.CredentialChanges)}.",
            update.CredentialChanges.ToDictionary(c => c.Field, c => c.Before), update.CredentialChanges.ToDictionary(c => c.Field, c => c.After), correlation);
    }

    private void ReplaceCredential(NhiPortalDbContext db, string source, Core.Inventory.NonHumanIdentity identity, Credential? current, DiscoveredCredential seen,
        PortalUser actor, string correlation, DateTime now, List<ObservedChange> changes)
    {
        var successor = DiscoveredCredentialRecord.From(seen, source, identity.Id, now, now);
        successor.Purpose = current?.Purpose ?? successor.Purpose;
        successor.LastRotatedUtc = seen.IssuedUtc ?? now;
        successor.LastUsedUtc ??= current?.LastUsedUtc;
        successor.LastUsedNote ??= current?.LastUsedNote;
        successor.PredecessorId = current?.Id;
        if (current is not null)
        {
            // The predecessor stays as history; only the successor answers to the source's id from now on.
            current.ExternalId = null;
            current.Version++;
            current.State = CredentialState.Rotated;
            current.StateChangedUtc = now;
            audit.Append(db, AuditStream.Credential, AuditEventTypes.Credential.ObservedChanged, actor, "Credential", AuditWriter.TargetKey(current.Id),
                $"{current.Name}: a new value was observed in {source}; this one is kept as rotated history.",
                new { State = "Active", Fingerprint = current.Fingerprint.Short }, new { State = "Rotated", Successor = successor.Id }, correlation);
        }
        db.Credentials.Add(successor);
        audit.Append(db, AuditStream.Credential, AuditEventTypes.Credential.Discovered, actor, "Credential", AuditWriter.TargetKey(successor.Id),
            $"{successor.Name}: observed in {source}{(current is null ? "" : $" (replaces {current.Fingerprint.Short})")}: {Describe(changes)}.",
            after: new { Source = source, seen.StoreReference, Fingerprint = seen.Fingerprint.Short, successor.IssuedUtc, successor.ExpiresUtc, Predecessor = current?.Id },
            correlationId: correlation);
    }

    public async Task<List<Guid>> MarkGoneAsync(NhiPortalDbContext db, string source, IReadOnlyList<KnownAccount> gone, PortalUser actor, string correlation,
        DateTime now, CancellationToken ct)
    {
        foreach (var chunk in gone.Chunk(500))
        {
            var ids = chunk.Select(k => k.IdentityId).ToList();
            await db.Identities.Where(i => ids.Contains(i.Id)).ExecuteUpdateAsync(s => s.SetProperty(i => i.GoneFromSourceUtc, now), ct);
            await db.Credentials.Where(c => c.IdentityId != null && ids.Contains(c.IdentityId.Value) && c.DiscoveredBy == source && c.ExternalId != null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.GoneFromSourceUtc, now), ct);
            foreach (var known in chunk)
            {
                audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.GoneFromSource, actor, "Identity", AuditWriter.TargetKey(known.IdentityId),
                    $"{known.Name}: no longer listed by a complete read of {source}; kept and marked gone.", correlationId: correlation);
                if (known.Credential is { } credential)
                {
                    audit.Append(db, AuditStream.Credential, AuditEventTypes.Credential.GoneFromSource, actor, "Credential", AuditWriter.TargetKey(credential.CredentialId),
                        $"{known.Name}: its credential is no longer listed by {source}.", correlationId: correlation);
                }
            }
            await db.SaveChangesAsync(ct);
        }
        return gone.Select(k => k.IdentityId).ToList();
    }

    private static string Describe(IEnumerable<ObservedChange> changes) =>
        string.Join("; ", changes.Select(c => $"{c.Field} {c.Before ?? "none"} → {c.After ?? "none"}"));
}
