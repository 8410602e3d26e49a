using System.Globalization;
using System.Text;
using NhiPortal.Core.Audit;

namespace NhiPortal.Core.Feed;

/// <summary>
/// ArcSight CEF: <c>CEF:0|NhiPortal|NhiPortal|1|type|summary|severity|extension</c>, with the header's <c>\</c> and
/// <c>|</c> escaped and the extension's <c>\</c>, <c>=</c> and line breaks escaped, so no value can forge a field.
/// </summary>
public static class CefFormat
{
    public static string Event(AuditEvent e)
    {
        var c = FeedClassification.Classify(e.Stream, e.Type);
        var ext = new List<(string, string?)>
        {
            ("rt", Millis(e.OccurredUtc)),
            ("externalId", e.Id.ToString(CultureInfo.InvariantCulture)),
            ("cat", e.Stream.ToString()),
            ("act", c.ActivityName),
            ("outcome", c.Failed ? "Failure" : "Success"),
            ("suser", e.Actor),
            ("duid", e.TargetId),
            ("cs1Label", "targetType"),
            ("cs1", e.TargetType),
            ("cs2Label", "onBehalfOf"),
            ("cs2", e.OnBehalfOf),
            ("cs3Label", "correlationId"),
            ("cs3", e.CorrelationId),
            ("cn1Label", "sequence"),
            ("cn1", e.Id.ToString(CultureInfo.InvariantCulture)),
            ("msg", e.Summary),
        };
        return Line(e.Type, e.Summary ?? e.Type, c.Severity, ext);
    }

    public static string Head(FeedHead h) => Line(FeedMessages.HeadType, $"Audit chain {h.Stream} sealed to link {h.Sequence}", FeedSeverity.Informational,
    [
        ("rt", Millis(h.SealedUtc)),
        ("externalId", FeedMessages.HeadId(h)),
        ("cat", h.Stream.ToString()),
        ("cn1Label", "linkSequence"),
        ("cn1", h.Sequence.ToString(CultureInfo.InvariantCulture)),
        ("cn2Label", "eventId"),
        ("cn2", h.EventId.ToString(CultureInfo.InvariantCulture)),
        ("cs1Label", "hash"),
        ("cs1", h.Hash),
        ("cs2Label", "algorithm"),
        ("cs2", h.Algorithm),
    ]);

    /// <summary>CEF severity 0-10 from the OCSF one.</summary>
    public static int Severity(FeedSeverity severity) => severity switch
    {
        FeedSeverity.Informational => 3,
        FeedSeverity.Low => 4,
        FeedSeverity.Medium => 6,
        FeedSeverity.High => 8,
    };

    public static string EscapeHeader(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        foreach (var ch in value)
        {
            switch (ch)
            {
                case '\\': sb.Append(@"\\"); break;
                case '|': sb.Append(@"\|"); break;
                // A header is one line: a break would end the record.
                case '\r' or '\n': sb.Append(' '); break;
                default: sb.Append(ch); break;
            }
        }
        return sb.ToString();
    }

    public static string EscapeExtension(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        foreach (var ch in value)
        {
            switch (ch)
            {
                case '\\': sb.Append(@"\\"); break;
                case '=': sb.Append(@"\="); break;
                case '\r': sb.Append(@"\r"); break;
                case '\n': sb.Append(@"\n"); break;
                default: sb.Append(ch); break;
            }
        }
        return sb.ToString();
    }

    private static string Line(string type, string name, FeedSeverity severity, IEnumerable<(string Key, string? Value)> extension)
    {
        var sb = new StringBuilder(512);
        sb.Append("CEF:0|NhiPortal|NhiPortal|1|").Append(EscapeHeader(type)).Append('|').Append(EscapeHeader(name)).Append('|')
            .Append(Severity(severity).ToString(CultureInfo.InvariantCulture)).Append('|');
        var first = true;
        foreach (var (key, value) in extension)
        {
            if (value is null)
            {
                continue;
            }
            if (!first)
            {
                sb.Append(' ');
            }
            first = false;
            sb.Append(key).Append('=').Append(EscapeExtension(value));
        }
        return sb.ToString();
    }

    private static string Millis(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}
