using NhiPortal.Core.Feed;

namespace NhiPortal.Infrastructure.Feed;

/// <summary>Carries messages to one destination, in order, keeping its connection between batches.</summary>
internal interface IFeedTransport : IAsyncDisposable
{
    /// <summary>Sends in order; how many of the first messages were delivered, and why it stopped if not all.</summary>
    Task<FeedSendResult> SendAsync(IReadOnlyList<FeedMessage> messages, CancellationToken ct);
}
