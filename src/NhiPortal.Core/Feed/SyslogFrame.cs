using System.Globalization;
using System.Text;

namespace NhiPortal.Core.Feed;

/// <summary>
/// RFC 5424 messages in RFC 6587 / RFC 5425 octet-counted frames (<c>LEN SP MSG</c>, LEN the UTF-8 byte count).
/// Facility 13 (log audit); the structured data <c>[nhiportal@32473 id=… stream=… type=…]</c> carries the dedupe id
/// (32473 is the documentation enterprise number of RFC 5612).
/// </summary>
public static class SyslogFrame
{
    public const string SdId = "nhiportal@32473";
    public const string AppName = "nhiportal";
    private const int Facility = 13;

    public static string Message(FeedMessage m, string hostName)
    {
        var sb = new StringBuilder(m.Body.Length + 200);
        sb.Append('<').Append(((Facility * 8) + Severity(m.Severity)).ToString(CultureInfo.InvariantCulture)).Append(">1 ")
            .Append(DateTime.SpecifyKind(m.OccurredUtc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)).Append(' ')
            .Append(Token(hostName, 255)).Append(' ').Append(AppName).Append(" - ").Append(Token(m.Type, 32)).Append(" [").Append(SdId);
        foreach (var (name, value) in m.Parameters)
        {
            sb.Append(' ').Append(name).Append("=\"").Append(EscapeParam(value)).Append('"');
        }
        sb.Append("] ").Append(m.Body);
        return sb.ToString();
    }

    /// <summary>The frame: the message's UTF-8 byte count, a space, the message.</summary>
    public static byte[] Frame(string message)
    {
        var length = Encoding.UTF8.GetByteCount(message);
        var prefix = length.ToString(CultureInfo.InvariantCulture) + " ";
        var frame = new byte[prefix.Length + length];
        Encoding.ASCII.GetBytes(prefix, frame);
        Encoding.UTF8.GetBytes(message, frame.AsSpan(prefix.Length));
        return frame;
    }

    /// <summary>RFC 5424 §6.3.3: inside PARAM-VALUE, <c>"</c>, <c>\</c> and <c>]</c> are escaped with a backslash.</summary>
    public static string EscapeParam(string value)
    {
        if (value.AsSpan().IndexOfAny("\"\\]") < 0)
        {
            return value;
        }
        var sb = new StringBuilder(value.Length + 8);
        foreach (var ch in value)
        {
            if (ch is '"' or '\\' or ']')
            {
                sb.Append('\\');
            }
            sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>Syslog severity: informational 6, notice 5, warning 4, error 3.</summary>
    public static int Severity(FeedSeverity severity) => severity switch
    {
        FeedSeverity.Informational => 6,
        FeedSeverity.Low => 5,
        FeedSeverity.Medium => 4,
        FeedSeverity.High => 3,
    };

    // HOSTNAME and MSGID are printable US-ASCII without spaces, of bounded length; "-" when empty.
    private static string Token(string value, int max)
    {
        var sb = new StringBuilder(Math.Min(value.Length, max));
        foreach (var ch in value)
        {
            if (sb.Length == max)
            {
                break;
            }
            sb.Append(ch is > (char)32 and < (char)127 ? ch : '_');
        }
        return sb.Length == 0 ? "-" : sb.ToString();
    }
}
