using System.Text.Json;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Feed;

namespace NhiPortal.Core.Tests.Feed;

public class FeedFormatTests
{
    private static readonly DateTime At = new(2026, 12, 1, 10, 0, 0, 123, DateTimeKind.Utc);

    private static AuditEvent Event(AuditStream stream, string type, long id = 42) => new()
    {
        Id = id, Stream = stream, Type = type, OccurredUtc = At, Actor = "demo-operator", OnBehalfOf = null, TargetType = "Credential", TargetId = "C-1",
        Summary = "Sam revoked svc-ledger", BeforeJson = """{"State":"Active"}""", AfterJson = """{"State":"Revoked"}""", CorrelationId = "run-7", Mac = "ab",
    };

    [Theory]
    [InlineData(AuditStream.Credential, AuditEventTypes.Credential.Revoked, 3001, 5, 3)]
    [InlineData(AuditStream.Credential, AuditEventTypes.Credential.Rotated, 3001, 3, 1)]
    [InlineData(AuditStream.Credential, AuditEventTypes.Credential.RevokeFailed, 3001, 99, 4)]
    [InlineData(AuditStream.Identity, AuditEventTypes.Identity.Created, 3001, 1, 1)]
    [InlineData(AuditStream.Identity, AuditEventTypes.Identity.Disabled, 3001, 5, 2)]
    [InlineData(AuditStream.Access, AuditEventTypes.Access.SignedIn, 3002, 1, 1)]
    [InlineData(AuditStream.Access, AuditEventTypes.Access.SignedOut, 3002, 2, 1)]
    [InlineData(AuditStream.Access, AuditEventTypes.Access.Refused, 3002, 1, 3)]
    [InlineData(AuditStream.Access, AuditEventTypes.Access.FeedDestinationChanged, 3004, 3, 2)]
    [InlineData(AuditStream.Review, AuditEventTypes.Review.CampaignCreated, 3004, 1, 1)]
    [InlineData(AuditStream.Review, AuditEventTypes.Review.ItemDecided, 3004, 3, 1)]
    [InlineData(AuditStream.Identity, "SomeFutureType", 3001, 99, 1)]
    public void Ocsf_EachStreamAndType_MapsToItsClassActivityAndSeverity(AuditStream stream, string type, int classUid, int activity, int severity)
    {
        using var json = JsonDocument.Parse(OcsfFormat.Event(Event(stream, type)));
        var root = json.RootElement;

        Assert.Equal(classUid, root.GetProperty("class_uid").GetInt32());
        Assert.Equal(activity, root.GetProperty("activity_id").GetInt32());
        Assert.Equal((classUid * 100L) + activity, root.GetProperty("type_uid").GetInt64());
        Assert.Equal(3, root.GetProperty("category_uid").GetInt32());
        Assert.Equal(severity, root.GetProperty("severity_id").GetInt32());
    }

    [Fact]
    public void Ocsf_Event_CarriesIdSequenceTimeActorAndThePortalsFieldsUnderUnmapped()
    {
        using var json = JsonDocument.Parse(OcsfFormat.Event(Event(AuditStream.Credential, AuditEventTypes.Credential.Revoked)));
        var root = json.RootElement;

        Assert.Equal("42", root.GetProperty("metadata").GetProperty("uid").GetString());
        Assert.Equal(42, root.GetProperty("metadata").GetProperty("sequence").GetInt64());
        Assert.Equal("NhiPortal", root.GetProperty("metadata").GetProperty("product").GetProperty("name").GetString());
        Assert.Equal(new DateTimeOffset(At).ToUnixTimeMilliseconds(), root.GetProperty("time").GetInt64());
        Assert.Equal("demo-operator", root.GetProperty("actor").GetProperty("user").GetProperty("uid").GetString());
        var unmapped = root.GetProperty("unmapped");
        Assert.Equal("Credential", unmapped.GetProperty("stream").GetString());
        Assert.Equal("Revoked", unmapped.GetProperty("after").GetProperty("State").GetString());
        Assert.Equal("C-1", unmapped.GetProperty("target_id").GetString());
    }

    [Fact]
    public void Ocsf_Head_NamesStreamLinkAndHash()
    {
        var head = new FeedHead(AuditStream.Credential, 17, 99, "deadbeef", At, "hmac-sha256:k1");

        using var json = JsonDocument.Parse(OcsfFormat.Head(head));

        Assert.Equal("head-Credential-17", json.RootElement.GetProperty("metadata").GetProperty("uid").GetString());
        Assert.Equal("deadbeef", json.RootElement.GetProperty("unmapped").GetProperty("hash").GetString());
        Assert.Equal(17, json.RootElement.GetProperty("unmapped").GetProperty("link_sequence").GetInt64());
    }

    [Fact]
    public void Cef_HeaderAndExtension_AreEscaped()
    {
        var e = Event(AuditStream.Access, AuditEventTypes.Access.PolicyChanged);
        e.Summary = "a|b\\c=d\ne";

        var line = CefFormat.Event(e);

        Assert.StartsWith(@"CEF:0|NhiPortal|NhiPortal|1|PolicyChanged|a\|b\\c=d e|4|", line);
        Assert.Contains(@"msg=a|b\\c\=d\ne", line, StringComparison.Ordinal);
        Assert.Contains("externalId=42 ", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Theory]
    [InlineData(@"a\b", @"a\\b")]
    [InlineData("a|b", @"a\|b")]
    [InlineData("a=b", "a=b")]
    public void Cef_EscapeHeader_EscapesBackslashAndPipe(string raw, string escaped) => Assert.Equal(escaped, CefFormat.EscapeHeader(raw));

    [Theory]
    [InlineData(@"a\b", @"a\\b")]
    [InlineData("a=b", @"a\=b")]
    [InlineData("a|b", "a|b")]
    [InlineData("a\r\nb", @"a\r\nb")]
    public void Cef_EscapeExtension_EscapesBackslashEqualsAndBreaks(string raw, string escaped) => Assert.Equal(escaped, CefFormat.EscapeExtension(raw));
}
