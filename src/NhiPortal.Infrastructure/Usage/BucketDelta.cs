namespace NhiPortal.Infrastructure.Usage;

/// <summary>One bucket's worth of a batch: added to the stored bucket's counts, widening its first and last seen.</summary>
internal sealed class BucketDelta(Guid credentialId, DateTime hourUtc, string network)
{
    public Guid CredentialId { get; } = credentialId;
    public DateTime HourUtc { get; } = hourUtc;
    public string Network { get; } = network;
    public long Count { get; set; }
    public long Refused { get; set; }
    public DateTime FirstSeenUtc { get; set; } = DateTime.MaxValue;
    public DateTime LastSeenUtc { get; set; } = DateTime.MinValue;
    public string? Target { get; set; }
    public string? LastAddress { get; set; }
}
