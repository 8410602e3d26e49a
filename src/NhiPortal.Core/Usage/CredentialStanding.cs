using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Usage;

/// <summary>What the rules need to know about the credential itself: whether it should be in use at all.</summary>
public sealed record CredentialStanding(
    Guid CredentialId, Guid? IdentityId, CredentialState State, DateTime? StateChangedUtc, IdentityLifecycleState? IdentityState);
