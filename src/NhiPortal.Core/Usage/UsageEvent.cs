namespace NhiPortal.Core.Usage;

/// <summary>
/// One use of a credential, or <see cref="Count"/> uses pre-aggregated in one bucket (same credential, address, target,
/// outcome, hour). A source names the credential by its store and reference (a role name, a client id); the API by id.
/// </summary>
public sealed record UsageEvent
{
    public Guid? CredentialId { get; init; }

    public string? Store { get; init; }

    public string? StoreReference { get; init; }

    public required DateTime TimeUtc { get; init; }

    /// <summary>The client's IP address as the source saw it.</summary>
    public string? SourceAddress { get; init; }

    /// <summary>What it reached: a database, a resource server, a host.</summary>
    public string? Target { get; init; }

    public UsageOutcome Outcome { get; init; } = UsageOutcome.Succeeded;

    public int Count { get; init; } = 1;
}
