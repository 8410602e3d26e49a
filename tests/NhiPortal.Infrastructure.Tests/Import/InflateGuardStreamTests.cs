using System.Text;
using NhiPortal.Core.Import;
using NhiPortal.Infrastructure.Import;

namespace NhiPortal.Infrastructure.Tests.Import;

public class InflateGuardStreamTests
{
    private static void ReadAll(Stream stream)
    {
        var buffer = new byte[8192];
        while (stream.Read(buffer, 0, buffer.Length) > 0)
        {
        }
    }

    [Fact]
    public void Read_PastTheDeclaredSize_IsRefused()
    {
        using var guard = new InflateGuardStream(new MemoryStream(new byte[10_000]), "xl/worksheets/sheet1.xml", declared: 4_000);

        var error = Assert.Throws<ImportFileException>(() => ReadAll(guard));

        Assert.Contains("more than the 4,000 bytes it declares", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ATagLongerThanTheLimit_IsRefused_ButLongTextIsNot()
    {
        var longTag = Encoding.ASCII.GetBytes("<c r=\"" + new string('A', XlsxLimits.MaxTagBytes + 10) + "\">");
        var longText = Encoding.ASCII.GetBytes("<t>" + new string('x', XlsxLimits.MaxTagBytes * 3) + "</t>");

        Assert.Throws<ImportFileException>(() => ReadAll(new InflateGuardStream(new MemoryStream(longTag), "p", longTag.Length)));
        ReadAll(new InflateGuardStream(new MemoryStream(longText), "p", longText.Length));
    }
}
