using NhiPortal.Core.Revocation;

namespace NhiPortal.Core.Approvals;

/// <summary>
/// <c>Approvals</c>: which changes a second person must approve before they happen. A revocation of more than
/// <see cref="BulkRevocationAbove"/> credentials across identities (a selection), and every hygiene policy change when
/// <see cref="HygienePolicy"/>. Revoking one compromised identity's credentials stays a one-person action: speed
/// matters there. Off unless configured (the shipped <c>appsettings.json</c> turns both on).
/// </summary>
public sealed record FourEyesPolicy
{
    public int? BulkRevocationAbove { get; init; }

    public bool HygienePolicy { get; init; }

    public bool Requires(RevocationRequest request) =>
        BulkRevocationAbove is { } above && request.IdentityId is null && !request.Containment && request.CredentialIds.Distinct().Count() > above;

    public string Explain(RevocationRequest request) =>
        $"Revoking {request.CredentialIds.Distinct().Count():N0} credentials across identities needs a second person's approval (more than {BulkRevocationAbove:N0}). Nothing was revoked; send it for approval.";

    public const string PolicyExplanation = "A hygiene policy change needs a second person's approval. Nothing was saved; send it for approval.";
}
