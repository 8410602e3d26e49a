namespace NhiPortal.Core.Leaks;

/// <summary>The answer to a report: what was matched and done. Never the value, only the fingerprint's short form.</summary>
public sealed record LeakReceipt(
    Guid Id, LeakOutcome Outcome, Guid? CredentialId, Guid? IdentityId, Guid? RevocationRunId, string FingerprintShort, string? Note, bool Duplicate);
