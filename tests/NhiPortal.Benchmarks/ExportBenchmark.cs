using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using System.IO.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NhiPortal.Core.Reports;
using NhiPortal.Infrastructure.Reports;

namespace NhiPortal.Benchmarks;

/// <summary>
/// 100,000 rows x 12 typed columns: the portal's report writer (ClosedXML cover, summary and frameworks sheets plus a
/// streamed data sheet, checksum included) beside a bare streaming Open XML (SAX) writer into a write-only package,
/// and beside ClosedXML alone. Each runs in its own process, so the peak working set is its own.
/// </summary>
internal static class ExportBenchmark
{
    private const int MeasuredRows = 100_000;
    private static int Rows = MeasuredRows;

    public static async Task RunAsync()
    {
        Console.WriteLine($"Export {MeasuredRows:N0} rows x 12 columns (each scenario in a fresh process after a 1,000-row warm-up; best of 3 for time):");
        foreach (var scenario in new[] { "bare", "portal", "closedxml" })
        {
            var results = new List<(double Seconds, double PeakMb)>();
            for (var i = 0; i < (scenario == "closedxml" ? 1 : 3); i++)
            {
                var start = new ProcessStartInfo("dotnet", [typeof(ExportBenchmark).Assembly.Location, "export-one", scenario]) { RedirectStandardOutput = true };
                using var process = Process.Start(start)!;
                var line = (await process.StandardOutput.ReadToEndAsync()).Trim().Split('\n')[^1];
                await process.WaitForExitAsync();
                var parts = line.Split(' ');
                results.Add((double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture)));
            }
            var best = results.MinBy(r => r.Seconds);
            Console.WriteLine($"  {scenario,-10} {best.Seconds,6:N2} s   +{results.Max(r => r.PeakMb),6:N0} MB peak working set");
        }
    }

    /// <summary>Runs one scenario and prints "seconds peak-MB" (peak working set above the process's baseline).</summary>
    public static async Task RunOneAsync(string scenario)
    {
        // A server has every code path compiled already; so does this process before it measures.
        Rows = 1_000;
        await RunScenarioAsync(scenario);
        Rows = MeasuredRows;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var (seconds, peakMb) = await RunScenarioAsync(scenario);
        Console.WriteLine($"{seconds.ToString("0.000", CultureInfo.InvariantCulture)} {peakMb.ToString("0", CultureInfo.InvariantCulture)}");
    }

    private static async Task<(double Seconds, double PeakMb)> RunScenarioAsync(string scenario)
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var baseline = self.WorkingSet64;
        var path = Path.Combine(Path.GetTempPath(), $"nhiportal-export-{scenario}-{Guid.NewGuid():N}.xlsx");
        var sw = Stopwatch.StartNew();
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite))
        {
            switch (scenario)
            {
                case "bare":
                    Bare(file);
                    break;
                case "portal":
                    await XlsxReportWriter.WriteAsync(file, "Benchmark", [new CoverLine("Rows", Rows.ToString(CultureInfo.InvariantCulture))],
                        [new SummarySheet("Summary", [["summary"]], [])], [new DataSheet("Data", Columns, Data())], SheetSplit.ExcelDataRows, ReportProgress.None,
                        CancellationToken.None);
                    break;
                case "closedxml":
                    ClosedXmlOnly(file);
                    break;
            }
        }
        var seconds = sw.Elapsed.TotalSeconds;
        self.Refresh();
        File.Delete(path);
        return (seconds, (self.PeakWorkingSet64 - baseline) / 1024.0 / 1024.0);
    }

    private static readonly ReportColumn[] Columns =
    [
        new("Id", ColumnType.Integer), new("Name", ColumnType.Text), new("Kind", ColumnType.Text), new("Identity", ColumnType.Text),
        new("Owner", ColumnType.Text), new("Team", ColumnType.Text), new("Issued", ColumnType.DateTime), new("Expires", ColumnType.DateTime),
        new("Last used", ColumnType.DateTime), new("Age", ColumnType.Integer), new("Score", ColumnType.Integer), new("Dynamic", ColumnType.Boolean),
    ];

    private static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static object?[] Row(int i) =>
    [
        i, $"svc-ledger-prod-{i:000000}-clientsecret", "ClientSecret", $"svc-ledger-prod-{i / 3:000000}", $"Owner {i % 40}", $"Team {i % 8}",
        Epoch.AddMinutes(i), Epoch.AddMinutes(i).AddDays(90), Epoch.AddMinutes(i * 2), i % 400, i % 101, i % 5 == 0,
    ];

    private static async IAsyncEnumerable<object?[]> Data([EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var i = 0; i < Rows; i++)
        {
            yield return Row(i);
        }
        await Task.CompletedTask;
    }

    /// <summary>The floor: one sheet written with OpenXmlWriter into a package created for writing only (nothing buffered).</summary>
    private static void Bare(Stream output)
    {
        using var package = Package.Open(output, FileMode.Create, FileAccess.Write);
        const string main = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
        // In a write-only zip each part is created, written and closed before the next.
        var sheet = package.CreatePart(new Uri("/xl/worksheets/sheet1.xml", UriKind.Relative), main + "worksheet+xml", CompressionOption.Normal);
        using (var stream = sheet.GetStream(FileMode.Create, FileAccess.Write))
        using (var writer = OpenXmlWriter.Create(stream))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            for (var i = 0; i < Rows; i++)
            {
                var values = Row(i);
                writer.WriteStartElement(new Row());
                foreach (var value in values)
                {
                    switch (value)
                    {
                        case string s:
                            writer.WriteStartElement(new Cell(), [new OpenXmlAttribute("t", null!, "inlineStr")]);
                            writer.WriteStartElement(new InlineString());
                            writer.WriteElement(new Text(s));
                            writer.WriteEndElement();
                            writer.WriteEndElement();
                            break;
                        case DateTime d:
                            writer.WriteStartElement(new Cell(), [new OpenXmlAttribute("s", null!, "1")]);
                            writer.WriteElement(new CellValue(d.ToOADate().ToString("R", CultureInfo.InvariantCulture)));
                            writer.WriteEndElement();
                            break;
                        case bool b:
                            writer.WriteStartElement(new Cell(), [new OpenXmlAttribute("t", null!, "b")]);
                            writer.WriteElement(new CellValue(b ? "1" : "0"));
                            writer.WriteEndElement();
                            break;
                        default:
                            writer.WriteStartElement(new Cell());
                            writer.WriteElement(new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!));
                            writer.WriteEndElement();
                            break;
                    }
                }
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        var styles = package.CreatePart(new Uri("/xl/styles.xml", UriKind.Relative), main + "styles+xml", CompressionOption.Normal);
        using (var stream = styles.GetStream(FileMode.Create, FileAccess.Write))
        {
            new Stylesheet(
                new NumberingFormats(new NumberingFormat { NumberFormatId = 200, FormatCode = "yyyy-mm-dd hh:mm:ss" }) { Count = 1 },
                new Fonts(new Font()) { Count = 1 }, new Fills(new Fill(new PatternFill { PatternType = PatternValues.None })) { Count = 1 },
                new Borders(new Border()) { Count = 1 }, new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 200, ApplyNumberFormat = true }) { Count = 2 })
                .Save(stream);
        }
        var workbook = package.CreatePart(new Uri("/xl/workbook.xml", UriKind.Relative), main + "sheet.main+xml", CompressionOption.Normal);
        using (var stream = workbook.GetStream(FileMode.Create, FileAccess.Write))
        {
            new Workbook(new Sheets(new Sheet { Name = "Data", SheetId = 1, Id = "rId1" })).Save(stream);
        }
        package.CreateRelationship(workbook.Uri, TargetMode.Internal, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "rId1");
        workbook.CreateRelationship(new Uri("worksheets/sheet1.xml", UriKind.Relative), TargetMode.Internal,
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", "rId1");
        workbook.CreateRelationship(new Uri("styles.xml", UriKind.Relative), TargetMode.Internal,
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles", "rId2");
    }

    private static void ClosedXmlOnly(Stream output)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Data");
        for (var c = 0; c < Columns.Length; c++)
        {
            sheet.Cell(1, c + 1).SetValue(Columns[c].Header);
        }
        for (var i = 0; i < Rows; i++)
        {
            var values = Row(i);
            for (var c = 0; c < values.Length; c++)
            {
                var cell = sheet.Cell(i + 2, c + 1);
                switch (values[c])
                {
                    case string s: cell.SetValue(s); break;
                    case DateTime d: cell.SetValue(d); break;
                    case bool b: cell.SetValue(b); break;
                    case int n: cell.SetValue(n); break;
                }
            }
        }
        workbook.SaveAs(output);
    }
}
