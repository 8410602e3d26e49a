namespace NhiPortal.Core.Feed;

/// <summary>What an administrator sets on a destination; <see cref="Id"/> null adds one, else <see cref="Version"/> must match.</summary>
public sealed record FeedDestinationInput
{
    public Guid? Id { get; init; }

    public int Version { get; init; }

    public required string Name { get; init; }

    public required FeedKind Kind { get; init; }

    public FeedFormat Format { get; init; } = FeedFormat.Ocsf;

    public required string Address { get; init; }

    public bool Tls { get; init; }

    public string? CaFile { get; init; }

    public string? PinnedThumbprint { get; init; }

    public string? SecretVariable { get; init; }

    public string? SecretFile { get; init; }

    public string? PreviousSecretVariable { get; init; }

    public string? PreviousSecretFile { get; init; }

    public bool Enabled { get; init; } = true;
}
