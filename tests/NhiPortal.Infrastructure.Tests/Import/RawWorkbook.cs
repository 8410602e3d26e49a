using System.IO.Compression;
using System.Text;

namespace NhiPortal.Infrastructure.Tests.Import;

/// <summary>
/// Writes minimal .xlsx packages part by part through a deflate stream, so a test can build a hostile workbook (a sheet
/// that unpacks to hundreds of MB, a size that lies) while the file itself stays small.
/// </summary>
internal static class RawWorkbook
{
    public const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static byte[] Build(Action<TextWriter> sheet, Action<TextWriter>? sharedStrings = null)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", w => w.Write(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
                "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>" +
                (sharedStrings is null ? "" : "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>") +
                "</Types>"));
            Part(zip, "_rels/.rels", w => w.Write(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"));
            Part(zip, "xl/workbook.xml", w => w.Write(
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{Main}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
                "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"));
            Part(zip, "xl/_rels/workbook.xml.rels", w => w.Write(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
                "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>" +
                (sharedStrings is null ? "" : "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>") +
                "</Relationships>"));
            Part(zip, "xl/styles.xml", w => w.Write(
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"{Main}\"><fonts count=\"1\"><font/></fonts><fills count=\"1\"><fill/></fills>" +
                "<borders count=\"1\"><border/></borders><cellStyleXfs count=\"1\"><xf/></cellStyleXfs><cellXfs count=\"1\"><xf numFmtId=\"0\"/></cellXfs></styleSheet>"));
            Part(zip, "xl/worksheets/sheet1.xml", w =>
            {
                w.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Main}\"><sheetData>");
                sheet(w);
                w.Write("</sheetData></worksheet>");
            });
            if (sharedStrings is not null)
            {
                Part(zip, "xl/sharedStrings.xml", w =>
                {
                    w.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{Main}\">");
                    sharedStrings(w);
                    w.Write("</sst>");
                });
            }
        }
        return output.ToArray();
    }

    public static string Cell(string reference, string text) =>
        $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(text)}</t></is></c>";

    public static void Repeat(TextWriter w, char c, long count)
    {
        var chunk = new string(c, 64 * 1024);
        for (var left = count; left > 0; left -= chunk.Length)
        {
            w.Write(chunk.AsSpan(0, (int)Math.Min(chunk.Length, left)));
        }
    }

    /// <summary>Rewrites the uncompressed size an entry declares (local header and central directory) to a lie.</summary>
    public static byte[] WithDeclaredSize(byte[] zip, string entryName, uint declared)
    {
        var name = Encoding.UTF8.GetBytes(entryName);
        var patched = (byte[])zip.Clone();
        for (var i = 0; i + 46 < patched.Length; i++)
        {
            var signature = BitConverter.ToUInt32(patched, i);
            if (signature == 0x04034b50 && Matches(patched, i + 30, BitConverter.ToUInt16(patched, i + 26), name))
            {
                BitConverter.GetBytes(declared).CopyTo(patched, i + 22);
            }
            else if (signature == 0x02014b50 && Matches(patched, i + 46, BitConverter.ToUInt16(patched, i + 28), name))
            {
                BitConverter.GetBytes(declared).CopyTo(patched, i + 24);
            }
        }
        return patched;
    }

    private static bool Matches(byte[] data, int offset, int length, byte[] name) =>
        length == name.Length && offset + length <= data.Length && data.AsSpan(offset, length).SequenceEqual(name);

    private static void Part(ZipArchive zip, string name, Action<TextWriter> write)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        write(writer);
    }
}
