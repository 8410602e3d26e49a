using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Revocation;
using NhiPortal.Web.Features.Revocation;

namespace NhiPortal.Web.Tests.Features.Revocation;

/// <summary>The run page reads counts from the aggregate and one page of steps at a time, never the whole run, and re-reads when the run changes.</summary>
public class RevocationRunPageTests : NhiBunitContext
{
    private readonly RevocationRunEvents _events = new(TimeProvider.System, NullLogger<RevocationRunEvents>.Instance);

    public RevocationRunPageTests() => Services.AddSingleton<IRevocationRunEvents>(_events);

    private sealed class FakeRuns(int steps) : IRevocationRunQueries
    {
        private readonly Guid _id = Guid.NewGuid();

        // The executor's progress as the next read will see it.
        public volatile int Pending = 20;

        public int SummaryReads => _summaryReads;

        private int _summaryReads;

        // The page's poll asks from the renderer's thread while the test reads.
        public System.Collections.Concurrent.ConcurrentQueue<int> PageSizesAsked { get; } = new();

        public Task<RevocationRunView> GetRunAsync(Guid runId, CancellationToken ct = default) =>
            throw new InvalidOperationException("The run page must not load every step.");

        public Task<Page<RevocationRunRow>> ListRunsAsync(PageRequest page, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<RevocationRunSummary> GetSummaryAsync(Guid runId, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _summaryReads);
            var pending = Pending;
            return Task.FromResult(new RevocationRunSummary(
                _id, "INC-1 bulk", "demo-operator", "Sam Operator", DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow, null, RevocationRunStatus.Running, null, false, 1,
                new Dictionary<RevocationStepStatus, int> { [RevocationStepStatus.Verified] = steps - pending, [RevocationStepStatus.Pending] = pending }));
        }

        public Task<Page<RevocationStepView>> GetStepsAsync(Guid runId, long? afterStepId, int take, CancellationToken ct = default)
        {
            PageSizesAsked.Enqueue(take);
            var from = (afterStepId ?? 0) + 1;
            var rows = Enumerable.Range((int)from, (int)Math.Max(0, Math.Min(take, steps - from + 1)))
                .Select(i => new RevocationStepView(i, Guid.NewGuid(), $"cred-{i:D6}", "instant", RevocationStepStatus.Verified, 1, null, null, null, 3)).ToList();
            return Task.FromResult(new Page<RevocationStepView>(rows, steps));
        }
    }

    private sealed class NoRevocations : IRevocationService
    {
        public Task<BlastRadius> PreviewAsync(RevocationRequest request, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<Guid> StartAsync(RevocationRequest request, CancellationToken ct = default) => throw new NotSupportedException();
        public Task RetryAsync(Guid runId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task RecordManualRevocationAsync(Guid credentialId, string note, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<PresentedTokenResult> RevokePresentedTokenAsync(string connector, string token, string reason, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<RotationResult> RotateAsync(Guid credentialId, string reason, CancellationToken ct = default) => throw new NotSupportedException();
    }

    [Fact]
    public void ARunOf120Steps_ShowsFiftyAtATime_WithCountsFromTheAggregate_AndPagesOn()
    {
        var runs = new FakeRuns(120);
        Services.AddSingleton<IRevocationRunQueries>(runs);
        Services.AddSingleton<IRevocationService>(new NoRevocations());
        SignInAs("Sam Operator", PortalRole.SecurityOperator);

        var page = Render<RevocationRunPage>(p => p.Add(x => x.Id, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Contains("Steps 1–50 of 120", page.Find("[data-testid=run-steps-pager]").TextContent, StringComparison.Ordinal));
        Assert.Equal(50, page.FindAll("[data-testid=run-steps] tbody tr").Count);
        Assert.Contains("100", page.Find("[data-testid=count-verified]").TextContent, StringComparison.Ordinal);
        Assert.Contains("20", page.Find("[data-testid=count-pending]").TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=run-steps-next] button, button[data-testid=run-steps-next]").Click();

        page.WaitForAssertion(() => Assert.Contains("Steps 51–100 of 120", page.Find("[data-testid=run-steps-pager]").TextContent, StringComparison.Ordinal));
        Assert.Contains("cred-000051", page.Find("[data-testid=run-steps] tbody tr").TextContent, StringComparison.Ordinal);
        Assert.All(runs.PageSizesAsked.ToArray(), take => Assert.Equal(50, take));
    }

    [Fact]
    public async Task APushedChange_ReReadsTheCountsAtOnce_AndLeavingThePageUnsubscribes()
    {
        var runs = new FakeRuns(120);
        Services.AddSingleton<IRevocationRunQueries>(runs);
        Services.AddSingleton<IRevocationService>(new NoRevocations());
        SignInAs("Sam Operator", PortalRole.SecurityOperator);
        var runId = Guid.NewGuid();
        var page = Render<RevocationRunPage>(p => p.Add(x => x.Id, runId));
        page.WaitForAssertion(() => Assert.Contains("20", page.Find("[data-testid=count-pending]").TextContent, StringComparison.Ordinal));
        Assert.Equal(1, _events.SubscriberCount(runId));

        runs.Pending = 7;
        _events.Publish(runId);

        // Well before the 5-second fallback poll: only the pushed change can have brought the new count.
        page.WaitForAssertion(() => Assert.Contains("113", page.Find("[data-testid=count-verified]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(3));
        Assert.Contains("7", page.Find("[data-testid=count-pending]").TextContent, StringComparison.Ordinal);
        // Another run's change is not this page's business.
        var reads = runs.SummaryReads;
        _events.Publish(Guid.NewGuid());
        await Task.Delay(300);
        Assert.Equal(reads, runs.SummaryReads);

        await DisposeComponentsAsync();

        Assert.Equal(0, _events.SubscriberCount(runId));
    }
}
