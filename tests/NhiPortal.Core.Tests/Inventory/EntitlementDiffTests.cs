using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Tests.Inventory;

public class EntitlementDiffTests
{
    [Fact]
    public void TheSameEntitlementsInAnotherOrder_AreNoChange() => Assert.False(EntitlementDiff.Of(["b", "a"], ["a", "b"]).Any);

    [Fact]
    public void GainedAndLost_AreNamed_Exactly()
    {
        var diff = EntitlementDiff.Of(["reader", "Writer"], ["writer", "reader", "db_owner"]);

        Assert.Equal(["db_owner", "writer"], diff.Added);
        Assert.Equal(["Writer"], diff.Removed);
        Assert.Equal("gained db_owner, writer; lost Writer", diff.Describe());
    }
}
