using System.Text;
using NhiPortal.Core.Feed;

namespace NhiPortal.Core.Tests.Feed;

public class SyslogFrameTests
{
    private static FeedMessage Message(string body, params (string Name, string Value)[] parameters) =>
        new("7", 7, "CredentialRevoked", FeedSeverity.Medium, new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc), body, parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)).ToList());

    [Fact]
    public void Message_IsRfc5424_WithPriorityVersionTimestampAndStructuredData()
    {
        var text = SyslogFrame.Message(Message("{}", ("id", "7")), "host-1");

        // Facility 13 (log audit) x 8 + warning (4) = 108.
        Assert.Equal("<108>1 2026-12-01T10:00:00.000000Z host-1 nhiportal - CredentialRevoked [nhiportal@32473 id=\"7\"] {}", text);
    }

    [Fact]
    public void Frame_OctetCount_IsTheUtf8ByteLengthOfTheMessage()
    {
        var text = SyslogFrame.Message(Message("{\"summary\":\"Zoë rotated 鍵 🔑\"}", ("id", "7")), "h");

        var frame = SyslogFrame.Frame(text);

        var space = Array.IndexOf(frame, (byte)' ');
        var count = int.Parse(Encoding.ASCII.GetString(frame, 0, space), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Encoding.UTF8.GetByteCount(text), count);
        Assert.NotEqual(text.Length, count);
        Assert.Equal(frame.Length - space - 1, count);
        Assert.Equal(text, Encoding.UTF8.GetString(frame, space + 1, count));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("say \"hi\"", "say \\\"hi\\\"")]
    [InlineData(@"C:\dir", @"C:\\dir")]
    [InlineData("a]b", @"a\]b")]
    public void EscapeParam_EscapesQuoteBackslashAndBracket(string raw, string escaped) => Assert.Equal(escaped, SyslogFrame.EscapeParam(raw));

    [Fact]
    public void Message_ParamValuesAreEscapedInsideTheStructuredData()
    {
        var text = SyslogFrame.Message(Message("x", ("type", "a\"]b")), "h");

        Assert.Contains("[nhiportal@32473 type=\"a\\\"\\]b\"]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_HostAndMsgIdWithSpacesOrOverlong_AreMadeTokens()
    {
        var m = Message("x") with { Type = new string('T', 40) };

        var text = SyslogFrame.Message(m, "my host");

        Assert.Contains(" my_host nhiportal - " + new string('T', 32) + " [", text, StringComparison.Ordinal);
    }
}
