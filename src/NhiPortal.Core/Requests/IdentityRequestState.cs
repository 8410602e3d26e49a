namespace NhiPortal.Core.Requests;

/// <summary>Pending → Approved (the identity exists) | Rejected.</summary>
public enum IdentityRequestState
{
    Pending,
    Approved,
    Rejected,
}
