using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NhiPortal.Core.Access;
using NhiPortal.Core.Feed;
using NhiPortal.Web.Features.Feed;

namespace NhiPortal.Web.Tests.Features;

public class FeedDestinationDialogTests : NhiBunitContext
{
    private readonly FakeFeedDestinations _feed = new();

    public FeedDestinationDialogTests()
    {
        Services.AddSingleton<IFeedDestinations>(_feed);
        SignInAs("Alex Admin", PortalRole.Administrator);
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(FeedDestinationRow? row = null)
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<FeedDestinationDialog>("Add", new DialogParameters<FeedDestinationDialog> { { d => d.Destination, row } }));
        return provider;
    }

    [Fact]
    public async Task TheDialog_AddsASyslogDestination()
    {
        var provider = await OpenAsync();

        provider.Find("[data-testid=feed-name]").Input("siem");
        provider.Find("[data-testid=feed-address]").Input("127.0.0.1:6514");
        provider.Find("[data-testid=feed-save]").Click();

        provider.WaitForAssertion(() => Assert.Equal(["save siem Syslog 127.0.0.1:6514"], _feed.Calls));
    }

    [Fact]
    public async Task TheDialog_ABadAddress_ShowsWhyAndSavesNothing()
    {
        var provider = await OpenAsync();

        provider.Find("[data-testid=feed-name]").Input("siem");
        provider.Find("[data-testid=feed-address]").Input("siem.example.org");
        provider.Find("[data-testid=feed-save]").Click();

        provider.WaitForAssertion(() => Assert.Contains("host:port", provider.Find("[data-testid=feed-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(_feed.Calls);
    }

    [Fact]
    public async Task TheDialog_EditingAWebhook_ShowsItsSecretReferences()
    {
        var row = FakeFeedDestinations.Row("hook") with { Kind = FeedKind.Webhook, Address = "https://127.0.0.1/hook", SecretVariable = "FEED_SECRET" };

        var provider = await OpenAsync(row);

        Assert.Equal("FEED_SECRET", provider.Find("[data-testid=feed-secret-variable]").GetAttribute("value"));
    }
}
