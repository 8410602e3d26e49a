using NhiPortal.Core.Credentials;

namespace NhiPortal.Core.Revocation;

public sealed record BlastRadiusItem(
    Guid CredentialId, string Name, CredentialKind Kind, Guid? IdentityId, string? Identity, bool IdentityShared,
    string Store, string? Connector, string? ConnectorKind, string Action, DateTime? LastUsedUtc, string? LastUsedBy, CredentialState State);
