using System.Text;
using ClosedXML.Excel;
using NhiPortal.Core.Import;
using NhiPortal.Infrastructure.Import;

namespace NhiPortal.Infrastructure.Tests.Import;

public class ImportFileReaderTests
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Read_CsvWithQuotesCommasAndLineBreaks_ParsesFieldsAndRowNumbers()
    {
        var table = ImportFileReader.Read("a.csv", Utf8("Name,Purpose\r\nsvc-a,\"Posts, then \"\"settles\"\"\nledger\"\r\n\r\nsvc-b,plain\r\n"));

        Assert.Equal(["Name", "Purpose"], table.Headers);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal("Posts, then \"settles\"\nledger", table.Rows[0]["Purpose"]);
        Assert.Equal(4, table.Rows[1].RowNumber);
    }

    [Fact]
    public void Read_Utf8BomAndSemicolons_AreHandled()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Utf8("Name;Team\nsvc-ä;Zahlungen\n")).ToArray();

        var table = ImportFileReader.Read("a.csv", bytes);

        Assert.Equal(["Name", "Team"], table.Headers);
        Assert.Equal("svc-ä", table.Rows[0]["Name"]);
    }

    [Fact]
    public void Read_Utf16WithBom_IsDecoded()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Name\nsvc-ü\n")).ToArray();

        Assert.Equal("svc-ü", ImportFileReader.Read("a.csv", bytes).Rows[0]["Name"]);
    }

    [Fact]
    public void Read_Latin1Bytes_AreRefusedAsNotUtf8() =>
        Assert.Contains("not UTF-8", Assert.Throws<ImportFileException>(() =>
            ImportFileReader.Read("a.csv", Encoding.Latin1.GetBytes("Name\nsvc-é\n"))).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("a.csv", "", "empty")]
    [InlineData("a.txt", "Name\nx\n", "not a .csv or .xlsx")]
    [InlineData("a.csv", "Name,name\nx,y\n", "more than once")]
    [InlineData("a.csv", "Name,,Team\nx,y,z\n", "no name")]
    [InlineData("a.csv", "Name\n\"unterminated\n", "never closed")]
    [InlineData("a.xlsx", "this is not a zip", "not a readable .xlsx")]
    public void Read_MalformedFiles_FailWithAClearReason(string name, string content, string expected) =>
        Assert.Contains(expected, Assert.Throws<ImportFileException>(() => ImportFileReader.Read(name, Utf8(content))).Message, StringComparison.Ordinal);

    [Fact]
    public void Read_BinaryWithNulBytes_IsRefused() =>
        Assert.Throws<ImportFileException>(() => ImportFileReader.Read("a.csv", [0x4E, 0x00, 0x61, 0x00, 0x01]));

    [Fact]
    public void Read_OverTheSizeLimit_IsRefusedBeforeParsing()
    {
        var huge = new byte[ImportFileReader.MaxBytes + 1];
        Array.Fill(huge, (byte)'a');

        Assert.Contains("limit", Assert.Throws<ImportFileException>(() => ImportFileReader.Read("a.csv", huge)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OverTheRowLimit_IsRefused()
    {
        var csv = new StringBuilder("Name\n");
        for (var i = 0; i <= ImportFileReader.MaxRows; i++)
        {
            csv.Append("n").Append(i).Append('\n');
        }

        Assert.Contains("rows", Assert.Throws<ImportFileException>(() => ImportFileReader.Read("a.csv", Utf8(csv.ToString()))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Xlsx_ReadsTypedCellsAndMarksFormulaCells()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Identities");
        sheet.Cell(1, 1).Value = "Name";
        sheet.Cell(1, 2).Value = "LastActivityUtc";
        sheet.Cell(1, 3).Value = "Team";
        sheet.Cell(2, 1).Value = "svc-a";
        sheet.Cell(2, 2).Value = new DateTime(2026, 11, 20, 8, 15, 0);
        sheet.Cell(2, 3).FormulaA1 = "CONCATENATE(\"Pay\",\"ments\")";
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        var table = ImportFileReader.Read("a.xlsx", stream.ToArray());

        var row = Assert.Single(table.Rows);
        Assert.Equal("2026-11-20T08:15:00Z", row["LastActivityUtc"]);
        Assert.Contains("Team", row.FormulaCells);
        Assert.Equal(2, row.RowNumber);
    }
}

public class ImportFileReaderFieldCountTests
{
    [Theory]
    [InlineData("Name,Team\nsvc-a,Pay\nsvc-b,Pay,extra\n", "Row 3 has 3 fields")]
    [InlineData("Name,Team,Purpose\nsvc-a,Pay,x\nsvc-b,Pay\n", "Row 3 has 2 fields")]
    [InlineData("Name;Team\nsvc-a;Pay;x;y\n", "Row 2 has 4 fields")]
    public void Read_CsvRowWithMoreOrFewerFieldsThanTheHeader_IsRefusedWithItsRowNumber(string csv, string expected)
    {
        var error = Assert.Throws<ImportFileException>(() => ImportFileReader.Read("a.csv", Encoding.UTF8.GetBytes(csv)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CsvQuotedDelimiterAndBlankLines_AreNotMiscounted()
    {
        var table = ImportFileReader.Read("a.csv", Encoding.UTF8.GetBytes("Name,Team\n\"svc,a\",Pay\n\n,\nsvc-b,\n"));

        Assert.Equal(["svc,a", "svc-b"], table.Rows.Select(r => r["Name"]));
    }
}
