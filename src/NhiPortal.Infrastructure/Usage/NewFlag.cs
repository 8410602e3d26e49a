using NhiPortal.Core.Usage;

namespace NhiPortal.Infrastructure.Usage;

/// <summary>A finding that becomes a flag, with what the flag writer needs to address its notifications.</summary>
public sealed record NewFlag(AnomalyFinding Finding, Guid CredentialId, string CredentialName, Guid? IdentityId, Guid? OwnerId);
