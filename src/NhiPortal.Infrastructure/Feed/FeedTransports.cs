using NhiPortal.Core.Feed;

namespace NhiPortal.Infrastructure.Feed;

/// <summary>The transport a destination's kind calls for.</summary>
internal static class FeedTransports
{
    public static IFeedTransport Create(FeedDestination d, FeedOptions options, TimeProvider clock) => d.Kind switch
    {
        FeedKind.Syslog => FeedDestinationRules.TryHostPort(d.Address, out var host, out var port)
            ? new SyslogTransport(host, port, d.Tls, d.CaFile, d.PinnedThumbprint, options)
            : throw new FeedDeliveryException($"the address {d.Address} is not host:port"),
        FeedKind.Webhook => new WebhookTransport(d, options, clock),
    };
}
