using System.Xml;
using NhiPortal.Core.Import;

namespace NhiPortal.Infrastructure.Import;

/// <summary>Which cell styles show a number as a date: Excel stores dates as numbers and says so only in the style.</summary>
internal static class XlsxStyles
{
    // Excel's built-in date and time formats (ECMA-376 part 1, 18.8.30).
    private static readonly HashSet<int> BuiltInDateFormats = [14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58];

    public static bool[] DateStyles(XlsxPackage package)
    {
        if (package.StylesPart is not { } part)
        {
            return [];
        }
        var customDates = new HashSet<int>();
        var styles = new List<bool>();
        using var reader = package.OpenXml(part);
        var inCellXfs = false;
        while (reader.Read())
        {
            if (reader.NamespaceURI != XlsxPackage.MainNamespace)
            {
                continue;
            }
            if (reader is { NodeType: XmlNodeType.Element, LocalName: "numFmt" }
                && int.TryParse(reader.GetAttribute("numFmtId"), out var id) && IsDateFormat(reader.GetAttribute("formatCode") ?? ""))
            {
                customDates.Add(id);
            }
            else if (reader.LocalName == "cellXfs")
            {
                inCellXfs = reader.NodeType == XmlNodeType.Element && !reader.IsEmptyElement;
            }
            else if (inCellXfs && reader is { NodeType: XmlNodeType.Element, LocalName: "xf" })
            {
                if (styles.Count >= XlsxLimits.MaxStyles)
                {
                    throw new ImportFileException($"The workbook is refused: it defines more than {XlsxLimits.MaxStyles:N0} cell styles.");
                }
                var format = int.TryParse(reader.GetAttribute("numFmtId"), out var f) ? f : 0;
                styles.Add(BuiltInDateFormats.Contains(format) || customDates.Contains(format));
            }
        }
        return [.. styles];
    }

    // A format is a date when it uses d, m, y, h or s outside quoted text, escapes and [colour] or [$-locale] brackets.
    private static bool IsDateFormat(string code)
    {
        var quoted = false;
        var bracket = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (quoted)
            {
                continue;
            }
            else if (c is '\\' or '_' or '*')
            {
                i++;
            }
            else if (c == '[')
            {
                // [h], [mm] and [ss] are elapsed-time codes; other brackets hold colours or locales.
                bracket = i + 1 < code.Length && code[i + 1] is not ('h' or 'H' or 'm' or 'M' or 's' or 'S');
            }
            else if (c == ']')
            {
                bracket = false;
            }
            else if (!bracket && char.ToLowerInvariant(c) is 'd' or 'm' or 'y' or 'h' or 's')
            {
                return true;
            }
        }
        return false;
    }
}
