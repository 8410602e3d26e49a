using NhiPortal.Core.Revocation;

namespace NhiPortal.Core.Approvals;

/// <summary>
/// <c>Approvals</c>: which changes a second person must approve before they happen. A revocation of more than
/// <see cref="BulkRevocationAbove"/> credentials across identities (a selection), and every hygiene policy change when
/// <see cref="HygienePolicy"/>. Revoking one compromised identity's credentials stays a one-person action: speed
/// matters there. A role map change when <see cref="RoleMap"/>. Each is off unless configured.
/// </summary>
public sealed record FourEyesPolicy
{
    public int? BulkRevocationAbove { get; init; }

    public bool HygienePolicy { get; init; }

    /// <summary>Every change of the role map (who may do what) waits for a second administrator.</summary>
    public bool RoleMap { get; init; }

    public bool Requires(RevocationRequest request) =>
        BulkRevocationAbove is { } above && request.IdentityId is null && !request.Containment && request.CredentialIds.Distinct().Count() > above;

    public string Explain(RevocationRequest request) =>
        $"Revoking {request.CredentialIds.Distinct().Count():N0} credentials across identities needs a second person's approval (more than {BulkRevocationAbove:N0}). Nothing was revoked; send it for approval.";

    public const string PolicyExplanation = "A hygiene policy change needs a second person's approval. Nothing was saved; send it for approval.";

    public const string RoleMapExplanation = "A role map change needs a second administrator's approval. Nothing was saved; send it for approval.";
}
