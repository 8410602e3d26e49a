
namespace NhiPortal.Core.Revocation;

/// <summary>
/// What to revoke: a set of credentials (one, an identity's, or a selection across identities). The reason carries
/// the incident id. Credentials in stores without a connector are included only when the operator confirms they
/// revoke them by hand (<see cref="IncludeManual"/>).
/// </summary>
public sealed record RevocationRequest(IReadOnlyList<Guid> CredentialIds, string Reason, Guid? IdentityId = null, bool DisableIdentity = false, bool IncludeManual = false)
{
    /// <summary>
    /// The leaver step: the identity becomes Decommissioned (kept as a record, no new credentials, not reversible) in the
    /// run's own transaction, and the run revokes every credential it still holds.
    /// </summary>
    public bool DecommissionIdentity { get; init; }

    /// <summary>
    /// The response to a compromise that names its own targets (every holder of one leaked value): like revoking one
    /// identity, it never waits for a second person (<see cref="Approvals.FourEyesPolicy"/>). Set by the portal, never
    /// taken from an API body.
    /// </summary>
    public bool Containment { get; init; }

    /// <summary>
    /// The id the run must have, so a retried request (an API call with the same Idempotency-Key) finds the run the
    /// first one started instead of starting a second.
    /// </summary>
    public Guid? RunId { get; init; }

    /// <summary>With <see cref="RunId"/>: the request's hash, kept on the run (see <see cref="RevocationRun.RequestHash"/>).</summary>
    public string? RequestHash { get; init; }
}
