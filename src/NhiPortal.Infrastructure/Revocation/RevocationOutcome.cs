using NhiPortal.Core.Revocation;

namespace NhiPortal.Infrastructure.Revocation;

/// <summary>What one step's execution came to, handed from the parallel callers to the one writer.</summary>
internal sealed record RevocationOutcome(long StepId, Guid CredentialId, string CredentialName, Guid? IdentityId, RevocationStepStatus Status, int Attempts,
    string Detail, DateTime? RevokedUtc, DateTime? VerifiedUtc, long DurationMs, bool MarkRevoked, bool Probed, bool StillAccepted);
