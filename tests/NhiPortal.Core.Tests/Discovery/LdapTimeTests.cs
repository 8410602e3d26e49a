using NhiPortal.Core.Discovery.Ldap;

namespace NhiPortal.Core.Tests.Discovery;

public class LdapTimeTests
{
    [Theory]
    [InlineData("20261201093000Z", 2026, 12, 1, 9, 30, 0, 0)]
    [InlineData("20231105143012.0Z", 2023, 11, 5, 14, 30, 12, 0)]
    [InlineData("20231105143012.5Z", 2023, 11, 5, 14, 30, 12, 500)]
    [InlineData("202612010930Z", 2026, 12, 1, 9, 30, 0, 0)]
    [InlineData("20261201103000+0100", 2026, 12, 1, 9, 30, 0, 0)]
    [InlineData("20261201083000-01", 2026, 12, 1, 9, 30, 0, 0)]
    public void TryParseGeneralized_ValidForms_ReadAsUtc(string text, int y, int mo, int d, int h, int mi, int s, int ms)
    {
        Assert.True(LdapTime.TryParseGeneralized(text, out var utc));
        Assert.Equal(new DateTime(y, mo, d, h, mi, s, ms, DateTimeKind.Utc), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-12-01")]
    [InlineData("20261201093000")]
    [InlineData("000001010000Z")]
    [InlineData("20261301093000Z")]
    [InlineData("20261201093000.Z")]
    public void TryParseGeneralized_Invalid_IsFalse(string text) => Assert.False(LdapTime.TryParseGeneralized(text, out _));

    [Fact]
    public void TryParseFileTime_RealValueNeverAndGarbage()
    {
        Assert.True(LdapTime.TryParseFileTime("133497072000000000", out var set));
        Assert.Equal(new DateTime(2024, 1, 14, 12, 0, 0, DateTimeKind.Utc), set);
        Assert.True(LdapTime.TryParseFileTime("0", out var zero));
        Assert.Null(zero);
        Assert.True(LdapTime.TryParseFileTime("9223372036854775807", out var never));
        Assert.Null(never);
        Assert.False(LdapTime.TryParseFileTime("-1", out _));
        Assert.False(LdapTime.TryParseFileTime("9223372036854775806", out _));
        Assert.False(LdapTime.TryParseFileTime("soon", out _));
    }
}
