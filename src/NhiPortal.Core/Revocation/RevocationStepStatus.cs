namespace NhiPortal.Core.Revocation;

/// <summary>Pending → Revoked → Verified | ProbeFailed, or Pending → Failed. Only Verified (and manual Revoked) steps are final.</summary>
public enum RevocationStepStatus
{
    Pending,
    Revoked,
    Verified,
    ProbeFailed,
    Failed,
}
