using NhiPortal.Core.Credentials;
using NhiPortal.Core.Discovery;

namespace NhiPortal.Infrastructure.Discovery;

/// <summary>The portal's record of a credential a source reports, for a first sighting and for a new value alike.</summary>
internal static class DiscoveredCredentialRecord
{
    public static Credential From(DiscoveredCredential seen, string source, Guid identityId, DateTime issuedIfUnknown, DateTime now) => new()
    {
        ExternalId = KnownAccounts.Key(source, seen.ExternalId),
        Name = Core.Common.Reasons.Fit(seen.Name, 300),
        Kind = seen.Kind,
        IdentityId = identityId,
        Purpose = $"Discovered in {source}",
        Store = source,
        StoreReference = seen.StoreReference,
        Fingerprint = seen.Fingerprint,
        IssuedUtc = seen.IssuedUtc ?? issuedIfUnknown,
        LastRotatedUtc = seen.IssuedUtc,
        ExpiresUtc = seen.ExpiresUtc,
        LastUsedUtc = seen.LastUsedUtc,
        LastUsedNote = seen.LastUsedNote,
        State = seen.ExpiresUtc is { } expires && expires <= now ? CredentialState.Expired : CredentialState.Active,
        StateChangedUtc = now,
        DiscoveredBy = source,
    };
}
