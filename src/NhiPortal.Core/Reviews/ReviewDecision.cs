namespace NhiPortal.Core.Reviews;

public enum ReviewDecision
{
    Keep,
    RevokeCredentials,
    DisableIdentity,
    ReduceAccess,
    ReassignOwner,
}
