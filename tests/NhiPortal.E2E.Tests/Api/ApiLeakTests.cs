using System.Net;

namespace NhiPortal.E2E.Tests.Api;

/// <summary>A scanner reports a leak through the API: matched by fingerprint, never echoed, idempotent per alert id.</summary>
[Collection(ApiPortalCollection.Name)]
public class ApiLeakTests(ApiPortalHost host)
{
    [Fact]
    public async Task ALeakedValue_IsMatchedToItsCredential_NeverEchoed_AndARepeatIsTheSameReport()
    {
        using var operatorClient = await ApiClient.ForAsync(host, "nhi-automation-operator");
        // Every demo automation client holds this secret, so the report matches one of their credentials.
        var body = $$"""{"secret":"{{ApiPortalHost.AutomationSecret}}","location":"https://git.example.org/ops/playbooks/commit/4f2a","scanner":"gitleaks","externalId":"e2e-leak-1"}""";

        using var first = await operatorClient.PostAsync("/api/v1/leaks", ApiAuthenticationTests.Json(body));
        using var again = await operatorClient.PostAsync("/api/v1/leaks", ApiAuthenticationTests.Json(body));

        var text = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.DoesNotContain(ApiPortalHost.AutomationSecret, text, StringComparison.Ordinal);
        var receipt = await ApiClient.JsonAsync(first);
        // Development is not an auto-revoke environment: the owner and operators are told instead.
        Assert.Equal("OwnerNotified", receipt.GetProperty("outcome").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.String, receipt.GetProperty("credentialId").ValueKind);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(receipt.GetProperty("id").GetString(), (await ApiClient.JsonAsync(again)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task AValueNoCredentialHas_IsListedAsUnmatched()
    {
        using var operatorClient = await ApiClient.ForAsync(host, "nhi-automation-operator");

        using var response = await operatorClient.PostAsync("/api/v1/leaks", ApiAuthenticationTests.Json(
            $$"""{"secret":"{{Guid.NewGuid():N}}-shadow","location":"s3://backups/env.txt","scanner":"trufflehog"}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Unmatched", (await ApiClient.JsonAsync(response)).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task AReviewerClient_MayNotReportLeaks_AndABadReportIsRefused()
    {
        using var reviewer = await ApiClient.ForAsync(host, "nhi-automation-reviewer");
        using var operatorClient = await ApiClient.ForAsync(host, "nhi-automation-operator");

        using var refused = await reviewer.PostAsync("/api/v1/leaks", ApiAuthenticationTests.Json("""{"secret":"x-123456789","location":"repo"}"""));
        using var both = await operatorClient.PostAsync("/api/v1/leaks", ApiAuthenticationTests.Json(
            $$"""{"secret":"a-value-1234","fingerprint":"{{new string('a', 64)}}","location":"repo"}"""));
        using var unknown = await operatorClient.PostAsync("/api/v1/leaks", ApiAuthenticationTests.Json("""{"secret":"a-value-1234","location":"repo","severity":"high"}"""));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal((HttpStatusCode)422, both.StatusCode);
        Assert.DoesNotContain("a-value-1234", await both.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("severity", (await ApiClient.JsonAsync(unknown)).GetProperty("field").GetString());
    }
}
