using Bunit;
using NhiPortal.Core.Access;
using NhiPortal.Web.Components.Layout;

namespace NhiPortal.Web.Tests.Components;

public class NavMenuTests : NhiBunitContext
{
    private IReadOnlyList<string> RenderedLinks()
    {
        var menu = Render<NavMenu>();
        return menu.FindAll("a").Select(a => a.Id ?? "").ToList();
    }

    [Fact]
    public void NavMenu_Administrator_SeesEveryLinkIncludingAdministration()
    {
        SignInAs("Ada", PortalRole.Administrator);

        Assert.Equal(["nav-dashboard", "nav-audit", "nav-sign-in-settings"], RenderedLinks());
    }

    [Theory]
    [InlineData(PortalRole.SecurityOperator)]
    [InlineData(PortalRole.Reviewer)]
    [InlineData(PortalRole.Auditor)]
    public void NavMenu_NonAdministrator_DoesNotSeeAdministration(PortalRole role)
    {
        SignInAs("Someone", role);

        Assert.Equal(["nav-dashboard", "nav-audit"], RenderedLinks());
    }

    [Fact]
    public void NavMenu_SignedInWithoutRole_SeesNoLinks()
    {
        SignInAs("Vic");

        Assert.Empty(RenderedLinks());
    }
}
