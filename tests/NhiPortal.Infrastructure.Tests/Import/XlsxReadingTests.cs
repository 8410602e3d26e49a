using ClosedXML.Excel;
using NhiPortal.Core.Import;
using NhiPortal.Infrastructure.Import;

namespace NhiPortal.Infrastructure.Tests.Import;

/// <summary>Workbooks as Excel (here ClosedXML) writes them read the same through the streaming reader.</summary>
public class XlsxReadingTests
{
    private static byte[] Save(Action<IXLWorksheet> fill)
    {
        using var workbook = new XLWorkbook();
        fill(workbook.Worksheets.Add("Data"));
        workbook.Worksheets.Add("Other").Cell(1, 1).Value = "ignored";
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    [Fact]
    public void Read_TypedCells_BecomeInvariantText()
    {
        var file = Save(sheet =>
        {
            string[] headers = ["Name", "TtlMinutes", "Shared", "LastActivityUtc", "Ratio", "Purpose"];
            for (var i = 0; i < headers.Length; i++)
            {
                sheet.Cell(1, i + 1).Value = headers[i];
            }
            sheet.Cell(2, 1).Value = "svc-ä & <b>";
            sheet.Cell(2, 2).Value = 60;
            sheet.Cell(2, 3).Value = true;
            sheet.Cell(2, 4).Value = new DateTime(2026, 11, 20, 8, 15, 30);
            sheet.Cell(2, 5).Value = 0.125;
            sheet.Cell(2, 6).Value = "Posts to the ledger";
            sheet.Cell(3, 1).Value = "svc-b";
            sheet.Cell(3, 3).Value = false;
            sheet.Cell(3, 4).Value = new DateTime(2026, 1, 2);
            sheet.Cell(3, 4).Style.NumberFormat.Format = "dd/mm/yyyy";
            sheet.Cell(3, 6).Value = "Posts to the ledger";
        });

        var table = ImportFileReader.Read("typed.xlsx", file);

        Assert.Equal(["Name", "TtlMinutes", "Shared", "LastActivityUtc", "Ratio", "Purpose"], table.Headers);
        Assert.Equal(2, table.Rows.Count);
        var first = table.Rows[0];
        Assert.Equal(("svc-ä & <b>", "60", "true", "2026-11-20T08:15:30Z", "0.125"), (first["Name"], first["TtlMinutes"], first["Shared"], first["LastActivityUtc"], first["Ratio"]));
        var second = table.Rows[1];
        Assert.Equal(("false", "2026-01-02T00:00:00Z", null), (second["Shared"], second["LastActivityUtc"], second["TtlMinutes"]));
        Assert.Equal("Posts to the ledger", second["Purpose"]);
    }

    [Fact]
    public void Read_TableNotAtA1_WithBlankRows_KeepsSheetRowNumbers()
    {
        var file = Save(sheet =>
        {
            sheet.Cell(3, 2).Value = "Name";
            sheet.Cell(3, 3).Value = "Team";
            sheet.Cell(4, 2).Value = "svc-a";
            sheet.Cell(6, 2).Value = "svc-b";
            sheet.Cell(6, 3).Value = "Payments";
        });

        var table = ImportFileReader.Read("offset.xlsx", file);

        Assert.Equal(["Name", "Team"], table.Headers);
        Assert.Equal([4, 6], table.Rows.Select(r => r.RowNumber));
        Assert.Equal("Payments", table.Rows[1]["Team"]);
        Assert.Null(table.Rows[0]["Team"]);
    }

    [Fact]
    public void Read_FormulaCells_AreMarked_EvenWhenTheyShareAFormula()
    {
        var file = Save(sheet =>
        {
            sheet.Cell(1, 1).Value = "Name";
            sheet.Cell(1, 2).Value = "Team";
            sheet.Cell(2, 1).Value = "svc-a";
            sheet.Cell(2, 2).FormulaA1 = "CONCATENATE(\"Pay\",\"ments\")";
            sheet.Cell(3, 1).FormulaA1 = "A2&\"-copy\"";
        });

        var table = ImportFileReader.Read("formula.xlsx", file);

        Assert.Equal(["Team"], table.Rows[0].FormulaCells);
        Assert.Equal(["Name"], table.Rows[1].FormulaCells);
    }

    [Fact]
    public void Read_SecretLikeCell_IsRefusedByThePlanner()
    {
        var file = Save(sheet =>
        {
            sheet.Cell(1, 1).Value = "Subject";
            sheet.Cell(1, 2).Value = "DisplayName";
            sheet.Cell(2, 1).Value = "s-1";
            sheet.Cell(2, 2).Value = "Ada eyJhbGciOi" + "JIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2ln";
        });

        var plan = ImportPlanner.Plan(ImportFileReader.Read("secret.xlsx", file), ImportKind.Staff, new ImportContext());

        Assert.Contains(plan.Errors, e => e is { RowNumber: 2, Column: "DisplayName" } && e.Reason.Contains("secret", StringComparison.Ordinal));
        Assert.Empty(plan.Staff);
    }

    [Fact]
    public void Read_ValueInAColumnWithoutHeader_IsRefusedWithRowAndCell()
    {
        var file = Save(sheet =>
        {
            sheet.Cell(1, 1).Value = "Name";
            sheet.Cell(2, 1).Value = "svc-a";
            sheet.Cell(3, 1).Value = "svc-b";
            sheet.Cell(3, 3).Value = "stray";
        });

        var error = Assert.Throws<ImportFileException>(() => ImportFileReader.Read("stray.xlsx", file));

        Assert.Contains("C3", error.Message, StringComparison.Ordinal);
        Assert.Contains("no header", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("<row r=\"1\">" + "<c r=\"A1\" t=\"s\"><v>7</v></c></row>", "shared string")]
    public void Read_EmptyOrBrokenSheet_FailsWithAClearReason(string rows, string expected)
    {
        var error = Assert.Throws<ImportFileException>(() => ImportFileReader.Read("broken.xlsx", RawWorkbook.Build(w => w.Write(rows))));

        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
