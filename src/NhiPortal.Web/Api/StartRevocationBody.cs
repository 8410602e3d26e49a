namespace NhiPortal.Web.Api;

/// <summary>What to revoke: chosen credentials, or every active credential of an identity when only the identity is given.</summary>
public sealed record StartRevocationBody
{
    /// <summary>The incident id and reason, recorded with the run.</summary>
    public required string Reason { get; init; }

    public IReadOnlyList<Guid>? CredentialIds { get; init; }

    public Guid? IdentityId { get; init; }

    public bool DisableIdentity { get; init; }

    /// <summary>Confirms that credentials in stores without a connector are revoked there by hand.</summary>
    public bool IncludeManual { get; init; }
}
