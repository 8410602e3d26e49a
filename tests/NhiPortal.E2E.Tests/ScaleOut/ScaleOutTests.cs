using System.Net;
using Microsoft.Playwright;
using NhiPortal.E2E.Tests.Browser;
using NhiPortal.E2E.Tests.Http;
using NhiPortal.Tests.Shared;
using Npgsql;

namespace NhiPortal.E2E.Tests.ScaleOut;

/// <summary>
/// Two instances on one PostgreSQL database behind nginx: sessions, circuits and follow-ups across them. Alone, after
/// the other collections: five servers of its own would otherwise slow the other browser tests on two cores.
/// </summary>
[Collection(Name)]
public class ScaleOutTests(ScaleOutHost host, BrowserFixture browser) : IClassFixture<ScaleOutHost>, IClassFixture<BrowserFixture>
{
    public const string Name = "scale-out";

    [Fact]
    public async Task ASignInThroughTheProxy_IsHttps_AndItsSessionIsValidOnEitherInstance()
    {
        using var session = new CookieSession(host.ProxyUrl, host.TrustingHandler());

        var signedIn = await DevSignIn.SignInAsync(session, "/identities", "admin");

        Assert.True(signedIn.Headers.Location?.OriginalString == "/identities",
            $"{signedIn.StatusCode} {signedIn.Headers.Location}\nA:\n{host.A.Output[^Math.Min(6000, host.A.Output.Length)..]}\nB:\n{host.B.Output[^Math.Min(6000, host.B.Output.Length)..]}\nnginx: {host.Proxy.ErrorLog}");
        // The portal saw https through the forwarded headers: the provider accepts only the https proxy origin as a
        // redirect URI there (an http one would be refused), so the sign-in completing shows it.
        Assert.Single(session.SetCookies, c => c.StartsWith("nhiportal.session=", StringComparison.Ordinal));
        // The same cookie, straight to each instance (keys shared in the database, one certificate): signed in on both.
        // Production refuses plain http, so the request says https as the proxy would (the test runs on its address).
        foreach (var instance in new[] { host.A, host.B })
        {
            var page = await session.GetAsync(instance.BaseUrl + "/identities", new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https" });
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{page.StatusCode}\n{instance.Output[^Math.Min(8000, instance.Output.Length)..]}");
            Assert.Contains("data-testid=\"identity-grid\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task FollowUpsInTheSharedOutbox_AreEachDoneOnce_ByEitherInstance()
    {
        // Sixty rescore follow-ups, as the portal writes them, straight into the one outbox both dispatchers poll.
        await ExecuteAsync("""
            INSERT INTO "Outbox" ("Id", "Type", "OccurredUtc", "Actor", "SubjectType", "SubjectId", "PayloadJson", "Attempts", "NextAttemptUtc")
            SELECT gen_random_uuid(), 'hygiene.rescore', now(), 'scale-out-test', 'Identities', i."Id"::text,
                   json_build_object('IdentityIds', json_build_array(i."Id"), 'All', false, 'Why', 'scale-out test')::text, 0, now()
            FROM (SELECT "Id" FROM "Identities" ORDER BY "Id" LIMIT 60) AS i
            """);

        var deadline = DateTime.UtcNow.AddSeconds(90);
        (long Total, long Pending, long Repeated) outbox;
        do
        {
            await Task.Delay(500);
            outbox = await OutboxAsync();
        }
        while (outbox.Pending > 0 && DateTime.UtcNow < deadline);

        Assert.Equal((60L, 0L, 0L), outbox);
    }

    [Fact]
    public async Task ARunHeldByAnInstanceThatIsKilled_IsFinishedByTheOther_RepeatingOnlyWhatItHadNotRecorded()
    {
        // Test data: 24 active credentials gathered on one identity (its own first), kept in the webhook connector's store.
        var identity = (Guid)(await ScalarAsync("""SELECT "Id" FROM "Identities" WHERE "LifecycleState" = 'Active' ORDER BY "Name" LIMIT 1"""))!;
        await ExecuteAsync($"""
            UPDATE "Credentials" SET "IdentityId" = '{identity}', "Store" = '{ScaleOutHost.WebhookConnectorName}'
            WHERE "Id" IN (SELECT "Id" FROM "Credentials" WHERE "State" = 'Active' ORDER BY COALESCE("IdentityId" = '{identity}', false) DESC, "Id" LIMIT 24)
            """);
        var (context, page) = await SignedInPageAsync();
        try
        {
            await UpstreamAsync(page, $"/identities/{identity}");
            host.Webhook.Hold(answered: 6);
            await page.GetByTestId("revoke-all").ClickAsync();
            await PortalPage.Field(page, "revoke-reason").FillAsync("INC-2026-1202 scale-out handover drill");
            await page.GetByTestId("revoke-confirm").ClickAsync();
            await page.WaitForURLAsync("**/revocations/**");
            var runId = Guid.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..]);
            // Halfway: the six answered revocations recorded, and the executor waiting on the held ones.
            await WaitAsync(async () => host.Webhook.Held > 0 && await RecordedAsync(runId) >= 6, "the run to record the answered revocations");
            // Either instance may have claimed it (the one that recorded it, or the other's poll): its holder says which.
            var holder = (string)(await ScalarAsync($"""SELECT "Holder" FROM "RevocationRuns" WHERE "Id" = '{runId}'"""))!;
            var (executing, other) = int.Parse(holder.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture) == host.A.ProcessId ? (host.A, host.B) : (host.B, host.A);
            Assert.Contains($":{executing.ProcessId}:", holder, StringComparison.Ordinal);

            // The executing instance dies mid-run; what it recorded stays done, the rest waits for a live instance.
            executing.Stop();
            // A request the dead process had already sent may still be read by the receiver: let it settle.
            await Task.Delay(1_000);
            var received = host.Webhook.Received;
            var recorded = await RecordedAsync(runId);
            host.Webhook.Release();
            await WaitAsync(async () => (string?)await ScalarAsync($"""SELECT "Status" FROM "RevocationRuns" WHERE "Id" = '{runId}'""") == "Completed",
                "the other instance to take the run over and finish it");

            Assert.Equal(24L, await ScalarAsync($"""SELECT COUNT(*) FROM "RevocationSteps" WHERE "RunId" = '{runId}' AND "Status" = 'Verified'"""));
            Assert.Equal(24, host.Webhook.Revocations.Count);
            Assert.Equal(0, host.Webhook.BadSignatures);
            Assert.InRange(recorded, 6, 23);
            // Only requests the dead instance sent but never recorded can go out twice.
            var repeated = host.Webhook.Revocations.Values.Sum(n => n - 1);
            Assert.InRange(repeated, 0, received - recorded);
            Assert.Equal(0L, await ScalarAsync($"""SELECT COUNT(*) FROM "Credentials" WHERE "Store" = '{ScaleOutHost.WebhookConnectorName}' AND "State" = 'Active'"""));

            // The run page, reloaded through the proxy, now comes from the survivor and shows the run done.
            Assert.Equal(new Uri(other.BaseUrl).Authority, await UpstreamAsync(page, $"/revocations/{runId}"));
            await Assertions.Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Completed");
            await PortalPage.ScreenshotAsync(page, "scale-out-run-taken-over");
        }
        finally
        {
            host.Webhook.Release();
            await EnsureRunningAsync(host.A);
            await EnsureRunningAsync(host.B);
            await context.CloseAsync();
        }
    }

    private async Task<long> RecordedAsync(Guid runId) =>
        (long)(await ScalarAsync($"""SELECT COUNT(*) FROM "RevocationSteps" WHERE "RunId" = '{runId}' AND "Status" <> 'Pending'"""))!;

    private static async Task WaitAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited 90 s for {what}.");
            await Task.Delay(250);
        }
    }

    private async Task<(IBrowserContext, IPage)> SignedInPageAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true, ViewportSize = new() { Width = 1500, Height = 950 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.ProxyUrl + "/identities");
        await page.WaitForURLAsync("**/dev-idp/login**");
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", "demo");
        await page.ClickAsync("#sign-in");
        try
        {
            await page.Locator("[data-circuit=live]").WaitForAsync();
        }
        catch (TimeoutException)
        {
            await PortalPage.ScreenshotAsync(page, "scale-out-debug");
            Assert.Fail($"{page.Url}\nnginx: {host.Proxy.ErrorLog}\n{host.Proxy.AccessLog}");
        }
        return (context, page);
    }

    [Fact]
    public async Task ABrowser_StaysOnOneInstance_KeepsWorkingWhenTheOtherStops_AndMovesWhenItsOwnStops()
    {
        var (context, page) = await SignedInPageAsync();
        var pinned = await UpstreamAsync(page, "/identities");
        Assert.Equal(pinned, await UpstreamAsync(page, "/credentials"));
        var (pinnedInstance, other) = pinned == new Uri(host.A.BaseUrl).Authority ? (host.A, host.B) : (host.B, host.A);
        try
        {
            other.Stop();

            // A new page load still reaches the pinned instance, and its circuit answers: the grid's next page.
            Assert.Equal(pinned, await UpstreamAsync(page, "/identities"));
            var firstRow = page.GetByTestId("identity-grid").Locator("tbody tr").First;
            var first = await firstRow.InnerTextAsync();
            await page.ClickAsync(".mud-table-pagination-actions button[aria-label=\"Next page\"]");
            await Assertions.Expect(firstRow).Not.ToHaveTextAsync(first);
            await PortalPage.ScreenshotAsync(page, "scale-out-after-other-instance-stopped");

            // Now the pinned one goes: the next page load comes from the other, still signed in, with a new circuit.
            await EnsureRunningAsync(other);
            pinnedInstance.Stop();
            Assert.Equal(new Uri(other.BaseUrl).Authority, await UpstreamAsync(page, "/identities"));
            await page.GetByTestId("identity-grid").Locator("tbody tr").First.WaitForAsync();
        }
        finally
        {
            await EnsureRunningAsync(host.A);
            await EnsureRunningAsync(host.B);
            await context.CloseAsync();
        }
    }

    private async Task EnsureRunningAsync(PortalProcess instance)
    {
        if (!await AnswersAsync(instance))
        {
            instance.Stop();
            await instance.StartAsync(host.Instance(instance, seed: false));
        }
    }

    private static async Task<bool> AnswersAsync(PortalProcess instance)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            return (await http.GetAsync(instance.BaseUrl + "/health/live")).IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    // Loads the page (its circuit attached), then asks which instance this browser is sent to: a request from the
    // page carries its affinity cookie, as its navigations do.
    // When its instance has gone, the page's reconnect script reloads it (the new instance cannot resume the
    // circuit); a navigation started meanwhile is aborted by that reload, so it is tried again.
    private static async Task<string> UpstreamAsync(IPage page, string path)
    {
        var url = page.Url[..page.Url.IndexOf('/', "https://".Length)] + path;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.GotoAsync(url);
                break;
            }
            catch (PlaywrightException ex) when (attempt < 4 && ex.Message.Contains("ERR_ABORTED", StringComparison.Ordinal))
            {
                await page.WaitForLoadStateAsync(LoadState.Load);
            }
        }
        await page.Locator("[data-circuit=live]").WaitForAsync();
        return await page.EvaluateAsync<string>($"async () => (await fetch('/health/live')).headers.get('{NginxServer.UpstreamHeader}')");
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(host.DatabaseConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(host.DatabaseConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<(long Total, long Pending, long Repeated)> OutboxAsync()
    {
        await using var connection = new NpgsqlConnection(host.DatabaseConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT COUNT(*), COUNT(*) FILTER (WHERE "CompletedUtc" IS NULL), COUNT(*) FILTER (WHERE "Attempts" <> 1)
            FROM "Outbox" WHERE "Actor" = 'scale-out-test'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
