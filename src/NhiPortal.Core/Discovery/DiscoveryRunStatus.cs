namespace NhiPortal.Core.Discovery;

/// <summary>Running → Succeeded (complete read applied) | Partial (read applied, nothing marked gone) | Failed (nothing applied).</summary>
public enum DiscoveryRunStatus
{
    Running,
    Succeeded,
    Partial,
    Failed,
}
