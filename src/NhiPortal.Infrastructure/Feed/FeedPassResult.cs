namespace NhiPortal.Infrastructure.Feed;

/// <summary>What one pass did for a destination: events delivered, whether a full batch was read (more may wait), its error.</summary>
internal sealed record FeedPassResult(int Delivered, bool More, string? Error)
{
    public static readonly FeedPassResult Idle = new(0, false, null);
}
