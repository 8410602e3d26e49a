using System.Net;
using Microsoft.Playwright;
using NhiPortal.E2E.Tests.Browser;

namespace NhiPortal.E2E.Tests.Api;

/// <summary>
/// Campaigns through the API, a page at a time, and decisions held to the pages' rule: an item is decided by the
/// person it is assigned to, or by an API client of that person, under the client's own name.
/// </summary>
[Collection(ApiPortalCollection.Name)]
public class ApiReviewTests(ApiPortalHost host, BrowserFixture browser)
{
    [Fact]
    public async Task Campaigns_AreListedAsTheDatabaseHoldsThem_AndAnUnknownOneIs404()
    {
        using var auditor = await ApiClient.ForAsync(host, "nhi-automation-auditor");

        using var list = await auditor.GetAsync("/api/v1/campaigns?limit=500");
        using var unknown = await auditor.GetAsync($"/api/v1/campaigns/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(await host.CountAsync("SELECT COUNT(*) FROM ReviewCampaigns"), (await ApiClient.JsonAsync(list)).GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AClientOfTheReviewer_PagesItsOwnersQueue_DecidesOneUnderItsName_AndIsRefusedAnotherReviewersItem()
    {
        var operatorPage = await PortalPage.SignInAsync(browser, host, "operator", "/reviews");
        await operatorPage.GetByTestId("new-campaign").ClickAsync();
        await PortalPage.Field(operatorPage, "campaign-name").FillAsync("API review");
        await PortalPage.PickAsync(operatorPage, "campaign-fallback", "Sam", "Sam Operator");
        await operatorPage.GetByTestId("campaign-start").ClickAsync();
        await operatorPage.WaitForURLAsync("**/reviews/**");
        await Assertions.Expect(operatorPage.GetByTestId("campaign-status")).ToHaveTextAsync("Active");
        var campaignId = new Uri(operatorPage.Url).Segments[^1];
        await operatorPage.Context.CloseAsync();
        // The demo automation clients are owned by the demo administrator: the reviewer client works that person's queue.
        var owners = $"SELECT COUNT(*) FROM ReviewItems i JOIN StaffMembers s ON s.Id = i.ReviewerId WHERE s.Subject = 'demo-admin' AND i.Status = 'Pending' AND i.CampaignId = '{campaignId.ToUpperInvariant()}'";
        var expected = await host.CountAsync(owners);
        Assert.True(expected >= 3, $"the demo administrator has {expected} items");
        using var reviewer = await ApiClient.ForAsync(host, "nhi-automation-reviewer");
        using var auditor = await ApiClient.ForAsync(host, "nhi-automation-auditor");

        var ids = new List<long>();
        string? cursor = null;
        do
        {
            var page = await ApiClient.JsonAsync(await reviewer.GetAsync($"/api/v1/review-items?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}"));
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        var progress = await ApiClient.JsonAsync(await auditor.GetAsync($"/api/v1/campaigns/{campaignId}"));
        var first = ids[0];
        var version = await host.CountAsync($"SELECT Version FROM ReviewItems WHERE Id = {first}");
        using var decided = await reviewer.PostAsync($"/api/v1/review-items/{first}/decision",
            ApiAuthenticationTests.Json($$"""{"version":{{version}},"decision":"Keep","justification":"still needed for nightly billing"}"""));
        var notMine = await host.CountAsync($"SELECT MIN(i.Id) FROM ReviewItems i JOIN StaffMembers s ON s.Id = i.ReviewerId WHERE s.Subject <> 'demo-admin' AND i.CampaignId = '{campaignId.ToUpperInvariant()}'");
        using var refused = await reviewer.PostAsync($"/api/v1/review-items/{notMine}/decision",
            ApiAuthenticationTests.Json("""{"version":0,"decision":"Keep","justification":"still needed for nightly billing"}"""));
        using var bad = await reviewer.PostAsync($"/api/v1/review-items/{first}/decision", ApiAuthenticationTests.Json("""{"version":0,"decision":"Maybe"}"""));

        Assert.Equal(expected, ids.Count);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(await host.CountAsync($"SELECT COUNT(*) FROM ReviewItems WHERE CampaignId = '{campaignId.ToUpperInvariant()}'"),
            progress.GetProperty("campaign").GetProperty("items").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, decided.StatusCode);
        Assert.Equal(1, await host.CountAsync($"SELECT COUNT(*) FROM ReviewItems WHERE Id = {first} AND DecidedBy = 'client:nhi-automation-reviewer' AND Decision = 'Keep'"));
        Assert.Equal(1, await host.CountAsync($"SELECT COUNT(*) FROM AuditEvents WHERE Type = 'ReviewItemDecided' AND TargetId = '{first}' AND Actor = 'client:nhi-automation-reviewer'"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("decision", (await ApiClient.JsonAsync(bad)).GetProperty("field").GetString());
        Assert.Equal(expected - 1, await host.CountAsync(owners));
    }
}
