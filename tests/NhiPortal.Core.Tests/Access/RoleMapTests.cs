using NhiPortal.Core.Access;

namespace NhiPortal.Core.Tests.Access;

public class RoleMapTests
{
    [Fact]
    public void Map_ValueNamedAfterRole_WithoutEntry_GrantsNothing()
    {
        var map = new RoleMap([]);
        var unmapped = new List<string>();

        Assert.Empty(map.Map(["Auditor", "Administrator"], unmapped));
        Assert.Equal(["Auditor", "Administrator"], unmapped);
    }

    [Fact]
    public void Map_ValueNamedAfterRole_WhenRoleNamesAreAcceptedAsIs_MapsWithoutEntry()
    {
        var map = new RoleMap([], acceptRoleNamesAsIs: true);

        Assert.Equal(new HashSet<PortalRole> { PortalRole.Auditor }, map.Map(["Auditor"]));
    }

    [Theory]
    [InlineData("administrator")]
    [InlineData(" Administrator ")]
    [InlineData("Administrator ")]
    [InlineData("Reviewer,SecurityOperator")]
    [InlineData("Reviewer, SecurityOperator")]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("Administrator\u0000")]
    public void Map_HostileValue_EvenWithRoleNamesAcceptedAsIs_GrantsNothing(string value)
    {
        var map = new RoleMap([], acceptRoleNamesAsIs: true);
        var unmapped = new List<string>();

        Assert.Empty(map.Map([value], unmapped));
        Assert.Equal([value], unmapped);
    }

    [Fact]
    public void Map_ConfiguredGroup_MapsToItsRole_AndUnknownValuesAreReportedUnmapped()
    {
        var map = new RoleMap([KeyValuePair.Create("nhi-admins", "Administrator"), KeyValuePair.Create("3f1c-guid", "Reviewer")]);
        var unmapped = new List<string>();

        var roles = map.Map(["NHI-ADMINS", "3f1c-guid", "everyone", "Domain Users", " 3f1c-guid"], unmapped);

        Assert.Equal(new HashSet<PortalRole> { PortalRole.Administrator, PortalRole.Reviewer }, roles);
        Assert.Equal(["everyone", "Domain Users", " 3f1c-guid"], unmapped);
    }

    [Fact]
    public void Map_NumericValue_IsNotTakenAsAnEnumOrdinal()
    {
        var map = new RoleMap([], acceptRoleNamesAsIs: true);

        Assert.Empty(map.Map(["0", "2"]));
    }

    [Fact]
    public void Constructor_EntryNamingUnknownRole_ThrowsWithTheEntry()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RoleMap([KeyValuePair.Create("ops", "Operator")]));

        Assert.Contains("'ops'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Reviewer,SecurityOperator")]
    [InlineData("Reviewer, Auditor")]
    [InlineData("1")]
    [InlineData("3")]
    [InlineData(" Administrator ")]
    [InlineData("")]
    public void Constructor_EntryNamingAListANumberOrPaddedName_Throws(string roleName)
    {
        var ex = Assert.Throws<ArgumentException>(() => new RoleMap([KeyValuePair.Create("nhi-group", roleName)]));

        Assert.Contains("'nhi-group'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_EntryNamingARoleInAnotherCase_MapsToThatRole()
    {
        var map = new RoleMap([KeyValuePair.Create("nhi-audit", "auditor")]);

        Assert.Equal(new HashSet<PortalRole> { PortalRole.Auditor }, map.Map(["nhi-audit"]));
    }
}
