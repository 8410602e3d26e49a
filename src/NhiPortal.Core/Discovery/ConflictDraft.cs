namespace NhiPortal.Core.Discovery;

/// <summary>A disagreement the sync found: the portal's value stands, this is listed.</summary>
public sealed record ConflictDraft(Guid IdentityId, Guid? CredentialId, string Field, string PortalValue, string SourceValue, bool Critical);
