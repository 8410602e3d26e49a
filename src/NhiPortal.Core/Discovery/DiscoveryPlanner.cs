using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Discovery;

/// <summary>
/// Decides what a read means, before anything is written: new, changed, gone, and where the source disagrees with a
/// decision made in the portal. The source observes; it never overrules a person: an owner, a disable or a revocation
/// made in the portal stands, and a disagreement is listed (a revoked credential live again is critical).
/// </summary>
public static class DiscoveryPlanner
{
    public const string OwnerField = "owner";
    public const string StateField = "state";
    public const string CredentialStateField = "credential-state";

    /// <param name="read">The source's whole answer.</param>
    /// <param name="known">What the portal holds for this source.</param>
    /// <param name="owners">Staff an owner hint may name.</param>
    /// <param name="maxIdLength">The longest source id the portal can keep (its column, less the source prefix): a longer one is an entry error, not a failed write.</param>
    public static DiscoveryPlan Plan(DiscoveryRead read, IReadOnlyCollection<KnownAccount> known, OwnerHintMatcher owners, int maxIdLength = int.MaxValue)
    {
        var plan = new DiscoveryPlan();
        plan.Errors.AddRange(read.ObjectErrors);
        var unreadable = new HashSet<string>(read.ObjectErrors.Where(e => e.ExternalId is not null).Select(e => e.ExternalId!), StringComparer.OrdinalIgnoreCase);
        var observed = new Dictionary<string, DiscoveredAccount>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in read.Accounts.GroupBy(a => a.ExternalId, StringComparer.OrdinalIgnoreCase))
        {
            if (group.Key.Length > maxIdLength || group.First().Credential.ExternalId.Length > maxIdLength)
            {
                plan.Errors.Add(new ObjectError(group.Key[..Math.Min(group.Key.Length, 120)] + "…", $"Its id is longer than the {maxIdLength} characters the portal keeps; it was not applied."));
                unreadable.Add(group.Key);
                continue;
            }
            if (group.Count() > 1)
            {
                // Which copy is true cannot be told, so neither is applied, and the account is not gone either.
                plan.Errors.Add(new ObjectError(group.Key, $"Listed {group.Count()} times in one read; none of the copies was applied."));
                unreadable.Add(group.Key);
                continue;
            }
            observed[group.Key] = group.First();
        }
        var knownById = known.ToDictionary(k => k.ExternalId, StringComparer.OrdinalIgnoreCase);
        foreach (var (id, account) in observed)
        {
            if (knownById.TryGetValue(id, out var existing))
            {
                var update = Compare(existing, account, owners, plan, read.Complete);
                if (update.HasChanges)
                {
                    plan.Updates.Add(update);
                }
            }
            else
            {
                plan.New.Add(account);
            }
        }
        if (read.Complete)
        {
            plan.Gone.AddRange(known.Where(k => k.GoneUtc is null && !observed.ContainsKey(k.ExternalId) && !unreadable.Contains(k.ExternalId)));
        }
        return plan;
    }

    private static AccountUpdate Compare(KnownAccount known, DiscoveredAccount observed, OwnerHintMatcher owners, DiscoveryPlan plan, bool complete)
    {
        var update = new AccountUpdate(known, observed) { Returned = known.GoneUtc is not null };
        var before = string.Join(", ", known.Entitlements.Order(StringComparer.Ordinal));
        var after = string.Join(", ", observed.Entitlements.Order(StringComparer.Ordinal));
        // A partial read may have missed group pages: a membership it did not see is not a membership removed.
        if (complete && before != after)
        {
            update.IdentityChanges.Add(new ObservedChange("entitlements", before, after));
        }
        if (complete && known.Privilege != observed.Privilege)
        {
            update.IdentityChanges.Add(new ObservedChange("privilege", known.Privilege.ToString(), observed.Privilege.ToString()));
        }
        CompareOwner(known, observed, owners, update, plan);
        CompareState(known, observed, update, plan);
        CompareCredential(known, observed, update, plan);
        return update;
    }

    private static void CompareOwner(KnownAccount known, DiscoveredAccount observed, OwnerHintMatcher owners, AccountUpdate update, DiscoveryPlan plan)
    {
        var match = owners.Match(observed.OwnerHint);
        if (known.OwnerId is { } owner)
        {
            if (match is { } other && other != owner)
            {
                plan.Conflicts.Add(new ConflictDraft(known.IdentityId, null, OwnerField, known.OwnerName ?? owner.ToString(), observed.OwnerHint!, false));
            }
            else
            {
                plan.Agreed.Add((known.IdentityId, OwnerField));
            }
            return;
        }
        if (!string.Equals(known.OwnerHint, observed.OwnerHint, StringComparison.Ordinal) || known.ProposedOwnerId != match)
        {
            update.OwnerHintChanged = true;
            update.NewProposedOwnerId = match;
            update.IdentityChanges.Add(new ObservedChange("owner hint", known.OwnerHint, observed.OwnerHint));
        }
    }

    private static void CompareState(KnownAccount known, DiscoveredAccount observed, AccountUpdate update, DiscoveryPlan plan)
    {
        var enabledThere = !observed.Disabled;
        switch (known.State)
        {
            case IdentityLifecycleState.Active when observed.Disabled:
                update.NewState = IdentityLifecycleState.Disabled;
                update.IdentityChanges.Add(new ObservedChange(StateField, "Active", "Disabled"));
                break;
            case IdentityLifecycleState.Disabled when known.StateFromSource && enabledThere:
                update.NewState = IdentityLifecycleState.Active;
                update.IdentityChanges.Add(new ObservedChange(StateField, "Disabled", "Active"));
                break;
            case IdentityLifecycleState.Disabled or IdentityLifecycleState.Decommissioned when !known.StateFromSource && enabledThere:
                plan.Conflicts.Add(new ConflictDraft(known.IdentityId, null, StateField, known.State.ToString(), "enabled in the source", false));
                break;
            default:
                plan.Agreed.Add((known.IdentityId, StateField));
                break;
        }
    }

    private static void CompareCredential(KnownAccount known, DiscoveredAccount observed, AccountUpdate update, DiscoveryPlan plan)
    {
        var seen = observed.Credential;
        if (known.Credential is not { } held)
        {
            update.ValueChanged = true;
            return;
        }
        if (held.State == CredentialState.Revoked)
        {
            // Revoked here and usable there: the revocation was undone behind the portal's back. Usable means the very
            // value the portal revoked, or a value set after the revocation; a connector that revokes by replacing the
            // value (an OAuth client secret) leaves the account enabled with a value nobody holds, which is no finding.
            var sameValue = seen.Fingerprint == held.Fingerprint;
            var setSince = seen.IssuedUtc is { } setAt && held.StateChangedUtc is { } revoked && setAt > revoked;
            if (seen.Enabled && !observed.Disabled && (sameValue || setSince))
            {
                plan.Conflicts.Add(new ConflictDraft(known.IdentityId, held.CredentialId, CredentialStateField, "Revoked", "enabled in the source", true));
            }
            else
            {
                plan.Agreed.Add((known.IdentityId, CredentialStateField));
            }
            return;
        }
        if (seen.Fingerprint != held.Fingerprint)
        {
            update.ValueChanged = true;
            update.CredentialChanges.Add(new ObservedChange("value", held.Fingerprint.Short, seen.Fingerprint.Short));
        }
        if (seen.IssuedUtc is { } issued && issued != held.IssuedUtc)
        {
            update.CredentialChanges.Add(new ObservedChange("issued", Text(held.IssuedUtc), Text(issued)));
        }
        if (seen.ExpiresUtc != held.ExpiresUtc)
        {
            update.CredentialChanges.Add(new ObservedChange("expires", Text(held.ExpiresUtc), Text(seen.ExpiresUtc)));
        }
        if (seen.LastUsedUtc is { } used && (held.LastUsedUtc is null || used > held.LastUsedUtc))
        {
            update.CredentialChanges.Add(new ObservedChange("last used", Text(held.LastUsedUtc), Text(used)));
        }
    }

    private static string? Text(DateTime? time) => time?.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
