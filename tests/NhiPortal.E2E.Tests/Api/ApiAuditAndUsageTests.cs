using System.Net;

namespace NhiPortal.E2E.Tests.Api;

/// <summary>The audit log as a cursor over its sequence numbers, and usage events in batches.</summary>
[Collection(ApiPortalCollection.Name)]
public class ApiAuditAndUsageTests(ApiPortalHost host)
{
    [Fact]
    public async Task TheAuditCursor_ReturnsEventsAfterASequenceNumber_OldestFirst_WithoutGapsOrRepeats()
    {
        using var auditor = await ApiClient.ForAsync(host, "nhi-automation-auditor");

        var first = await ApiClient.JsonAsync(await auditor.GetAsync("/api/v1/audit-events?after=10&limit=50"));
        var next = await ApiClient.JsonAsync(await auditor.GetAsync($"/api/v1/audit-events?limit=50&cursor={first.GetProperty("nextCursor").GetString()}"));

        var ids = first.GetProperty("items").EnumerateArray().Concat(next.GetProperty("items").EnumerateArray()).Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(11, 100).Select(i => (long)i), ids);
    }

    [Fact]
    public async Task TheAuditCursor_FiltersByStreamAndActor()
    {
        using var auditor = await ApiClient.ForAsync(host, "nhi-automation-auditor");

        var page = await ApiClient.JsonAsync(await auditor.GetAsync("/api/v1/audit-events?stream=Credential&actor=system:demo-data&limit=100"));

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, e =>
        {
            Assert.Equal("Credential", e.GetProperty("stream").GetString());
            Assert.Equal("system:demo-data", e.GetProperty("actor").GetString());
        });
    }

    [Fact]
    public async Task ATimeWithoutAZone_IsRefused()
    {
        using var auditor = await ApiClient.ForAsync(host, "nhi-automation-auditor");

        using var response = await auditor.GetAsync("/api/v1/audit-events?from=2026-01-01T00:00:00");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("from", (await ApiClient.JsonAsync(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task AUsageBatch_IsIngested_AndSetsTheCredentialsLastUse()
    {
        using var operatorClient = await ApiClient.ForAsync(host, "nhi-automation-operator");
        var row = (await ApiClient.JsonAsync(await operatorClient.GetAsync("/api/v1/credentials?state=Active&search=api-&limit=50")))
            .GetProperty("items").EnumerateArray().First(c => c.GetProperty("identityId").ValueKind == System.Text.Json.JsonValueKind.String);
        var credential = row.GetProperty("id").GetString();
        var when = DateTime.UtcNow.AddMinutes(-5).ToString("O");

        using var response = await operatorClient.PostAsync("/api/v1/usage-events", ApiAuthenticationTests.Json($$"""
            {"origin":"e2e-collector","events":[
              {"credentialId":"{{credential}}","timeUtc":"{{when}}","sourceAddress":"10.1.2.3","target":"billing-db"},
              {"store":"nowhere","storeReference":"nobody","timeUtc":"{{when}}"}]}
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await ApiClient.JsonAsync(response);
        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        Assert.Equal(1, result.GetProperty("unmatched").GetInt32());
        var identity = await ApiClient.JsonAsync(await operatorClient.GetAsync($"/api/v1/identities/{row.GetProperty("identityId").GetString()}"));
        var lastUsed = identity.GetProperty("credentials").EnumerateArray().Single(c => c.GetProperty("id").GetString() == credential).GetProperty("lastUsedUtc").GetDateTime();
        Assert.True(lastUsed >= DateTime.Parse(when, null, System.Globalization.DateTimeStyles.RoundtripKind).AddSeconds(-1), $"last used {lastUsed:O}");
    }

    [Fact]
    public async Task AnApiCall_IsAUseOfTheClientsOwnCredential()
    {
        using var auditor = await ApiClient.ForAsync(host, "nhi-automation-auditor");
        var page = await ApiClient.JsonAsync(await auditor.GetAsync("/api/v1/identities?search=nhi-automation-auditor&limit=5"));
        var id = page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "nhi-automation-auditor").GetProperty("id").GetString();

        System.Text.Json.JsonElement credential = default;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await Task.Delay(1_000);
            var identity = await ApiClient.JsonAsync(await auditor.GetAsync($"/api/v1/identities/{id}"));
            credential = identity.GetProperty("credentials").EnumerateArray().Single(c => c.GetProperty("state").GetString() == "Active");
        }
        while (credential.GetProperty("lastUsedUtc").ValueKind == System.Text.Json.JsonValueKind.Null && DateTime.UtcNow < deadline);

        // The calls above were counted per hour and handed to the usage ingest: the client's secret now has a last use.
        Assert.Equal(System.Text.Json.JsonValueKind.String, credential.GetProperty("lastUsedUtc").ValueKind);
    }

    [Theory]
    [InlineData("""{"origin":"c","events":[{"timeUtc":"2026-12-01T09:00:00Z"}]}""", "events[0]")]
    [InlineData("""{"origin":"c","events":[{"store":"s","storeReference":"r","timeUtc":"2026-12-01T09:00:00"}]}""", "events[0].timeUtc")]
    [InlineData("""{"origin":"c","events":[{"store":"s","storeReference":"r","timeUtc":"2026-12-01T09:00:00Z","count":0}]}""", "events[0].count")]
    [InlineData("""{"origin":"c","events":[{"store":"s","storeReference":"r","timeUtc":"yesterday"}]}""", "events[0].timeUtc")]
    [InlineData("""{"events":[]}""", "origin")]
    [InlineData("""{"origin":"c","events":[null]}""", "events[0]")]
    [InlineData("""{"origin":"c","events":[{"store":"s","storeReference":"r","timeUtc":"2026-12-01T09:00:00Z"},{"store":"s","storeReference":"r","timeUtc":"2099-01-01T00:00:00Z"}]}""", "events[1].timeUtc")]
    public async Task ABadUsageBatch_IsRefusedNamingTheField(string body, string field)
    {
        using var operatorClient = await ApiClient.ForAsync(host, "nhi-automation-operator");

        using var response = await operatorClient.PostAsync("/api/v1/usage-events", ApiAuthenticationTests.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await ApiClient.JsonAsync(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task AnAuditorClient_MayNotIngestUsage()
    {
        using var auditor = await ApiClient.ForAsync(host, "nhi-automation-auditor");

        using var response = await auditor.PostAsync("/api/v1/usage-events", ApiAuthenticationTests.Json("""{"origin":"c","events":[]}"""));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
