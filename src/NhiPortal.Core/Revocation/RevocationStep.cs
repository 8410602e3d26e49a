namespace NhiPortal.Core.Revocation;

/// <summary>One credential in a run: each attempt and its outcome, the connector's answer and the probe's verdict.</summary>
public sealed class RevocationStep
{
    public long Id { get; set; }

    public Guid RunId { get; set; }

    public required Guid CredentialId { get; set; }

    public required string CredentialName { get; set; }

    public Guid? IdentityId { get; set; }

    /// <summary>The connector name (the credential's store) or <c>manual</c>.</summary>
    public required string Connector { get; set; }

    public RevocationStepStatus Status { get; set; } = RevocationStepStatus.Pending;

    public int Attempts { get; set; }

    /// <summary>The connector's or probe's last answer (never a secret).</summary>
    public string? Detail { get; set; }

    public DateTime? RevokedUtc { get; set; }

    public DateTime? VerifiedUtc { get; set; }

    public long? DurationMs { get; set; }

    /// <summary>
    /// Steps a (re-)run still has to do: everything but verified ones and ones revoked by hand (no probe can check a
    /// manual revocation). One expression, so the work list and the run's verdict never disagree.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<RevocationStep, bool>> IsOpen = s =>
        s.Status != RevocationStepStatus.Verified && !(s.Status == RevocationStepStatus.Revoked && s.Connector == ManualConnectorName);

    public const string ManualConnectorName = "manual";
}
