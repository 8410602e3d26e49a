using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace NhiPortal.Core.Access;

/// <summary>
/// Return URLs and redirect targets taken from a request: only a plain path on this site survives, anything else
/// becomes <c>/</c>. Browsers drop tabs and newlines from a URL and read <c>\</c> as <c>/</c>, so
/// <c>/\t/evil.example</c> is <c>//evil.example</c> to them; and a target may be decoded again further on, so the
/// text is checked both as given and fully percent-decoded.
/// </summary>
public static class LocalReturnUrl
{
    /// <summary>Longer targets are refused: no page of the portal needs one, and headers have limits.</summary>
    public const int MaxLength = 2048;

    public static string OrRoot(string? returnUrl) => IsLocal(returnUrl) ? returnUrl! : "/";

    public static bool IsLocal([NotNullWhen(true)] string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Length > MaxLength || !IsPlainPath(returnUrl, decoded: false))
        {
            return false;
        }
        var decoded = returnUrl;
        // A few rounds catch double encoding (%252F); anything still changing after that is refused.
        for (var round = 0; ; round++)
        {
            var next = Uri.UnescapeDataString(decoded);
            if (next == decoded)
            {
                break;
            }
            if (round == 3)
            {
                return false;
            }
            decoded = next;
        }
        return IsPlainPath(decoded, decoded: true);
    }

    private static bool IsPlainPath(string url, bool decoded)
    {
        if (url[0] != '/' || (url.Length > 1 && url[1] is '/' or '\\'))
        {
            return false;
        }
        var pathEnd = url.IndexOfAny(['?', '#']);
        var path = pathEnd < 0 ? url : url[..pathEnd];
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            // Decoded text may hold a space in its query (a search term); the path and the raw text never.
            var whitespaceAllowed = decoded && i >= path.Length && c == ' ';
            if (c == '\\' || char.IsControl(c) || (char.IsWhiteSpace(c) && !whitespaceAllowed)
                || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return false;
            }
        }
        // Dot segments are never needed and let a path climb out of where it claims to be.
        return !path.Split('/').Any(segment => segment is "." or "..");
    }
}
