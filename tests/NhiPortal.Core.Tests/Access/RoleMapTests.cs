using NhiPortal.Core.Access;

namespace NhiPortal.Core.Tests.Access;

public class RoleMapTests
{
    [Fact]
    public void Map_ValueNamedAfterRole_MapsWithoutEntry()
    {
        var map = new RoleMap([]);

        Assert.Equal(new HashSet<PortalRole> { PortalRole.Auditor }, map.Map(["Auditor"]));
    }

    [Fact]
    public void Map_ConfiguredGroup_MapsToItsRole_AndUnknownValuesAreIgnored()
    {
        var map = new RoleMap([KeyValuePair.Create("nhi-admins", "Administrator"), KeyValuePair.Create("3f1c-guid", "Reviewer")]);

        var roles = map.Map(["NHI-ADMINS", "3f1c-guid", "everyone", "Domain Users"]);

        Assert.Equal(new HashSet<PortalRole> { PortalRole.Administrator, PortalRole.Reviewer }, roles);
    }

    [Fact]
    public void Map_NumericValue_IsNotTakenAsAnEnumOrdinal()
    {
        var map = new RoleMap([]);

        Assert.Empty(map.Map(["0", "2"]));
    }

    [Fact]
    public void Constructor_EntryNamingUnknownRole_ThrowsWithTheEntry()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RoleMap([KeyValuePair.Create("ops", "Operator")]));

        Assert.Contains("'ops'", ex.Message, StringComparison.Ordinal);
    }
}
