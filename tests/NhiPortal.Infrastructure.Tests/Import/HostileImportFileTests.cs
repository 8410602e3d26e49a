using System.Text;
using NhiPortal.Core.Import;
using NhiPortal.Infrastructure.Import;

namespace NhiPortal.Infrastructure.Tests.Import;

/// <summary>
/// Files built to exhaust the portal: each must be refused with a message naming the limit, and reading it must
/// allocate a bounded amount of memory however far the file claims or tries to unpack.
/// </summary>
public class HostileImportFileTests
{
    // Far below what the unpacked content of each file would cost if it were read whole.
    private const long MemoryBound = 150L * 1024 * 1024;

    private const long Megabyte = 1024 * 1024;

    private static ImportFileException Refused(string name, byte[] file)
    {
        Assert.True(file.Length <= ImportFileReader.MaxBytes, $"the test file itself is {file.Length:N0} bytes");
        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ImportFileException>(() => ImportFileReader.Read(name, file));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < MemoryBound, $"reading allocated {allocated / Megabyte:N0} MB; the bound is {MemoryBound / Megabyte} MB");
        return error;
    }

    private static Action<TextWriter> HeaderThen(Action<TextWriter> rest) => w =>
    {
        w.Write("<row r=\"1\">" + RawWorkbook.Cell("A1", "Name") + "</row>");
        rest(w);
    };

    private static Action<TextWriter> HugeCell(long characters) => HeaderThen(w =>
    {
        w.Write("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>");
        RawWorkbook.Repeat(w, 'a', characters);
        w.Write("</t></is></c></row>");
    });

    [Fact]
    public void Xlsx_SheetThatUnpacksToHundredsOfMegabytes_IsRefusedFromItsDeclaredSize()
    {
        var error = Refused("bomb.xlsx", RawWorkbook.Build(HugeCell(300 * Megabyte)));

        Assert.Contains("xl/worksheets/sheet1.xml", error.Message, StringComparison.Ordinal);
        Assert.Contains($"the limit is {XlsxLimits.MaxPartBytes / Megabyte} MB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_PartCompressedFarBeyondRealData_IsRefusedAsAZipBomb()
    {
        var error = Refused("ratio.xlsx", RawWorkbook.Build(HugeCell(50 * Megabyte)));

        Assert.Contains($"the limit is {XlsxLimits.MaxCompressionRatio} to 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_SizeThatLies_IsRefusedWhenTheRealContentPassesTheDeclaredSize()
    {
        // Hundreds of MB of whitespace between rows: no cell or row limit would ever stop it, only the real unpacked size.
        var file = RawWorkbook.Build(HeaderThen(w => RawWorkbook.Repeat(w, ' ', 300 * Megabyte)));
        var lying = RawWorkbook.WithDeclaredSize(file, "xl/worksheets/sheet1.xml", 900_000);

        var error = Refused("lie.xlsx", lying);

        // The zip reader stops inflating at the declared size, so the lie surfaces as a part cut short.
        Assert.Contains("'xl/worksheets/sheet1.xml' is damaged or longer than it declares", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_SizeThatLies_AboutOneHugeCell_StopsAtTheCellLimit()
    {
        var lying = RawWorkbook.WithDeclaredSize(RawWorkbook.Build(HugeCell(300 * Megabyte)), "xl/worksheets/sheet1.xml", 900_000);

        var error = Refused("lie-cell.xlsx", lying);

        Assert.Contains("A2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_600000Rows_IsRefusedAtTheRowLimitNamingTheRow()
    {
        var file = RawWorkbook.Build(HeaderThen(w =>
        {
            for (var r = 2; r <= 600_001; r++)
            {
                w.Write($"<row r=\"{r}\"><c r=\"A{r}\"><v>{r}</v></c></row>");
            }
        }));

        var error = Refused("rows.xlsx", file);

        Assert.Contains($"limit is {ImportFileReader.MaxRows:N0}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"row {ImportFileReader.MaxRows + 2:N0}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_OneHugeCell_IsRefusedNamingTheCellAndTheLimit()
    {
        var error = Refused("cell.xlsx", RawWorkbook.Build(HugeCell(900_000)));

        Assert.Contains("A2", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{ImportFileReader.MaxCellCharacters:N0} characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_HugeSharedStringsPart_IsRefusedAtTheTextBudget()
    {
        var file = RawWorkbook.Build(HeaderThen(w => w.Write("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row>")), w =>
        {
            for (var i = 0; i < 700_000; i++)
            {
                w.Write($"<si><t>svc-{i:D7}-shared-text</t></si>");
            }
        });

        var error = Refused("sst.xlsx", file);

        Assert.Contains("shared strings", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{ImportFileReader.MaxTextCharacters:N0} characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_OneHugeSharedString_IsRefusedAtTheCellLimit()
    {
        var file = RawWorkbook.Build(HeaderThen(w => w.Write("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row>")), w =>
        {
            w.Write("<si><t>");
            RawWorkbook.Repeat(w, 'b', 900_000);
            w.Write("</t></si>");
        });

        var error = Refused("sst-cell.xlsx", file);

        Assert.Contains("shared string", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"{ImportFileReader.MaxCellCharacters:N0} characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_MillionsOfTinyRows_IsRefusedAtTheRowLimitWithoutReadingThemAll()
    {
        var csv = new StringBuilder("Name\n");
        while (csv.Length < ImportFileReader.MaxBytes - 16)
        {
            csv.Append("a\n");
        }

        var error = Refused("rows.csv", Encoding.UTF8.GetBytes(csv.ToString()));

        Assert.Contains($"limit is {ImportFileReader.MaxRows:N0}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"row {ImportFileReader.MaxRows + 2:N0}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_OneHugeField_IsRefusedNamingTheRowAndColumn()
    {
        var csv = "Name,Purpose\nsvc-a," + new string('p', 2_000_000) + "\n";

        var error = Refused("cell.csv", Encoding.UTF8.GetBytes(csv));

        Assert.Contains("Row 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("Purpose", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{ImportFileReader.MaxCellCharacters:N0} characters", error.Message, StringComparison.Ordinal);
    }
}
