using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Access;

/// <summary>
/// Whether a machine calling the API may act: only as an NHI the portal governs (an active identity with an owner,
/// holding the client's active credential), so an API client is inventoried, owned and revocable like any other.
/// </summary>
public sealed record ApiClientStanding(string ClientId, Guid? IdentityId, string? IdentityName, string? Refusal)
{
    /// <summary>The subject of the client's owner: the client reaches what its owner owns and reviews (<see cref="PortalUser.ActsForSubject"/>).</summary>
    public string? OwnerSubject { get; init; }

    public bool Accepted => Refusal is null && IdentityId is not null;

    /// <summary>One row per portal credential that names the client in its store.</summary>
    public sealed record Holder(Guid IdentityId, string IdentityName, IdentityLifecycleState IdentityState, Guid? OwnerId, CredentialState CredentialState)
    {
        public bool OwnerActive { get; init; } = true;

        public bool TeamDissolved { get; init; }

        public string? OwnerSubject { get; init; }
    }

    public static ApiClientStanding Judge(string clientId, string store, IReadOnlyList<Holder> holders)
    {
        var identities = holders.Select(h => h.IdentityId).Distinct().ToList();
        if (identities.Count == 0)
        {
            return Refused(clientId, $"API client \"{clientId}\" is not an NHI in the portal: no identity holds its credential in store \"{store}\". Register it (import or discovery) with an owner.");
        }
        if (identities.Count > 1)
        {
            return Refused(clientId, $"API client \"{clientId}\" is held by {identities.Count} identities in store \"{store}\"; it is refused until one holds it.");
        }
        var first = holders[0];
        if (first.IdentityState != IdentityLifecycleState.Active)
        {
            return Refused(clientId, $"API client \"{clientId}\" ({first.IdentityName}) is {first.IdentityState.ToString().ToLowerInvariant()} in the portal.");
        }
        // The inventory's own orphan rule: a client nobody answers for (no owner, an owner who left, a dissolved team) does not act.
        switch (Ownership.OrphanRules.ReasonFor(first.IdentityState, first.OwnerId, first.OwnerActive, first.TeamDissolved))
        {
            case Ownership.OrphanReason.NoOwner:
                return Refused(clientId, $"API client \"{clientId}\" ({first.IdentityName}) has no owner in the portal.");
            case Ownership.OrphanReason.OwnerLeft:
                return Refused(clientId, $"API client \"{clientId}\" ({first.IdentityName}) is orphaned: its owner has left the organisation.");
            case Ownership.OrphanReason.TeamDissolved:
                return Refused(clientId, $"API client \"{clientId}\" ({first.IdentityName}) is orphaned: its team was dissolved.");
        }
        if (!holders.Any(h => h.CredentialState == CredentialState.Active))
        {
            return Refused(clientId, $"API client \"{clientId}\" ({first.IdentityName}) holds no active credential: it was revoked, rotated away or expired.");
        }
        return new ApiClientStanding(clientId, first.IdentityId, first.IdentityName, null) { OwnerSubject = first.OwnerSubject };
    }

    private static ApiClientStanding Refused(string clientId, string why) => new(clientId, null, null, why);
}
