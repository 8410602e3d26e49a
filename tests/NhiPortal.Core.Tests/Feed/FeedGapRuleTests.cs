using NhiPortal.Core.Feed;

namespace NhiPortal.Core.Tests.Feed;

public class FeedGapRuleTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static (long, DateTime)[] Rows(params (long Id, double SecondsAgo)[] rows) => rows.Select(r => (r.Id, Now.AddSeconds(-r.SecondsAgo))).ToArray();

    [Fact]
    public void Deliverable_NoGap_TakesAll() => Assert.Equal(3, FeedGapRule.Deliverable(10, Rows((11, 0), (12, 0), (13, 0)), Now, Wait));

    [Fact]
    public void Deliverable_YoungGap_StopsBeforeIt() => Assert.Equal(2, FeedGapRule.Deliverable(10, Rows((11, 0), (12, 0), (14, 1), (15, 0)), Now, Wait));

    [Fact]
    public void Deliverable_YoungGapRightAfterTheCursor_TakesNothing() => Assert.Equal(0, FeedGapRule.Deliverable(10, Rows((12, 1)), Now, Wait));

    [Fact]
    public void Deliverable_GapOlderThanTheWait_IsSteppedPast() => Assert.Equal(3, FeedGapRule.Deliverable(10, Rows((11, 9), (13, 6), (14, 0)), Now, Wait));

    [Fact]
    public void Deliverable_OldGapThenYoungGap_StopsAtTheYoungOne() => Assert.Equal(2, FeedGapRule.Deliverable(10, Rows((12, 8), (13, 7), (20, 2)), Now, Wait));

    [Fact]
    public void Deliverable_LateCommitFillsTheGap_NextReadTakesItInOrder()
    {
        // First read: 11 and 13 (12 not yet committed) -> only 11.
        Assert.Equal(1, FeedGapRule.Deliverable(10, Rows((11, 0), (13, 0)), Now, Wait));
        // 12 commits; the next read from cursor 11 sees 12, 13: both, in order.
        Assert.Equal(2, FeedGapRule.Deliverable(11, Rows((12, 0), (13, 0)), Now, Wait));
    }

    [Fact]
    public void FeedBackoff_Doubles_AndStopsAtTheMaximum()
    {
        var max = TimeSpan.FromSeconds(300);

        Assert.Equal(TimeSpan.FromSeconds(1), FeedBackoff.After(1, max));
        Assert.Equal(TimeSpan.FromSeconds(8), FeedBackoff.After(4, max));
        Assert.Equal(max, FeedBackoff.After(40, max));
    }
}
