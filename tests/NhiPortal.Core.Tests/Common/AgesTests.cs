using NhiPortal.Core.Common;

namespace NhiPortal.Core.Tests.Common;

public class AgesTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(-30, "just now")]
    [InlineData(-90, "1 min ago")]
    [InlineData(-3 * 3600, "3 h ago")]
    [InlineData(-5 * 86400, "5 d ago")]
    [InlineData(12 * 86400, "in 12 d")]
    [InlineData(-800 * 86400, "2.2 y ago")]
    public void Describe_Offsets_ReadAsPeopleSayThem(int seconds, string expected) =>
        Assert.Equal(expected, Ages.Describe(Now.AddSeconds(seconds), Now));

    [Fact]
    public void Describe_Null_SaysNeverOrTheGivenWord()
    {
        Assert.Equal("never", Ages.Describe(null, Now));
        Assert.Equal("no expiry", Ages.Describe(null, Now, "no expiry"));
    }
}
