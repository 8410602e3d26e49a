namespace NhiPortal.Core.Feed;

/// <summary>
/// A receiver of the audit feed and its own cursor on the audit event ids. Secrets are held by reference only (an
/// environment variable's name or a file's path, current and previous for a rotation), never by value.
/// </summary>
public sealed class FeedDestination
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required FeedKind Kind { get; set; }

    public required FeedFormat Format { get; set; }

    /// <summary><c>host:port</c> for syslog, an <c>https://</c> URL for a webhook.</summary>
    public required string Address { get; set; }

    /// <summary>Syslog over TLS (RFC 5425); a webhook is always HTTPS.</summary>
    public bool Tls { get; set; }

    /// <summary>A PEM file of the CA that must have issued the receiver's certificate (instead of the machine's trust store).</summary>
    public string? CaFile { get; set; }

    /// <summary>The SHA-256 thumbprint (hex) the receiver's certificate or one of its issuers must have.</summary>
    public string? PinnedThumbprint { get; set; }

    public string? SecretVariable { get; set; }

    public string? SecretFile { get; set; }

    /// <summary>The secret being rotated out: while set, each message carries a signature by both.</summary>
    public string? PreviousSecretVariable { get; set; }

    public string? PreviousSecretFile { get; set; }

    public bool Enabled { get; set; }

    /// <summary>The highest audit event id delivered (every lower one delivered, or a gap stepped past).</summary>
    public long Cursor { get; set; }

    public long DeliveredCount { get; set; }

    public long FailureCount { get; set; }

    public int ConsecutiveFailures { get; set; }

    public string? LastError { get; set; }

    public DateTime? LastDeliveredUtc { get; set; }

    public DateTime? NextAttemptUtc { get; set; }

    /// <summary>When the chain heads last went out; null sends them at the next pass (a new destination, a replay).</summary>
    public DateTime? LastHeadsUtc { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>Bumped by every change a person makes, so two editors cannot overwrite each other.</summary>
    public int Version { get; set; }
}
