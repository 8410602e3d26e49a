using NhiPortal.Core.Credentials;

namespace NhiPortal.Core.Revocation;

/// <summary>
/// What a connector needs to act on one credential: where it lives and its fingerprint (to compare with what a store
/// reports), never its value. <see cref="Fingerprint"/> prints shortened, so a log line cannot leak it whole.
/// </summary>
public sealed record CredentialRef(Guid CredentialId, string Name, CredentialKind Kind, string Store, string StoreReference, Fingerprint Fingerprint,
    RevocationContext? Run = null);
