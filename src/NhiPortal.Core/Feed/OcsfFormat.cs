using System.Buffers;
using System.Text;
using System.Text.Json;
using NhiPortal.Core.Audit;

namespace NhiPortal.Core.Feed;

/// <summary>
/// An audit event or chain head as one line of JSON with OCSF 1.3 fields (class, activity, category, severity, status,
/// time in ms, metadata with the event id as <c>uid</c> and <c>sequence</c>, the actor); what OCSF has no place for
/// (stream, target, before/after, MAC) is under <c>unmapped</c>.
/// </summary>
public static class OcsfFormat
{
    public const string Version = "1.3.0";
    public const string Product = "NhiPortal";
    public const string ProductVersion = "1";

    public static string Event(AuditEvent e)
    {
        var c = FeedClassification.Classify(e.Stream, e.Type);
        return Write(c, e.OccurredUtc, e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Id, e.Summary ?? e.Type, w =>
        {
            w.WritePropertyName("actor");
            w.WriteStartObject();
            w.WritePropertyName("user");
            w.WriteStartObject();
            w.WriteString("uid", e.Actor);
            w.WriteString("name", e.Actor);
            w.WriteString("type", e.Actor.StartsWith("system:", StringComparison.Ordinal) ? "System" : "User");
            w.WriteEndObject();
            w.WriteEndObject();
            if (e.CorrelationId is not null)
            {
                w.WriteString("correlation_uid", e.CorrelationId);
            }
            // The account changed (3001) or the entity managed (3004); an authentication's user is its actor.
            var target = c.ClassUid == FeedClass.EntityManagement ? "entity" : "user";
            w.WritePropertyName(target);
            w.WriteStartObject();
            w.WriteString("uid", c.ClassUid == FeedClass.Authentication ? e.Actor : e.TargetId);
            w.WriteString("type", e.TargetType);
            w.WriteEndObject();
        }, w =>
        {
            w.WriteString("stream", e.Stream.ToString());
            w.WriteString("type", e.Type);
            w.WriteString("on_behalf_of", e.OnBehalfOf);
            w.WriteString("target_type", e.TargetType);
            w.WriteString("target_id", e.TargetId);
            w.WriteString("correlation_id", e.CorrelationId);
            WriteJson(w, "before", e.BeforeJson);
            WriteJson(w, "after", e.AfterJson);
            w.WriteString("mac", e.Mac);
        });
    }

    public static string Head(FeedHead h) =>
        Write(FeedClassification.Head, h.SealedUtc, FeedMessages.HeadId(h), null, $"Audit chain {h.Stream} sealed to link {h.Sequence}", w =>
        {
            w.WritePropertyName("entity");
            w.WriteStartObject();
            w.WriteString("uid", $"audit-chain:{h.Stream}");
            w.WriteString("type", "AuditChain");
            w.WriteEndObject();
        }, w =>
        {
            w.WriteString("type", FeedMessages.HeadType);
            w.WriteString("stream", h.Stream.ToString());
            w.WriteNumber("link_sequence", h.Sequence);
            w.WriteNumber("event_id", h.EventId);
            w.WriteString("hash", h.Hash);
            w.WriteString("algorithm", h.Algorithm);
        });

    private static string Write(FeedClass c, DateTime utc, string uid, long? sequence, string message, Action<Utf8JsonWriter> body, Action<Utf8JsonWriter> unmapped)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("class_uid", c.ClassUid);
            w.WriteString("class_name", c.ClassName);
            w.WriteNumber("category_uid", FeedClass.CategoryUid);
            w.WriteString("category_name", FeedClass.CategoryName);
            w.WriteNumber("activity_id", c.ActivityId);
            w.WriteString("activity_name", c.ActivityName);
            w.WriteNumber("type_uid", c.TypeUid);
            w.WriteNumber("severity_id", (int)c.Severity);
            w.WriteString("severity", c.Severity.ToString());
            w.WriteNumber("status_id", c.Failed ? 2 : 1);
            w.WriteString("status", c.Failed ? "Failure" : "Success");
            w.WriteNumber("time", new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds());
            w.WriteString("message", message);
            w.WritePropertyName("metadata");
            w.WriteStartObject();
            w.WriteString("uid", uid);
            if (sequence is { } s)
            {
                w.WriteNumber("sequence", s);
            }
            w.WriteString("version", Version);
            w.WritePropertyName("product");
            w.WriteStartObject();
            w.WriteString("name", Product);
            w.WriteString("vendor_name", Product);
            w.WriteString("version", ProductVersion);
            w.WriteEndObject();
            w.WriteEndObject();
            body(w);
            w.WritePropertyName("unmapped");
            w.WriteStartObject();
            unmapped(w);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // Before/after are the portal's own JSON: embedded as objects, or as text if a row holds something else.
    private static void WriteJson(Utf8JsonWriter w, string name, string? json)
    {
        if (json is null)
        {
            w.WriteNull(name);
            return;
        }
        try
        {
            using var parsed = JsonDocument.Parse(json);
            w.WritePropertyName(name);
            parsed.RootElement.WriteTo(w);
        }
        catch (JsonException)
        {
            w.WriteString(name, json);
        }
    }
}
