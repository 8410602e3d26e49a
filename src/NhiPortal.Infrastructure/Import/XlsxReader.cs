using System.Globalization;
using System.Text;
using System.Xml;
using NhiPortal.Core.Import;

namespace NhiPortal.Infrastructure.Import;

/// <summary>
/// Reads the first worksheet of an .xlsx as a stream of rows: memory stays bounded by the row, cell and text limits,
/// whatever the file unpacks to. Cells read as ClosedXML showed them: dates ISO 8601 UTC, numbers invariant, booleans true/false.
/// </summary>
internal static class XlsxReader
{
    public const int ChunkSize = 4096;

    public static ImportTable Read(string fileName, byte[] content)
    {
        using var package = XlsxPackage.Open(content);
        try
        {
            if (package.SheetPart is not { } sheet)
            {
                throw new ImportFileException("The workbook has no worksheet.");
            }
            var budget = new TextBudget();
            var shared = SharedStrings(package, budget);
            var dates = XlsxStyles.DateStyles(package);
            using var reader = package.OpenXml(sheet);
            return new XlsxSheet(reader, shared, dates, package.Date1904, budget).ReadTable(fileName);
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException or FormatException or OverflowException)
        {
            // Zip entries stop inflating at their declared size, so a size that lies ends here as broken XML.
            throw XlsxPackage.NotReadable(package.CurrentPart);
        }
    }

    /// <summary>The file's text as a whole may be no more than a CSV at the size limit could hold.</summary>
    internal sealed class TextBudget
    {
        private long used;

        public void Spend(int characters, string what)
        {
            used += characters;
            if (used > ImportFileReader.MaxTextCharacters)
            {
                throw new ImportFileException($"The workbook is refused: {what} hold more than {ImportFileReader.MaxTextCharacters:N0} characters of text; " +
                    $"the limit is {ImportFileReader.MaxTextCharacters:N0} characters. Split it into smaller files.");
            }
        }
    }

    private static List<string> SharedStrings(XlsxPackage package, TextBudget budget)
    {
        var strings = new List<string>();
        if (package.SharedStringsPart is not { } part)
        {
            return strings;
        }
        using var reader = package.OpenXml(part);
        var text = new StringBuilder();
        var chunk = new char[ChunkSize];
        while (reader.Read())
        {
            if (reader is not { NodeType: XmlNodeType.Element, LocalName: "si", NamespaceURI: XlsxPackage.MainNamespace })
            {
                continue;
            }
            if (strings.Count >= XlsxLimits.MaxSharedStrings)
            {
                throw new ImportFileException($"The workbook is refused: it holds more than {XlsxLimits.MaxSharedStrings:N0} shared strings.");
            }
            text.Clear();
            ReadRichText(reader, text, chunk, $"Shared string {strings.Count + 1:N0}");
            budget.Spend(text.Length, "its shared strings");
            strings.Add(text.ToString());
        }
        return strings;
    }

    /// <summary>The text of an &lt;si&gt; or &lt;is&gt; element: its &lt;t&gt; runs, without phonetic guides.</summary>
    internal static void ReadRichText(XmlReader reader, StringBuilder text, char[] chunk, string where)
    {
        if (reader.IsEmptyElement)
        {
            return;
        }
        var depth = reader.Depth;
        reader.Read();
        while (reader.Depth > depth)
        {
            if (reader is { NodeType: XmlNodeType.Element, LocalName: "rPh" })
            {
                reader.Skip();
                continue;
            }
            if (reader is { NodeType: XmlNodeType.Element, LocalName: "t" })
            {
                ReadText(reader, text, chunk, where);
            }
            reader.Read();
        }
    }

    /// <summary>An element's text in chunks, so a cell of any size costs no more than the limit before it is refused.</summary>
    internal static void ReadText(XmlReader reader, StringBuilder text, char[] chunk, string where)
    {
        if (reader.IsEmptyElement)
        {
            return;
        }
        var depth = reader.Depth;
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace))
            {
                continue;
            }
            int read;
            while ((read = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
            {
                if (text.Length + read > ImportFileReader.MaxCellCharacters)
                {
                    throw new ImportFileException($"{where} holds more than {ImportFileReader.MaxCellCharacters:N0} characters; " +
                        $"the limit is {ImportFileReader.MaxCellCharacters:N0} characters a cell (Excel's own).");
                }
                text.Append(chunk, 0, read);
            }
        }
    }

    internal static string Number(string raw) => double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);

    internal static string Date(string raw, bool date1904)
    {
        var serial = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture) + (date1904 ? 1462 : 0);
        return DateTime.FromOADate(serial).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
