using NhiPortal.Core.Credentials;

namespace NhiPortal.Core.Tests.Credentials;

public class FingerprintTests
{
    [Fact]
    public void OfSecret_IsSha256Hex_AndShowsOnlyAShortForm()
    {
        var fingerprint = Fingerprint.OfSecret("hunter2");

        Assert.Equal("f52fbd32b2b3b86ff88ef6c490628285f482af15ddcb29541f94bcf526a3f6c7", fingerprint.Value);
        Assert.Equal("f52fbd32…f6c7", fingerprint.Short);
        Assert.Equal(fingerprint.Short, fingerprint.ToString());
    }

    [Theory]
    [InlineData("AB:CD:EF:01:23:45:67:89", "abcdef0123456789")]
    [InlineData("  0123456789abcdef0123  ", "0123456789abcdef0123")]
    public void Parse_NormalisesColonsCaseAndSpace(string input, string expected) =>
        Assert.Equal(expected, Fingerprint.Parse(input).Value);

    [Theory]
    [InlineData("password123")]
    [InlineData("abc")]
    [InlineData("zzzzzzzzzzzzzzzzzzzz")]
    public void Parse_NotHexOrTooShort_Throws(string input) =>
        Assert.Throws<FormatException>(() => Fingerprint.Parse(input));
}
