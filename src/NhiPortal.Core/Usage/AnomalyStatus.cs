namespace NhiPortal.Core.Usage;

/// <summary>Open → Acknowledged (with a reason) | FalsePositive (tunes the baseline) | Revoked (a run was started from it).</summary>
public enum AnomalyStatus
{
    Open,
    Acknowledged,
    FalsePositive,
    Revoked,
}
