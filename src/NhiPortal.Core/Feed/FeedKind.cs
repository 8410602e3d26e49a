namespace NhiPortal.Core.Feed;

/// <summary>How a destination receives the feed.</summary>
public enum FeedKind
{
    /// <summary>RFC 5424 over TCP (RFC 6587 octet counting) or TLS (RFC 5425).</summary>
    Syslog,

    /// <summary>One HTTPS POST per event, signed per Standard Webhooks 1.0.</summary>
    Webhook,
}
