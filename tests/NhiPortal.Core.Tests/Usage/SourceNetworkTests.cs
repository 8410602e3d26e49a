using NhiPortal.Core.Usage;

namespace NhiPortal.Core.Tests.Usage;

public class SourceNetworkTests
{
    [Theory]
    [InlineData("10.1.2.3", "10.1.2.0/24")]
    [InlineData(" 10.1.2.250 ", "10.1.2.0/24")]
    [InlineData("::ffff:192.168.7.9", "192.168.7.0/24")]
    [InlineData("2001:db8:abcd:12:1:2:3:4", "2001:db8:abcd:12::/64")]
    [InlineData("127.0.0.1", "127.0.0.0/24")]
    [InlineData("::1", "::1/128")]
    [InlineData(null, "unknown")]
    [InlineData("", "unknown")]
    [InlineData("not-an-address", "unknown")]
    public void Of_GroupsAddressesIntoNetworks(string? address, string expected) => Assert.Equal(expected, SourceNetwork.Of(address));

    [Fact]
    public void HourOfWeek_MondayMidnightIsSlotZero_AndTheTextFormRoundTrips()
    {
        var slots = new int[HourOfWeek.Slots];
        slots[HourOfWeek.SlotOf(new DateTime(2026, 12, 1, 3, 0, 0, DateTimeKind.Utc))] = 5;

        Assert.Equal(0, HourOfWeek.SlotOf(new DateTime(2026, 11, 30, 0, 30, 0, DateTimeKind.Utc)));
        Assert.Equal(27, HourOfWeek.SlotOf(new DateTime(2026, 12, 1, 3, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(167, HourOfWeek.SlotOf(new DateTime(2026, 12, 6, 23, 59, 0, DateTimeKind.Utc)));
        Assert.Equal(slots, HourOfWeek.Parse(HourOfWeek.Format(slots)));
        Assert.Equal("Tuesday 03:00-04:00 UTC", HourOfWeek.Describe(27));
    }
}
