namespace NhiPortal.Web.Features.Revocation;

/// <summary>What the revoke dialog closes with when the revocation went for a second person's approval instead of starting.</summary>
public sealed record ApprovalSent(Guid ApprovalId);
