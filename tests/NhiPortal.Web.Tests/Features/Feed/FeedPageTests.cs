using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Core.Feed;
using NhiPortal.Web.Features.Feed;

namespace NhiPortal.Web.Tests.Features;

public class FeedPageTests : NhiBunitContext
{
    [Fact]
    public void ThePage_ListsDestinationsWithTheirLagAndError_AndDisablesOne()
    {
        var feed = new FakeFeedDestinations(FakeFeedDestinations.Row("siem", lag: 12, error: "HTTP 503"), FakeFeedDestinations.Row("archive", enabled: false));
        Services.AddSingleton<IFeedDestinations>(feed);
        SignInAs("Alex Admin", PortalRole.Administrator);

        var page = Render<FeedPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=feed-row]").Count));
        Assert.Contains("HTTP 503", page.Markup, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-testid=feed-disabled]"));

        page.FindAll("[data-testid=feed-toggle]")[0].Click();

        page.WaitForAssertion(() => Assert.Equal(["disable siem"], feed.Calls));
    }

    [Fact]
    public void ThePage_WithNoDestinations_SaysSo()
    {
        Services.AddSingleton<IFeedDestinations>(new FakeFeedDestinations());
        SignInAs("Alex Admin", PortalRole.Administrator);

        var page = Render<FeedPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=feed-empty]")));
    }
}
