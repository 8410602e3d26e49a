namespace NhiPortal.Core.Discovery;

/// <summary>A discovered identity with no owner: what its source hinted and whom that hint names exactly, if anyone.</summary>
public sealed record ProposedOwnerRow(Guid IdentityId, string Name, string Source, string? OwnerHint, Guid? ProposedOwnerId, string? ProposedOwnerName, DateTime DiscoveredUtc, bool Gone);
