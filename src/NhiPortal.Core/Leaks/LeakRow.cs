using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Leaks;

/// <summary>A leak report as the leaks page lists it.</summary>
public sealed record LeakRow
{
    public required Guid Id { get; init; }
    public required DateTime ReceivedUtc { get; init; }
    public required DateTime? FoundUtc { get; init; }
    public required string Location { get; init; }
    public required string Scanner { get; init; }
    public required string? ExternalId { get; init; }
    public required string FingerprintShort { get; init; }
    public required Guid? CredentialId { get; init; }
    public required string? CredentialName { get; init; }
    public required Guid? IdentityId { get; init; }
    public required string? IdentityName { get; init; }
    public required DeploymentEnvironment? Environment { get; init; }
    public required LeakOutcome Outcome { get; init; }
    public required string? Note { get; init; }
    public required Guid? RevocationRunId { get; init; }
    public required DateTime? VerifiedRevokedUtc { get; init; }
    public required string ReportedByName { get; init; }

    /// <summary>The credential is still active and no run is on its way: the page offers "Revoke now".</summary>
    public required bool CanRevokeNow { get; init; }

    public TimeSpan? TimeToVerifiedRevocation => VerifiedRevokedUtc - ReceivedUtc;
}
