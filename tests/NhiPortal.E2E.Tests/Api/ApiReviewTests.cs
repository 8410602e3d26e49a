using System.Net;

namespace NhiPortal.E2E.Tests.Api;

/// <summary>Campaigns through the API, and decisions held to the pages' rule: an item is decided by the person it is assigned to.</summary>
[Collection(ApiPortalCollection.Name)]
public class ApiReviewTests(ApiPortalHost host)
{
    [Fact]
    public async Task Campaigns_AreListedAsTheDatabaseHoldsThem_AndAnUnknownOneIs404()
    {
        using var auditor = await ApiClient.ForAsync(host, "nhi-automation-auditor");

        using var list = await auditor.GetAsync("/api/v1/campaigns");
        using var unknown = await auditor.GetAsync($"/api/v1/campaigns/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(await host.CountAsync("SELECT COUNT(*) FROM ReviewCampaigns"), (await ApiClient.JsonAsync(list)).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ADecision_ByAClientNoItemIsAssignedTo_IsRefused_AndABadDecisionNamesTheField()
    {
        using var reviewer = await ApiClient.ForAsync(host, "nhi-automation-reviewer");

        using var refused = await reviewer.PostAsync("/api/v1/review-items/1/decision",
            ApiAuthenticationTests.Json("""{"version":0,"decision":"Keep","justification":"still needed for nightly billing"}"""));
        using var bad = await reviewer.PostAsync("/api/v1/review-items/1/decision", ApiAuthenticationTests.Json("""{"version":0,"decision":"Maybe"}"""));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("decision", (await ApiClient.JsonAsync(bad)).GetProperty("field").GetString());
        Assert.Equal(0, (await ApiClient.JsonAsync(await reviewer.GetAsync("/api/v1/review-items"))).GetArrayLength());
    }
}
