namespace NhiPortal.Core.Usage;

/// <summary>
/// A bucket as the evaluator reads it: its running totals and <see cref="NewUses"/>, the uses not evaluated yet
/// (a bucket is read again when later events add to it, and only what is new is learned or judged).
/// </summary>
public sealed record BucketObservation(
    DateTime HourUtc, string Network, long Count, long Refused, long NewUses, DateTime FirstSeenUtc, DateTime LastSeenUtc, string? LastAddress, string? Target)
{
    public bool AnySucceeded => Count > Refused;
}
