using System.Net;
using System.Text.Json;

namespace NhiPortal.E2E.Tests.Api;

/// <summary>Starting runs from a playbook: idempotent retries, strict bodies, paged steps, and an API client revoked like any NHI.</summary>
[Collection(ApiPortalCollection.Name)]
public class ApiRevocationTests(ApiPortalHost host)
{
    private static StringContent Json(string body) => ApiAuthenticationTests.Json(body);

    [Fact]
    public async Task ARetryWithTheSameIdempotencyKey_ReturnsTheSameRun_AndAnotherRequestWithItIsRefused()
    {
        using var operatorClient = await ApiClient.ForAsync(host, "nhi-automation-operator");
        var identity = await FirstActiveIdentityAsync(operatorClient, "svc-");
        var body = $$"""{"reason":"INC-4711 playbook retry","identityId":"{{identity}}","includeManual":true}""";
        var runsBefore = await host.CountAsync("SELECT COUNT(*) FROM RevocationRuns");

        using var first = await Send(operatorClient, body, "retry-key-1");
        using var second = await Send(operatorClient, body, "retry-key-1");
        using var other = await Send(operatorClient, body.Replace("INC-4711", "INC-4712", StringComparison.Ordinal), "retry-key-1");
        using var wider = await Send(operatorClient, body.Replace("\"includeManual\":true", "\"includeManual\":true,\"disableIdentity\":true", StringComparison.Ordinal), "retry-key-1");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var run = (await ApiClient.JsonAsync(first)).GetProperty("id").GetString();
        Assert.Equal(run, (await ApiClient.JsonAsync(second)).GetProperty("id").GetString());
        Assert.Equal($"/api/v1/revocations/{run}", first.Headers.Location?.ToString());
        Assert.Equal((HttpStatusCode)422, other.StatusCode);
        Assert.Equal("Idempotency-Key", (await ApiClient.JsonAsync(other)).GetProperty("field").GetString());
        // The same reason and identity, but now also disabling it: another request, not a retry.
        Assert.Equal((HttpStatusCode)422, wider.StatusCode);
        Assert.Equal(runsBefore + 1, await host.CountAsync("SELECT COUNT(*) FROM RevocationRuns"));
        // The run is the client's, by name, in the log.
        Assert.True(await host.CountAsync("SELECT COUNT(*) FROM AuditEvents WHERE Actor = 'client:nhi-automation-operator' AND Type = 'RevokeRequested'") > 0);
    }

    [Theory]
    [InlineData("""{"reason":"INC-1 unknown field","identityId":"00000000-0000-0000-0000-000000000001","force":true}""", "force")]
    [InlineData("""{"identityId":"00000000-0000-0000-0000-000000000001"}""", "reason")]
    [InlineData("""{"reason":42}""", "reason")]
    [InlineData("""{"reason":"INC-1 wrong type","credentialIds":"all"}""", "credentialIds")]
    [InlineData("""{"reason":"INC-1 null","credentialIds":null,"disableIdentity":null}""", "disableIdentity")]
    public async Task ABadBody_IsRefusedNamingTheField_AndStartsNothing(string body, string field)
    {
        using var operatorClient = await ApiClient.ForAsync(host, "nhi-automation-operator");
        var runsBefore = await host.CountAsync("SELECT COUNT(*) FROM RevocationRuns");

        using var response = await operatorClient.PostAsync("/api/v1/revocations", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await ApiClient.JsonAsync(response)).GetProperty("field").GetString());
        Assert.Equal(runsBefore, await host.CountAsync("SELECT COUNT(*) FROM RevocationRuns"));
    }

    [Fact]
    public async Task AnOversizedBody_Is413()
    {
        using var operatorClient = await ApiClient.ForAsync(host, "nhi-automation-operator");
        var ids = string.Join(",", Enumerable.Range(0, 12_000).Select(_ => $"\"{Guid.NewGuid()}\""));

        using var response = await operatorClient.PostAsync("/api/v1/revocations", Json($$"""{"reason":"INC-1 huge","credentialIds":[{{ids}}]}"""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ARevokedApiClient_IsRefusedAtOnce_AndCanNoLongerGetTokens()
    {
        using var operatorClient = await ApiClient.ForAsync(host, "nhi-automation-operator");
        using var admin = await ApiClient.ForAsync(host, "nhi-automation-admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/campaigns")).StatusCode);
        var page = await ApiClient.JsonAsync(await operatorClient.GetAsync("/api/v1/identities?search=nhi-automation-admin&limit=5"));
        var identity = page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "nhi-automation-admin");
        Assert.Equal("ApiClient", identity.GetProperty("kind").GetString());
        Assert.NotNull(identity.GetProperty("ownerName").GetString());

        using var start = await operatorClient.PostAsync("/api/v1/revocations",
            Json($$"""{"reason":"INC-5000 automation client leaked","identityId":"{{identity.GetProperty("id").GetString()}}"}"""));
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var run = await WaitFinishedAsync(operatorClient, (await ApiClient.JsonAsync(start)).GetProperty("id").GetString()!);

        Assert.Equal("Completed", run.GetProperty("status").GetString());
        Assert.Equal(1, run.GetProperty("stepCounts").GetProperty("Verified").GetInt32());
        using var refused = await admin.GetAsync("/api/v1/campaigns");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("no active credential", (await ApiClient.JsonAsync(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        // The provider itself no longer takes the old secret: the connector replaced it.
        using var http = ApiClient.Anonymous(host);
        using var token = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "nhi-automation-admin", ["client_secret"] = ApiPortalHost.AutomationSecret,
        }));
        Assert.False(token.IsSuccessStatusCode);
    }

    [Fact]
    public async Task AnUnknownRun_Is404_AndStepsPageInOrder()
    {
        using var operatorClient = await ApiClient.ForAsync(host, "nhi-automation-operator");
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync($"/api/v1/revocations/{Guid.NewGuid()}")).StatusCode);
        var identity = await FirstActiveIdentityAsync(operatorClient, "bot-");
        using var start = await operatorClient.PostAsync("/api/v1/revocations", Json($$"""{"reason":"INC-77 paging steps","identityId":"{{identity}}","includeManual":true}"""));
        var run = (await ApiClient.JsonAsync(start)).GetProperty("id").GetString();

        var steps = new List<long>();
        string? cursor = null;
        do
        {
            var page = await ApiClient.JsonAsync(await operatorClient.GetAsync($"/api/v1/revocations/{run}/steps?limit=1{(cursor is null ? "" : $"&cursor={cursor}")}"));
            steps.AddRange(page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null && steps.Count < 100);

        var summary = await ApiClient.JsonAsync(await operatorClient.GetAsync($"/api/v1/revocations/{run}"));
        Assert.Equal(summary.GetProperty("stepCounts").EnumerateObject().Sum(c => c.Value.GetInt32()), steps.Count);
        Assert.Equal(steps.Order().ToList(), steps);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/revocations") { Content = Json(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static async Task<string> FirstActiveIdentityAsync(HttpClient client, string prefix)
    {
        var page = await ApiClient.JsonAsync(await client.GetAsync($"/api/v1/identities?search={prefix}&state=Active&limit=50"));
        return page.GetProperty("items").EnumerateArray().First(i => i.GetProperty("activeCredentials").GetInt32() > 0).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> WaitFinishedAsync(HttpClient client, string runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = await ApiClient.JsonAsync(await client.GetAsync($"/api/v1/revocations/{runId}"));
            if (run.GetProperty("status").GetString() is "Completed" or "PartiallyFailed" or "Interrupted" || DateTime.UtcNow > deadline)
            {
                return run;
            }
            await Task.Delay(300);
        }
    }
}
