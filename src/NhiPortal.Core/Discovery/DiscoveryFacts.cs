namespace NhiPortal.Core.Discovery;

/// <summary>
/// What the identity page says about where a discovered identity came from: the source, when it was found, whether the
/// source still lists it, the owner it hinted, and how far its last-use time can lag.
/// </summary>
public sealed record DiscoveryFacts(string Source, DateTime? DiscoveredUtc, DateTime? GoneUtc, string? OwnerHint, string? ProposedOwnerName, string? LastUsedNote);
