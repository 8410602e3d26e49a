namespace NhiPortal.Core.Approvals;

/// <summary>Pending → Approved (carried out) | Rejected | Failed (approved, but it could no longer be carried out).</summary>
public enum ApprovalState
{
    Pending,
    Approved,
    Rejected,
    Failed,
}
