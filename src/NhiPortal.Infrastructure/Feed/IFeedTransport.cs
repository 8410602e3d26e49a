using NhiPortal.Core.Feed;

namespace NhiPortal.Infrastructure.Feed;

/// <summary>Carries messages to one destination, in order, keeping its connection between batches.</summary>
internal interface IFeedTransport : IAsyncDisposable
{
    /// <summary>Sends in order; how many of the first messages were delivered, and why it stopped if not all.</summary>
    Task<FeedSendResult> SendAsync(IReadOnlyList<FeedMessage> messages, CancellationToken ct);

    /// <summary>
    /// Whether the first batch should start with the events just before the cursor again: true for a transport that
    /// gets no acknowledgement (syslog) until it has sent once, since the bytes a previous instance wrote may still have
    /// been in a socket buffer that was lost with it.
    /// </summary>
    bool WantsHistory { get; }
}
