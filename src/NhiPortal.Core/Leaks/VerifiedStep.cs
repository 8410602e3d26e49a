namespace NhiPortal.Core.Leaks;

/// <summary>A revocation step that was verified: which run, which credential, when.</summary>
public sealed record VerifiedStep(Guid RunId, Guid CredentialId, DateTime VerifiedUtc);
