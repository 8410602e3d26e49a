namespace NhiPortal.Core.Feed;

/// <summary>
/// One message of the feed, formatted and ready to frame: an audit event (<see cref="Sequence"/> is its id) or a
/// chain head (no sequence). <see cref="Id"/> is what the receiver dedupes by.
/// </summary>
public sealed record FeedMessage(string Id, long? Sequence, string Type, FeedSeverity Severity, DateTime OccurredUtc, string Body,
    IReadOnlyList<KeyValuePair<string, string>> Parameters);
