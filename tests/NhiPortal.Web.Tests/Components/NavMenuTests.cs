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

        Assert.Equal(["nav-dashboard", "nav-identities", "nav-credentials", "nav-orphans", "nav-staff", "nav-teams", "nav-hygiene-policy", "nav-anomalies", "nav-my-identities", "nav-requests", "nav-my-reviews", "nav-follow-ups", "nav-import",
            "nav-audit", "nav-reviews", "nav-revocations", "nav-approvals", "nav-leaks", "nav-reports", "nav-sources", "nav-background-work", "nav-sign-in-settings", "nav-feed"], RenderedLinks());
    }

    [Fact]
    public void NavMenu_SecurityOperator_SeesImportButNotAdministration()
    {
        SignInAs("Sam", PortalRole.SecurityOperator);

        Assert.Equal(["nav-dashboard", "nav-identities", "nav-credentials", "nav-orphans", "nav-staff", "nav-teams", "nav-hygiene-policy", "nav-anomalies", "nav-my-identities", "nav-requests", "nav-my-reviews", "nav-follow-ups", "nav-import",
            "nav-audit", "nav-reviews", "nav-revocations", "nav-approvals", "nav-leaks", "nav-reports", "nav-sources", "nav-background-work"], RenderedLinks());
    }

    [Fact]
    public void NavMenu_Reviewer_SeesTheirIdentitiesButNoImportOrAdministration()
    {
        SignInAs("Riley", PortalRole.Reviewer);

        Assert.Equal(["nav-dashboard", "nav-identities", "nav-credentials", "nav-orphans", "nav-staff", "nav-teams", "nav-hygiene-policy", "nav-anomalies", "nav-my-identities", "nav-requests", "nav-my-reviews", "nav-follow-ups", "nav-audit"],
            RenderedLinks());
    }

    [Fact]
    public void NavMenu_Auditor_ReadsEverythingButCannotAttestOrImport()
    {
        SignInAs("Avery", PortalRole.Auditor);

        Assert.Equal(["nav-dashboard", "nav-identities", "nav-credentials", "nav-orphans", "nav-staff", "nav-teams", "nav-hygiene-policy", "nav-anomalies", "nav-audit", "nav-reviews", "nav-revocations", "nav-approvals", "nav-leaks", "nav-reports", "nav-sources"], RenderedLinks());
    }

    [Fact]
    public void NavMenu_SignedInWithoutRole_SeesNoLinks()
    {
        SignInAs("Vic");

        Assert.Empty(RenderedLinks());
    }
}
