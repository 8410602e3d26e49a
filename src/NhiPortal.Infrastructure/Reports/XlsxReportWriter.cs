using System.Globalization;
using System.IO.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NhiPortal.Core.Reports;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>
/// Formatted sheets (cover, summaries, frameworks) come from ClosedXML (<see cref="XlsxFormattedSheets"/>); large data
/// sheets are streamed into the same package by <see cref="XlsxDataSheetWriter"/>, because ClosedXML builds every cell
/// in memory. The cover gets the row counts and the SHA-256 of the data after the data is written.
/// </summary>
internal static class XlsxReportWriter
{
    public static async Task<(IReadOnlyDictionary<string, long> Counts, string Sha256)> WriteAsync(
        Stream output, string title, IReadOnlyList<CoverLine> cover, IReadOnlyList<SummarySheet> summaries, IReadOnlyList<DataSheet> sheets, int rowsPerSheet,
        ReportProgress progress, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerSheet, 1);
        // The formatted sheets are small: ClosedXML builds them in memory, then they are copied into the streamed package.
        using var head = new MemoryStream();
        var coverRows = XlsxFormattedSheets.Build(head, title, cover, summaries);
        head.Position = 0;
        using var source = Package.Open(head, FileMode.Open, FileAccess.Read);
        // Write-only: every zip entry streams out as it is written, so a large sheet is never held in memory.
        using var target = Package.Open(output, FileMode.Create, FileAccess.Write);

        var workbookUri = PackUriHelper.ResolvePartUri(new Uri("/", UriKind.Relative),
            source.GetRelationshipsByType(OfficeDocumentRelationship).Single().TargetUri);
        var workbookSource = source.GetPart(workbookUri);
        var workbookRelationships = workbookSource.GetRelationships().ToList();
        var workbook = new Workbook(ReadAll(workbookSource));
        var stylesUri = PackUriHelper.ResolvePartUri(workbookUri, workbookRelationships.Single(r => r.RelationshipType == StylesRelationship).TargetUri);
        var stylesheet = new Stylesheet(ReadAll(source.GetPart(stylesUri)));
        var styles = XlsxDataSheetWriter.AddStyles(stylesheet);
        var coverSheet = workbook.Sheets!.Elements<Sheet>().First(s => s.Name == "Cover");
        var coverUri = PackUriHelper.ResolvePartUri(workbookUri, workbookRelationships.Single(r => r.Id == coverSheet.Id).TargetUri);
        var coverWorksheet = new Worksheet(ReadAll(source.GetPart(coverUri)));

        // 1. The data sheets, streamed from the database straight into the package; one that outgrows a worksheet
        // continues on "Name (2)", "Name (3)", … with the same header.
        var counts = new Dictionary<string, long>();
        using var checksum = new ReportChecksum();
        var added = new List<(string Name, string RelationshipId, Uri Target)>();
        foreach (var sheet in sheets)
        {
            await using var rows = RowPrefetch.AheadAsync(sheet.Rows, ct).GetAsyncEnumerator(ct);
            var more = false;
            var part = 0;
            do
            {
                part++;
                var n = added.Count + 1;
                var name = SheetSplit.PartName(sheet.Name, part);
                var uri = new Uri($"/xl/worksheets/nhi-data{n}.xml", UriKind.Relative);
                var package = target.CreatePart(uri, WorksheetContentType, CompressionOption.Normal);
                long written;
                await using (var stream = package.GetStream(FileMode.Create, FileAccess.Write))
                {
                    written = await XlsxDataSheetWriter.WriteAsync(stream, name, sheet.Columns, rows, more, rowsPerSheet, styles, checksum, progress, ct);
                }
                counts[name] = written;
                added.Add((name, $"rIdNhiData{n}", new Uri($"worksheets/nhi-data{n}.xml", UriKind.Relative)));
                more = written == rowsPerSheet && await rows.MoveNextAsync();
            }
            while (more);
        }
        var sha = checksum.Finish();

        // 2. The cover's last lines can only be written now: what the data sheets hold.
        var sheetData = coverWorksheet.GetFirstChild<SheetData>()!;
        var index = (uint)coverRows + 1;
        foreach (var (name, count) in counts)
        {
            sheetData.Append(CoverRow(index++, $"Rows in \"{name}\"", count.ToString("N0", CultureInfo.InvariantCulture), styles.Header));
        }
        sheetData.Append(CoverRow(index++, "SHA-256 of the data", sha, styles.Header));
        sheetData.Append(CoverRow(index, "How to check a copy",
            "SHA-256 over the data sheets in workbook order (a continued sheet such as \"Credentials (2)\" is one of them), each as UTF-8 lines: sheet name; tab-joined headers; each row's tab-joined values (dates yyyy-MM-ddTHH:mm:ss UTC, true/false, tab/CR/LF escaped).", styles.Header));

        // Data sheets follow the cover and come before the summaries, in the order given.
        var nextSheetId = workbook.Sheets.Elements<Sheet>().Max(s => s.SheetId!.Value) + 1;
        for (var n = 0; n < added.Count; n++)
        {
            workbook.Sheets.InsertAt(new Sheet { Id = added[n].RelationshipId, SheetId = nextSheetId++, Name = added[n].Name }, n + 1);
        }
        // ClosedXML's defined names (print areas, filters) refer to sheets by position; keep them pointing at the same sheets.
        foreach (var name in workbook.DefinedNames?.Elements<DefinedName>() ?? [])
        {
            if (name.LocalSheetId is { } local && local.Value >= 1)
            {
                name.LocalSheetId = local.Value + (uint)added.Count;
            }
        }

        // 3. Every part ClosedXML wrote, the three changed ones replaced, then all relationships.
        // A write-only package cannot hand its parts back, so the copies are kept here for their relationships.
        var copies = new Dictionary<Uri, PackagePart>();
        foreach (var part in source.GetParts().Where(p => !PackUriHelper.IsRelationshipPartUri(p.Uri)))
        {
            var copy = copies[part.Uri] = target.CreatePart(part.Uri, part.ContentType, CompressionOption.Normal);
            await using var to = copy.GetStream(FileMode.Create, FileAccess.Write);
            if (part.Uri == workbookUri)
            {
                workbook.Save(to);
            }
            else if (part.Uri == stylesUri)
            {
                stylesheet.Save(to);
            }
            else if (part.Uri == coverUri)
            {
                coverWorksheet.Save(to);
            }
            else
            {
                await using var from = part.GetStream(FileMode.Open, FileAccess.Read);
                await from.CopyToAsync(to, ct);
            }
        }
        foreach (var part in source.GetParts().Where(p => !PackUriHelper.IsRelationshipPartUri(p.Uri)))
        {
            var copy = copies[part.Uri];
            foreach (var relationship in part.GetRelationships())
            {
                copy.CreateRelationship(relationship.TargetUri, relationship.TargetMode, relationship.RelationshipType, relationship.Id);
            }
        }
        var workbookTarget = copies[workbookUri];
        foreach (var (_, id, uri) in added)
        {
            workbookTarget.CreateRelationship(uri, TargetMode.Internal, WorksheetRelationship, id);
        }
        foreach (var relationship in source.GetRelationships())
        {
            target.CreateRelationship(relationship.TargetUri, relationship.TargetMode, relationship.RelationshipType, relationship.Id);
        }
        return (counts, sha);
    }

    private const string OfficeDocumentRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
    private const string StylesRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
    private const string WorksheetRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
    private const string WorksheetContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

    private static string ReadAll(PackagePart part)
    {
        using var reader = new StreamReader(part.GetStream(FileMode.Open, FileAccess.Read));
        var xml = reader.ReadToEnd().TrimStart('\uFEFF');
        // The element constructors take the root element alone, without the XML declaration.
        return xml.StartsWith("<?xml", StringComparison.Ordinal) ? xml[(xml.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart() : xml;
    }

    private static Row CoverRow(uint index, string label, string value, uint headerStyle) => new(
        new Cell { CellReference = $"A{index}", DataType = CellValues.InlineString, StyleIndex = headerStyle, InlineString = new InlineString(new Text(label)) },
        new Cell { CellReference = $"B{index}", DataType = CellValues.InlineString, InlineString = new InlineString(new Text(ReportValues.Clean(value))) })
    { RowIndex = index };
}
