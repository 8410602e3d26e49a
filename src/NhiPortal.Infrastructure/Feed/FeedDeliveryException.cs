namespace NhiPortal.Infrastructure.Feed;

/// <summary>A delivery failure whose message is safe to show and store as the destination's last error (no secret in it).</summary>
public sealed class FeedDeliveryException(string message, Exception? inner = null) : Exception(message, inner);
