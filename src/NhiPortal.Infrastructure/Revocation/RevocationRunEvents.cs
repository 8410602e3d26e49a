using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Revocation;

namespace NhiPortal.Infrastructure.Revocation;

/// <summary>
/// The in-process channel behind the run page's live updates: at most one notice per run per <see cref="Interval"/>
/// (a burst of batch commits becomes one re-read), and the last change of a burst is always delivered, after the
/// interval, so a viewer never stays on a stale count.
/// </summary>
public sealed class RevocationRunEvents(TimeProvider clock, ILogger<RevocationRunEvents> logger) : IRevocationRunEvents
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<Guid, RunChannel> _runs = new();

    public IDisposable Subscribe(Guid runId, Func<Task> changed)
    {
        var subscription = new Subscription(this, runId, changed);
        while (true)
        {
            var run = _runs.GetOrAdd(runId, _ => new RunChannel());
            lock (run)
            {
                // A channel emptied and removed meanwhile takes no one: take a new one.
                if (!run.Closed)
                {
                    run.Subscribers = [.. run.Subscribers, subscription];
                    return subscription;
                }
            }
        }
    }

    public void Publish(Guid runId)
    {
        if (!_runs.TryGetValue(runId, out var run))
        {
            return;
        }
        TimeSpan wait;
        lock (run)
        {
            if (run.Scheduled)
            {
                return;
            }
            run.Scheduled = true;
            wait = run.LastSent + Interval - clock.GetUtcNow();
        }
        _ = SendAsync(runId, run, wait);
    }

    private async Task SendAsync(Guid runId, RunChannel run, TimeSpan after)
    {
        if (after > TimeSpan.Zero)
        {
            await Task.Delay(after, clock);
        }
        Subscription[] subscribers;
        lock (run)
        {
            run.Scheduled = false;
            run.LastSent = clock.GetUtcNow();
            subscribers = run.Subscribers;
        }
        foreach (var subscriber in subscribers)
        {
            try
            {
                await subscriber.Changed();
            }
            catch (Exception ex)
            {
                // A viewer's failed refresh (a closed circuit) is theirs; the others still hear of the change.
                logger.LogDebug(ex, "A subscriber of revocation run {Run} failed", runId);
            }
        }
    }

    private void Unsubscribe(Subscription subscription)
    {
        if (!_runs.TryGetValue(subscription.RunId, out var run))
        {
            return;
        }
        lock (run)
        {
            run.Subscribers = run.Subscribers.Where(s => s != subscription).ToArray();
            if (run.Subscribers.Length == 0)
            {
                run.Closed = true;
                _runs.TryRemove(new KeyValuePair<Guid, RunChannel>(subscription.RunId, run));
            }
        }
    }

    /// <summary>How many viewers follow a run (a page that left must have taken its subscription with it).</summary>
    public int SubscriberCount(Guid runId) => _runs.TryGetValue(runId, out var run) ? run.Subscribers.Length : 0;

    /// <summary>One run's viewers and throttle; every field is read and written under its lock.</summary>
    private sealed class RunChannel
    {
        public Subscription[] Subscribers { get; set; } = [];

        public bool Scheduled { get; set; }

        public bool Closed { get; set; }

        public DateTimeOffset LastSent { get; set; } = DateTimeOffset.MinValue;
    }

    private sealed class Subscription(RevocationRunEvents owner, Guid runId, Func<Task> changed) : IDisposable
    {
        public Guid RunId { get; } = runId;

        public Func<Task> Changed { get; } = changed;

        public void Dispose() => owner.Unsubscribe(this);
    }
}
