using System.Globalization;
using NhiPortal.Core.Audit;

namespace NhiPortal.Core.Feed;

/// <summary>Turns audit events and chain heads into feed messages in a destination's format.</summary>
public static class FeedMessages
{
    public const string HeadType = "AuditChainHead";

    /// <summary>A head's dedupe id: one per stream and link, so a head sent twice is one fact.</summary>
    public static string HeadId(FeedHead h) => $"head-{h.Stream}-{h.Sequence.ToString(CultureInfo.InvariantCulture)}";

    public static FeedMessage For(AuditEvent e, FeedFormat format)
    {
        var id = e.Id.ToString(CultureInfo.InvariantCulture);
        var body = format switch
        {
            FeedFormat.Ocsf => OcsfFormat.Event(e),
            FeedFormat.Cef => CefFormat.Event(e),
        };
        return new FeedMessage(id, e.Id, e.Type, FeedClassification.Classify(e.Stream, e.Type).Severity, e.OccurredUtc, body,
            [new("id", id), new("stream", e.Stream.ToString()), new("type", e.Type)]);
    }

    public static FeedMessage For(FeedHead h, FeedFormat format)
    {
        var body = format switch
        {
            FeedFormat.Ocsf => OcsfFormat.Head(h),
            FeedFormat.Cef => CefFormat.Head(h),
        };
        return new FeedMessage(HeadId(h), null, HeadType, FeedSeverity.Informational, h.SealedUtc, body,
        [
            new("id", HeadId(h)), new("stream", h.Stream.ToString()), new("type", HeadType),
            new("sequence", h.Sequence.ToString(CultureInfo.InvariantCulture)), new("hash", h.Hash),
        ]);
    }
}
