namespace NhiPortal.Core.Approvals;

/// <summary>The changes that may need a second person (<see cref="FourEyesPolicy"/>).</summary>
public enum ApprovalKind
{
    BulkRevocation,
    HygienePolicyChange,
    RoleMapChange,
}
