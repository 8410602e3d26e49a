using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Leaks;

/// <summary>
/// One leak report as received: where and when the secret was found, its fingerprint (never the value), the credential
/// it matched and what the portal did. The verified revocation time is read from the run's steps, not stored here.
/// </summary>
public sealed class LeakReport
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required DateTime ReceivedUtc { get; set; }

    public DateTime? FoundUtc { get; set; }

    public required string Location { get; set; }

    /// <summary>Empty when the scanner gave no name; with <see cref="ExternalId"/> the idempotency key.</summary>
    public required string Scanner { get; set; }

    public string? ExternalId { get; set; }

    /// <summary>Stored as the credential table stores fingerprints, so a later import can still match it; shown as Short only.</summary>
    public required Fingerprint Fingerprint { get; set; }

    public Guid? CredentialId { get; set; }

    public Guid? IdentityId { get; set; }

    public DeploymentEnvironment? Environment { get; set; }

    public required LeakOutcome Outcome { get; set; }

    /// <summary>Why the outcome is what it is, for people ("no connector serves vault: revoke it there").</summary>
    public string? Note { get; set; }

    /// <summary>The run that revokes it: the automatic one (the follow-up's id) or the one someone started from the report.</summary>
    public Guid? RevocationRunId { get; set; }

    public required string ReportedBy { get; set; }

    public required string ReportedByName { get; set; }
}
