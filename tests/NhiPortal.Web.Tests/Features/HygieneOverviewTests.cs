using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Web.Features.Hygiene;

namespace NhiPortal.Web.Tests.Features;

public class HygieneOverviewTests : NhiBunitContext
{
    public HygieneOverviewTests()
    {
        Services.AddSingleton(TimeProvider.System);
        SignInAs("Ada", PortalRole.Administrator);
    }

    [Fact]
    public void Overview_ShowsScoreGradeShareAndLinksEachGradeToItsList()
    {
        var view = Render<HygieneOverview>(p => p.Add(x => x.Dashboard, FakeHygiene.Sample()));

        var score = view.Find("[data-testid=org-score]").TextContent;
        Assert.Contains("71.4", score, StringComparison.Ordinal);
        Assert.Contains("C", view.Find("[data-testid=org-score] .nhi-grade").TextContent, StringComparison.Ordinal);
        Assert.Contains("87%", score, StringComparison.Ordinal);
        Assert.Equal(["identities?grade=A", "identities?grade=B", "identities?grade=C", "identities?grade=D", "identities?grade=F"],
            view.FindAll("[data-testid=grade-distribution] a").Select(a => a.GetAttribute("href")));
        Assert.Contains("NHI7 Long-Lived Secrets", view.Find("[data-testid=owasp-categories]").TextContent, StringComparison.Ordinal);
        Assert.Contains("svc-worst", view.Find("[data-testid=worst-identities]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Overview_BeforeAnyRescore_SaysSo()
    {
        var empty = FakeHygiene.Sample() with { OrganisationScore = null };

        var view = Render<HygieneOverview>(p => p.Add(x => x.Dashboard, empty));

        Assert.Contains("No hygiene scores yet", view.Markup, StringComparison.Ordinal);
        Assert.Empty(view.FindAll("[data-testid=org-score]"));
    }

    [Fact]
    public void GradeChip_DerivesTheGradeFromTheScore()
    {
        var chip = Render<NhiPortal.Web.Components.Shared.GradeChip>(p => p.Add(x => x.Score, 74));

        Assert.StartsWith("C", chip.Find(".nhi-grade").TextContent, StringComparison.Ordinal);
        Assert.Contains("nhi-grade-c", chip.Markup, StringComparison.Ordinal);
    }
}
