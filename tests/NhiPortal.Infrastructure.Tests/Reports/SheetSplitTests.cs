using System.Runtime.CompilerServices;
using ClosedXML.Excel;
using NhiPortal.Core.Reports;
using NhiPortal.Infrastructure.Reports;

namespace NhiPortal.Infrastructure.Tests.Reports;

/// <summary>A data sheet longer than a worksheet continues on "Name (2)", …; proven on real files with a small limit, and at Excel's limit by the plan.</summary>
public class SheetSplitTests
{
    private static readonly ReportColumn[] Columns = [new("Name", ColumnType.Text), new("Issued", ColumnType.DateTime), new("Score", ColumnType.Integer), new("Dynamic", ColumnType.Boolean)];

    private static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static async IAsyncEnumerable<object?[]> Rows(int count, [EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var i = 0; i < count; i++)
        {
            ct.ThrowIfCancellationRequested();
            yield return [$"credential-{i:000}", Epoch.AddHours(i), i, i % 2 == 0];
        }
        await Task.CompletedTask;
    }

    private static async Task<(XLWorkbook Workbook, IReadOnlyDictionary<string, long> Counts, string Sha)> WriteAsync(int rows, int limit, params DataSheet[] more)
    {
        var stream = new MemoryStream();
        var (counts, sha) = await XlsxReportWriter.WriteAsync(stream, "Split test", [new CoverLine("Rows", $"{rows}")], [new SummarySheet("Summary", [["s"]], [])],
            [new DataSheet("Credentials", Columns, Rows(rows)), .. more], limit, ReportProgress.None, CancellationToken.None);
        stream.Position = 0;
        return (new XLWorkbook(stream), counts, sha);
    }

    [Fact]
    public void Plan_AtExcelsLimit_SplitsThreeMillionRowsIntoThreeSheets()
    {
        var plan = SheetSplit.Plan("Credentials", 3_000_001, SheetSplit.ExcelDataRows);

        Assert.Equal(1_048_575, SheetSplit.ExcelDataRows);
        Assert.Equal([("Credentials", 1_048_575L), ("Credentials (2)", 1_048_575L), ("Credentials (3)", 902_851L)], plan);
        Assert.All(plan, p => Assert.True(p.Rows + 1 <= 1_048_576, "header + data rows fit one Excel sheet"));
        Assert.Single(SheetSplit.Plan("Credentials", SheetSplit.ExcelDataRows, SheetSplit.ExcelDataRows));
        Assert.Equal(2, SheetSplit.Plan("Credentials", SheetSplit.ExcelDataRows + 1L, SheetSplit.ExcelDataRows).Count);
    }

    [Fact]
    public void PartName_KeepsExcelsThirtyOneCharacterLimit()
    {
        var name = SheetSplit.PartName("An overly long data sheet name here", 12);

        Assert.Equal(31, name.Length);
        Assert.EndsWith(" (12)", name, StringComparison.Ordinal);
        Assert.Equal("Credentials", SheetSplit.PartName("Credentials", 1));
    }

    [Fact]
    public async Task WriteAsync_TwentyFiveRowsAtTen_WritesThreeSheetsWithTheSameHeader_AndAChecksumOverAllThree()
    {
        var (workbook, counts, sha) = await WriteAsync(25, 10);

        using (workbook)
        {
            Assert.Equal(["Cover", "Credentials", "Credentials (2)", "Credentials (3)", "Summary", "Frameworks"], workbook.Worksheets.Select(w => w.Name).ToArray());
            Assert.Equal(SheetSplit.Plan("Credentials", 25, 10).ToDictionary(p => p.Name, p => p.Rows), counts);
            foreach (var (name, rows) in new[] { ("Credentials", 10), ("Credentials (2)", 10), ("Credentials (3)", 5) })
            {
                var sheet = workbook.Worksheet(name);
                Assert.Equal(Columns.Select(c => c.Header), Enumerable.Range(1, Columns.Length).Select(c => sheet.Cell(1, c).GetString()));
                Assert.Equal(rows, sheet.RowsUsed().Count() - 1);
                Assert.True(sheet.AutoFilter.IsEnabled);
            }
            // Rows continue in order across sheets: nothing lost or repeated at the seams.
            Assert.Equal("credential-009", workbook.Worksheet("Credentials").Cell(11, 1).GetString());
            Assert.Equal("credential-010", workbook.Worksheet("Credentials (2)").Cell(2, 1).GetString());
            Assert.Equal("credential-024", workbook.Worksheet("Credentials (3)").Cell(6, 1).GetString());
            Assert.Equal(XLDataType.DateTime, workbook.Worksheet("Credentials (3)").Cell(2, 2).DataType);

            Assert.Equal(sha, WorkbookChecks.Cover(workbook, "SHA-256 of the data"));
            Assert.Equal(sha, WorkbookChecks.Recompute(workbook, "Credentials", "Credentials (2)", "Credentials (3)"));
            Assert.NotEqual(sha, WorkbookChecks.Recompute(workbook, "Credentials", "Credentials (2)"));
            Assert.Equal("5", WorkbookChecks.Cover(workbook, "Rows in \"Credentials (3)\""));
        }
    }

    [Fact]
    public async Task WriteAsync_ExactlyTwoSheetsOfRows_WritesNoEmptyThirdSheet_AndTheNextDataSheetFollows()
    {
        var (workbook, counts, sha) = await WriteAsync(20, 10, new DataSheet("Other", Columns, Rows(3)));

        using (workbook)
        {
            Assert.Equal(["Cover", "Credentials", "Credentials (2)", "Other", "Summary", "Frameworks"], workbook.Worksheets.Select(w => w.Name).ToArray());
            Assert.Equal(new Dictionary<string, long> { ["Credentials"] = 10, ["Credentials (2)"] = 10, ["Other"] = 3 }, counts);
            Assert.Equal(sha, WorkbookChecks.Recompute(workbook, "Credentials", "Credentials (2)", "Other"));
        }
    }

    [Fact]
    public async Task WriteAsync_UnderTheLimit_KeepsOneSheet_AndTheChecksumOfAnUnsplitWorkbook()
    {
        var (workbook, _, sha) = await WriteAsync(7, 10);
        var (large, _, shaAtExcelsLimit) = await WriteAsync(7, SheetSplit.ExcelDataRows);

        using (workbook)
        using (large)
        {
            Assert.Equal(["Cover", "Credentials", "Summary", "Frameworks"], workbook.Worksheets.Select(w => w.Name).ToArray());
            // The definition for one sheet is what it always was: name, header, rows.
            Assert.Equal(shaAtExcelsLimit, sha);
            Assert.Equal(sha, WorkbookChecks.Recompute(workbook, "Credentials"));
        }
    }
}
