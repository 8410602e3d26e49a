using System.IO.Compression;
using System.Xml;
using NhiPortal.Core.Import;

namespace NhiPortal.Infrastructure.Import;

/// <summary>
/// The zip side of an .xlsx upload: checks every entry's declared size and compression ratio before anything is
/// parsed, finds the first worksheet and its shared strings and styles, and opens each part as a guarded XML stream.
/// </summary>
internal sealed class XlsxPackage : IDisposable
{
    public const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationshipNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";

    private readonly ZipArchive zip;

    private XlsxPackage(ZipArchive zip) => this.zip = zip;

    public string? SheetPart { get; private set; }
    public string? SharedStringsPart { get; private set; }
    public string? StylesPart { get; private set; }
    public bool Date1904 { get; private set; }

    /// <summary>The part last opened, named when it turns out unreadable.</summary>
    public string? CurrentPart { get; private set; }

    public static XlsxPackage Open(byte[] content)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw NotReadable(null);
        }
        var package = new XlsxPackage(zip);
        try
        {
            package.CheckSizes();
            package.FindParts();
            return package;
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException)
        {
            package.Dispose();
            throw NotReadable(package.CurrentPart);
        }
        catch
        {
            package.Dispose();
            throw;
        }
    }

    public static ImportFileException NotReadable(string? part) => new(part is null
        ? "The file is not a readable .xlsx workbook."
        : $"The file is not a readable .xlsx workbook: its part '{part}' is damaged or longer than it declares.");

    /// <summary>A forward-only reader over one part; DTDs and external resources are refused.</summary>
    public XmlReader OpenXml(string part)
    {
        var entry = zip.GetEntry(part) ?? throw NotReadable(part);
        CurrentPart = part;
        return XmlReader.Create(new InflateGuardStream(entry.Open(), part, entry.Length), new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = XlsxLimits.MaxPartBytes,
            CloseInput = true,
        });
    }

    public void Dispose() => zip.Dispose();

    private void CheckSizes()
    {
        if (zip.Entries.Count > XlsxLimits.MaxEntries)
        {
            throw new ImportFileException($"The workbook is refused: it holds {zip.Entries.Count:N0} parts; the limit is {XlsxLimits.MaxEntries:N0}.");
        }
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            var megabytes = entry.Length / (double)XlsxLimits.Megabyte;
            if (entry.Length > XlsxLimits.MaxPartBytes)
            {
                throw new ImportFileException($"The workbook is refused: its part '{entry.FullName}' unpacks to {megabytes:N0} MB; the limit is {XlsxLimits.MaxPartBytes / XlsxLimits.Megabyte} MB per part.");
            }
            if (entry.Length > XlsxLimits.RatioCheckedFrom && entry.Length > (long)XlsxLimits.MaxCompressionRatio * Math.Max(entry.CompressedLength, 1))
            {
                throw new ImportFileException($"The workbook is refused: its part '{entry.FullName}' is compressed {entry.Length / Math.Max(entry.CompressedLength, 1):N0} to 1; " +
                    $"the limit is {XlsxLimits.MaxCompressionRatio} to 1 (real spreadsheets stay far below it).");
            }
            total += entry.Length;
        }
        if (total > XlsxLimits.MaxTotalBytes)
        {
            throw new ImportFileException($"The workbook is refused: it unpacks to {total / (double)XlsxLimits.Megabyte:N0} MB; the limit is {XlsxLimits.MaxTotalBytes / XlsxLimits.Megabyte} MB.");
        }
    }

    private void FindParts()
    {
        var workbook = Relationships("_rels/.rels", "").FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Target
            ?? "xl/workbook.xml";
        var folder = workbook.Contains('/', StringComparison.Ordinal) ? workbook[..(workbook.LastIndexOf('/') + 1)] : "";
        var related = Relationships($"{folder}_rels/{workbook[folder.Length..]}.rels", folder);
        string? sheetId = null;
        using (var reader = OpenXml(workbook))
        {
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != MainNamespace)
                {
                    continue;
                }
                if (reader.LocalName == "workbookPr")
                {
                    Date1904 = reader.GetAttribute("date1904") is "1" or "true";
                }
                else if (reader.LocalName == "sheet")
                {
                    sheetId = reader.GetAttribute("id", RelationshipNamespace);
                    break;
                }
            }
        }
        SheetPart = related.FirstOrDefault(r => r.Id == sheetId).Target;
        SharedStringsPart = related.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Target;
        StylesPart = related.FirstOrDefault(r => r.Type.EndsWith("/styles", StringComparison.Ordinal)).Target;
    }

    private List<(string Id, string Type, string Target)> Relationships(string part, string folder)
    {
        var found = new List<(string, string, string)>();
        if (zip.GetEntry(part) is null)
        {
            return found;
        }
        using var reader = OpenXml(part);
        while (reader.Read())
        {
            if (reader is { NodeType: XmlNodeType.Element, LocalName: "Relationship", NamespaceURI: PackageRelationshipNamespace }
                && reader.GetAttribute("Target") is { } target && reader.GetAttribute("TargetMode") != "External")
            {
                // Targets are relative to the folder of the part that holds them, or absolute from the package root.
                var path = target.StartsWith('/') ? target[1..] : Normalise(folder + target);
                found.Add((reader.GetAttribute("Id") ?? "", reader.GetAttribute("Type") ?? "", path));
            }
        }
        return found;
    }

    private static string Normalise(string path)
    {
        var parts = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (segment is not ("." or ""))
            {
                parts.Add(segment);
            }
        }
        return string.Join('/', parts);
    }
}
