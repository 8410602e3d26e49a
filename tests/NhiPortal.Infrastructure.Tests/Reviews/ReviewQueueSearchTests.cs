using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Reviews;

namespace NhiPortal.Infrastructure.Tests.Reviews;

public class ReviewQueueSearchTests
{
    [Fact]
    public async Task Search_FindsAnNhiInALongQueue_ByPartOfItsName_AndCountsOnlyThose()
    {
        await using var h = await ReviewHarness.CreateAsync();
        var operatorId = await h.StaffIdAsync("demo-operator");
        await h.As("demo-operator", PortalRole.SecurityOperator).CreateAsync(new CampaignDraft("Quarterly", ReviewScope.AllIdentities, null, operatorId,
            UnansweredPolicy.FlagForFollowUp, WindowHours: 100));
        var queue = h.Portal.As<IReviewQueue>(FixedCurrentUser.Person("demo-reviewer", PortalRole.Reviewer));
        var all = await queue.MyQueueAsync();
        var wanted = all[^1];
        var term = wanted.IdentityName[2..^1];

        var found = await queue.MyQueuePageAsync(new PageRequest(0, 50), search: $"  {term} ");

        Assert.True(all.Count > 50);
        Assert.Contains(found.Rows, r => r.Id == wanted.Id);
        Assert.Equal(all.Count(i => i.IdentityName.Contains(term, StringComparison.Ordinal)), found.TotalCount);
        Assert.True(found.TotalCount < all.Count);
    }
}
