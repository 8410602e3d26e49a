namespace NhiPortal.Core.Reviews;

/// <summary>Pending → Decided; Pending → Escalated → Decided; at close Pending/Escalated → NoResponse; revoke/disable → Remediated | RemediationFailed.</summary>
public enum ReviewItemStatus
{
    Pending,
    Escalated,
    Decided,
    NoResponse,
    Remediated,
    RemediationFailed,
}
