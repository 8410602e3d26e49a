
namespace NhiPortal.Core.Revocation;

public sealed record RevocationStepView(
    long Id, Guid CredentialId, string CredentialName, string Connector, RevocationStepStatus Status, int Attempts, string? Detail,
    DateTime? RevokedUtc, DateTime? VerifiedUtc, long? DurationMs);
