using NhiPortal.Core.Access;
using NhiPortal.Web.Features.Access;

namespace NhiPortal.Web.Tests.Components;

public class NoAccessTests : NhiBunitContext
{
    [Fact]
    public void NoAccess_WithoutRole_SaysSoAndNamesEveryRole()
    {
        SignInAs("Vic Visitor");

        var page = Render<NoAccess>();

        Assert.Contains("Vic Visitor", page.Markup, StringComparison.Ordinal);
        Assert.Contains("you hold no NhiPortal role yet", page.Markup, StringComparison.Ordinal);
        Assert.All(Enum.GetNames<PortalRole>(), role => Assert.Contains($"<strong>{role}</strong>", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void NoAccess_WithARoleThatDoesNotReach_SaysTheRolesDoNotInclude()
    {
        SignInAs("Riley", PortalRole.Reviewer);

        var page = Render<NoAccess>();

        Assert.Contains("do not include this page", page.Markup, StringComparison.Ordinal);
    }
}
