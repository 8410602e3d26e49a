namespace NhiPortal.Core.Usage;

public sealed record AnomalyRow(
    Guid Id, Guid CredentialId, string CredentialName, Guid? IdentityId, string? IdentityName, AnomalyRule Rule, AnomalySeverity Severity,
    string OwaspCategory, string Explanation, string EvidenceJson, DateTime ObservedUtc, DateTime DetectedUtc, AnomalyStatus Status,
    string? ResolvedBy, string? ResolutionReason, Guid? RevocationRunId);
