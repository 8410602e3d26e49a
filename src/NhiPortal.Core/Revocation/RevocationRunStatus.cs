namespace NhiPortal.Core.Revocation;

/// <summary>Requested → Running → Completed | PartiallyFailed | Interrupted (DESIGN.md).</summary>
public enum RevocationRunStatus
{
    Requested,
    Running,
    Completed,
    PartiallyFailed,
    Interrupted,
}
