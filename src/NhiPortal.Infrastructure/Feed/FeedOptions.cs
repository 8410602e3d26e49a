using Microsoft.Extensions.Configuration;

namespace NhiPortal.Infrastructure.Feed;

/// <summary>
/// <c>Feed:*</c>: how often each instance looks for new audit events (<c>PollMilliseconds</c>, default 1000), how many
/// go in one batch (<c>BatchSize</c>, 500), how often the chain heads go out (<c>HeadsIntervalSeconds</c>, 300), how
/// long a gap in the ids is waited for (<c>GapWaitSeconds</c>, 60), the longest backoff (<c>MaxRetrySeconds</c>, 300) and
/// the network timeouts (<c>ConnectTimeoutSeconds</c>, 10; <c>SendTimeoutSeconds</c>, 30), and how many events before its
/// cursor a syslog destination gets again when an instance starts delivering to it (<c>RestartResendEvents</c>, 2000).
/// </summary>
public sealed record FeedOptions
{
    public int PollMilliseconds { get; init; } = 1000;

    public int BatchSize { get; init; } = 500;

    public int HeadsIntervalSeconds { get; init; } = 300;

    public int GapWaitSeconds { get; init; } = 60;

    public int MaxRetrySeconds { get; init; } = 300;

    public int ConnectTimeoutSeconds { get; init; } = 10;

    public int SendTimeoutSeconds { get; init; } = 30;

    /// <summary>
    /// About 2 MB of OCSF frames: more than the send and receive buffers of a TCP connection hold, so what a stopped or
    /// killed instance wrote to a receiver that had hung is sent again by the next (the receiver dedupes by id).
    /// </summary>
    public int RestartResendEvents { get; init; } = 2000;

    public TimeSpan Poll => TimeSpan.FromMilliseconds(Math.Max(50, PollMilliseconds));

    public TimeSpan HeadsInterval => TimeSpan.FromSeconds(Math.Max(1, HeadsIntervalSeconds));

    public TimeSpan GapWait => TimeSpan.FromSeconds(Math.Max(0, GapWaitSeconds));

    public TimeSpan MaxRetry => TimeSpan.FromSeconds(Math.Max(1, MaxRetrySeconds));

    public TimeSpan ConnectTimeout => TimeSpan.FromSeconds(Math.Max(1, ConnectTimeoutSeconds));

    public TimeSpan SendTimeout => TimeSpan.FromSeconds(Math.Max(1, SendTimeoutSeconds));

    public static FeedOptions Load(IConfiguration configuration) => configuration.GetSection("Feed").Get<FeedOptions>() ?? new FeedOptions();
}
