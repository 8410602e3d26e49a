using NhiPortal.Core.Usage;

namespace NhiPortal.Web.Api;

/// <summary>Usage events a collector forwards; each names the credential by id, or by store and reference.</summary>
public sealed record UsageBatchBody
{
    public const int MaxEvents = 10_000;

    /// <summary>Where the events come from, for the record (a collector's name).</summary>
    public required string Origin { get; init; }

    public required IReadOnlyList<UsageEvent?> Events { get; init; }
}
