namespace NhiPortal.Core.Feed;

/// <summary>A destination with its delivery state: <see cref="Lag"/> events not yet delivered, the oldest of them written at <see cref="OldestUndeliveredUtc"/>.</summary>
public sealed record FeedDestinationRow(
    Guid Id, string Name, FeedKind Kind, FeedFormat Format, string Address, bool Tls, string? CaFile, string? PinnedThumbprint,
    string? SecretVariable, string? SecretFile, string? PreviousSecretVariable, string? PreviousSecretFile, bool Enabled,
    long Cursor, long LatestSequence, long Lag, DateTime? OldestUndeliveredUtc, long DeliveredCount, long FailureCount, int ConsecutiveFailures,
    string? LastError, DateTime? LastDeliveredUtc, DateTime? NextAttemptUtc, DateTime? LastHeadsUtc, int Version)
{
    public FeedDestinationInput ToInput() => new()
    {
        Id = Id, Version = Version, Name = Name, Kind = Kind, Format = Format, Address = Address, Tls = Tls, CaFile = CaFile, PinnedThumbprint = PinnedThumbprint,
        SecretVariable = SecretVariable, SecretFile = SecretFile, PreviousSecretVariable = PreviousSecretVariable, PreviousSecretFile = PreviousSecretFile,
        Enabled = Enabled,
    };
}
