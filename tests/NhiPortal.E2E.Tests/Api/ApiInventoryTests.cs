using System.Net;

namespace NhiPortal.E2E.Tests.Api;

/// <summary>Lists page with a cursor in a stable order, filter like the grids, and refuse what they do not understand.</summary>
[Collection(ApiPortalCollection.Name)]
public class ApiInventoryTests(ApiPortalHost host)
{
    [Fact]
    public async Task WalkingEveryPage_ReturnsEachIdentityOnce_AsManyAsTheDatabaseHolds()
    {
        using var auditor = await ApiClient.ForAsync(host, "nhi-automation-auditor");
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await ApiClient.JsonAsync(await auditor.GetAsync($"/api/v1/identities?limit=500{(cursor is null ? "" : $"&cursor={cursor}")}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 100);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(await host.CountAsync("SELECT COUNT(*) FROM Identities"), seen.Count);
        Assert.True(pages > 1, "the demo inventory spans several pages of 500");
    }

    [Fact]
    public async Task Filters_AreTheGridFilters()
    {
        using var auditor = await ApiClient.ForAsync(host, "nhi-automation-auditor");

        var page = await ApiClient.JsonAsync(await auditor.GetAsync("/api/v1/identities?environment=Production&state=Disabled&limit=500"));

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i =>
        {
            Assert.Equal("Production", i.GetProperty("environment").GetString());
            Assert.Equal("Disabled", i.GetProperty("state").GetString());
        });
    }

    [Theory]
    [InlineData("/api/v1/identities?enviroment=Production", "enviroment")]
    [InlineData("/api/v1/identities?environment=Moon", "environment")]
    [InlineData("/api/v1/identities?limit=501", "limit")]
    [InlineData("/api/v1/identities?cursor=bm90LWEtY3Vyc29y", "cursor")]
    [InlineData("/api/v1/credentials?state=Gone", "state")]
    public async Task AWrongParameter_IsRefusedWithAProblemNamingIt(string path, string field)
    {
        using var auditor = await ApiClient.ForAsync(host, "nhi-automation-auditor");

        using var response = await auditor.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await ApiClient.JsonAsync(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task AnIdentity_ComesWithItsCredentialsScoreAndFindings()
    {
        using var auditor = await ApiClient.ForAsync(host, "nhi-automation-auditor");
        var first = (await ApiClient.JsonAsync(await auditor.GetAsync("/api/v1/identities?search=api-&limit=1"))).GetProperty("items")[0];

        var identity = await ApiClient.JsonAsync(await auditor.GetAsync($"/api/v1/identities/{first.GetProperty("id").GetString()}"));

        Assert.Equal(first.GetProperty("name").GetString(), identity.GetProperty("identity").GetProperty("name").GetString());
        Assert.Equal(first.GetProperty("activeCredentials").GetInt32(),
            identity.GetProperty("credentials").EnumerateArray().Count(c => c.GetProperty("state").GetString() == "Active"));
        Assert.Equal(identity.GetProperty("credentials").GetArrayLength(), identity.GetProperty("credentialHygiene").GetArrayLength());
    }

    [Fact]
    public async Task AnUnknownIdentity_Is404()
    {
        using var auditor = await ApiClient.ForAsync(host, "nhi-automation-auditor");

        using var response = await auditor.GetAsync($"/api/v1/identities/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
