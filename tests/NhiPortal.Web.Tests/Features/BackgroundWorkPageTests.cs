using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Core.Feed;
using NhiPortal.Core.Outbox;
using NhiPortal.Web.Features.BackgroundWork;

namespace NhiPortal.Web.Tests.Features;

public class BackgroundWorkPageTests : NhiBunitContext
{
    private static readonly DateTime Now = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    private sealed class RecordingWork : IBackgroundWork
    {
        public List<long> Retried { get; } = [];

        public Task<BackgroundWorkView> GetAsync(CancellationToken ct = default) => Task.FromResult(new BackgroundWorkView(Now,
            [
                new FollowUpRow(41, FollowUpTypes.ReviewRemediation, Now.AddMinutes(-12), "system:reviews", "campaign \"Q4\", decided by Riley Reviewer",
                    "ReviewCampaign", "c-1", 12, Now, "DbUpdateException: disk I/O error", Retried.Contains(41) ? OutboxState.Pending : OutboxState.Failed),
                new FollowUpRow(42, FollowUpTypes.Rescore, Now.AddSeconds(-3), "demo-operator", null, "Identities", "3 identities", 0, Now, null, OutboxState.Pending),
            ],
            [new FollowUpKindRow(FollowUpTypes.ReviewRemediation, 0, 1, 4, null), new FollowUpKindRow(FollowUpTypes.Rescore, 1, 0, 17, Now.AddSeconds(-3))],
            [new JobRow("reviews", Now.AddSeconds(-20), Now.AddSeconds(-19), Now.AddSeconds(-19), 812, null, "3 reminded, 0 escalated", "vm:12", 40, "vm:12:abc", Now.AddMinutes(2))],
            OrphanedRuns: 1));

        public Task RetryAsync(long sequence, CancellationToken ct = default)
        {
            Retried.Add(sequence);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public void ThePage_ShowsFailedFollowUpsWithTheirError_LagPerKind_Jobs_AndRetries()
    {
        var work = new RecordingWork();
        Services.AddSingleton<IBackgroundWork>(work);
        Services.AddSingleton<IFeedDestinations>(new FakeFeedDestinations());
        SignInAs("Sam Operator", PortalRole.SecurityOperator);

        var page = Render<BackgroundWorkPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=followup-row]").Count));
        Assert.Contains("disk I/O error", page.Markup, StringComparison.Ordinal);
        Assert.Contains("gave up", page.Find("[data-testid=followups]").TextContent, StringComparison.Ordinal);
        Assert.Contains("3 reminded", page.Find("[data-testid=jobs]").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 revocation run(s) lost their instance", page.Find("[data-testid=orphaned-runs]").TextContent, StringComparison.Ordinal);
        // Only the failed row offers a retry.
        var retry = Assert.Single(page.FindAll("[data-testid=followup-retry]"));

        retry.Click();

        page.WaitForAssertion(() => Assert.Equal([41L], work.Retried));
    }

    [Fact]
    public void ThePage_ShowsEachFeedDestinationsLagCountsAndLastError()
    {
        Services.AddSingleton<IBackgroundWork>(new RecordingWork());
        Services.AddSingleton<IFeedDestinations>(new FakeFeedDestinations(FakeFeedDestinations.Row("siem", lag: 1234, error: "127.0.0.1:6514: ConnectionRefused")));
        SignInAs("Sam Operator", PortalRole.SecurityOperator);

        var page = Render<BackgroundWorkPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=feed-lag-row]")));
        Assert.Contains("1,234 event(s)", page.Find("[data-testid=feed-lag-events]").TextContent, StringComparison.Ordinal);
        Assert.Contains("ConnectionRefused", page.Find("[data-testid=feed-last-error]").TextContent, StringComparison.Ordinal);
    }
}
