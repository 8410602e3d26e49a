namespace NhiPortal.Infrastructure.Feed;

/// <summary>The first <see cref="Delivered"/> messages arrived; <see cref="Error"/> says why the rest did not (null when all did).</summary>
internal sealed record FeedSendResult(int Delivered, string? Error);
