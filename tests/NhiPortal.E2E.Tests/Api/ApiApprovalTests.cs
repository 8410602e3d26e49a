using System.Net;
using Microsoft.Playwright;
using NhiPortal.E2E.Tests.Browser;

namespace NhiPortal.E2E.Tests.Api;

/// <summary>
/// Four eyes through the API and the portal: a script asks to revoke more than the threshold, the request waits; the
/// client's owner may not approve it, another operator does in the browser, and the run it starts is the API's to follow.
/// </summary>
[Collection(ApiPortalCollection.Name)]
public class ApiApprovalTests(ApiPortalHost host, BrowserFixture browser)
{
    private const string Reason = "INC-4242 scripted cleanup of SSH keys";

    [Fact]
    public async Task ABulkRevocation_WaitsForASecondPerson_WhoApprovesItInThePortal_AndTheRunItStartsIsFollowedThroughTheApi()
    {
        using var operatorClient = await ApiClient.ForAsync(host, "nhi-automation-operator");
        var credentials = (await ApiClient.JsonAsync(await operatorClient.GetAsync("/api/v1/credentials?kind=SshKey&state=Active&limit=4")))
            .GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal(4, credentials.Count);
        var body = $$"""{"reason":"{{Reason}}","credentialIds":[{{string.Join(",", credentials.Select(c => $"\"{c}\""))}}],"includeManual":true}""";
        var runsBefore = await host.CountAsync("SELECT COUNT(*) FROM RevocationRuns");

        Task<HttpResponseMessage> PostAsync() => operatorClient.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/revocations")
        {
            Content = ApiAuthenticationTests.Json(body), Headers = { { "Idempotency-Key", "approval-e2e-1" } },
        });
        using var first = await PostAsync();
        using var again = await PostAsync();

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, again.StatusCode));
        var approval = await ApiClient.JsonAsync(first);
        var id = approval.GetProperty("id").GetString();
        Assert.Equal($"/api/v1/approvals/{id}", first.Headers.Location?.ToString());
        Assert.Equal(id, (await ApiClient.JsonAsync(again)).GetProperty("id").GetString());
        Assert.Equal("Pending", approval.GetProperty("state").GetString());
        Assert.Equal(1, await host.CountAsync($"SELECT COUNT(*) FROM ApprovalRequests WHERE Summary LIKE '%INC-4242%'"));
        Assert.Equal(runsBefore, await host.CountAsync("SELECT COUNT(*) FROM RevocationRuns"));

        // The client's owner (the demo administrator) may not approve their own script's request.
        var owner = await PortalPage.SignInAsync(browser, host, "admin", "/approvals");
        var ownersRow = owner.GetByTestId("approvals-table").Locator("tbody tr", new() { HasText = "INC-4242" });
        await Assertions.Expect(ownersRow).ToContainTextAsync("Pending");
        await Assertions.Expect(ownersRow.GetByTestId("approve")).ToHaveCountAsync(0);
        await owner.Context.CloseAsync();

        var second = await PortalPage.SignInAsync(browser, host, "operator", "/approvals");
        var row = second.GetByTestId("approvals-table").Locator("tbody tr", new() { HasText = "INC-4242" });
        await row.GetByTestId("approve").ClickAsync();
        await PortalPage.Field(second, "approval-note", "textarea").FillAsync("Checked the key list with the platform team");
        await second.GetByTestId("approval-save").ClickAsync();
        await Assertions.Expect(second.GetByTestId("approval-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(row.GetByTestId("approval-state")).ToHaveTextAsync("Approved");
        await Assertions.Expect(row.GetByTestId("approval-outcome")).ToContainTextAsync("Revocation run");
        await PortalPage.ScreenshotAsync(second, "approvals");
        await second.Context.CloseAsync();

        var decided = await ApiClient.JsonAsync(await operatorClient.GetAsync($"/api/v1/approvals/{id}"));
        Assert.Equal(("Approved", "Sam Operator"), (decided.GetProperty("state").GetString(), decided.GetProperty("decidedByName").GetString()));
        var runId = decided.GetProperty("runId").GetString();
        HttpStatusCode status = default;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline && status != HttpStatusCode.OK; await Task.Delay(250))
        {
            using var run = await operatorClient.GetAsync($"/api/v1/revocations/{runId}");
            status = run.StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4, await host.CountAsync($"SELECT COUNT(*) FROM RevocationSteps WHERE lower(RunId) = lower('{runId}')"));
    }
}
