using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Reviews;

namespace NhiPortal.Infrastructure.Tests.Reviews;

/// <summary>An API client reaches what its owner owns and decides what its owner is asked to review, under its own name.</summary>
public class ApiClientReviewTests
{
    private static PortalUser Client(string? owner) =>
        new("client:nhi-automation-reviewer", "nhi-automation-reviewer (API client)", null, new HashSet<PortalRole> { PortalRole.Reviewer }) { ActsForSubject = owner };

    [Fact]
    public async Task AClientOfTheReviewer_SeesAndDecidesTheReviewersItems_UnderItsOwnName_AndNoOneElses()
    {
        await using var h = await ReviewHarness.CreateAsync();
        var operatorId = await h.StaffIdAsync("demo-operator");
        await h.As("demo-operator", PortalRole.SecurityOperator).CreateAsync(new CampaignDraft("Quarterly NHI review", ReviewScope.AllIdentities, null,
            operatorId, UnansweredPolicy.FlagForFollowUp, WindowHours: 100));
        var client = new ReviewActor(h.Portal, Client("demo-reviewer"));
        var reviewersQueue = await h.As("demo-reviewer", PortalRole.Reviewer).MyQueueAsync();
        var operatorsItem = (await h.As("demo-operator", PortalRole.SecurityOperator).MyQueueAsync()).First();

        var clientsQueue = await h.Portal.As<IReviewQueue>(Client("demo-reviewer")).MyQueueAfterAsync(null, 500);
        var item = reviewersQueue.First(i => !i.HighRisk);
        await client.DecideAsync(new DecisionRequest(item.Id, item.Version, ReviewDecision.Keep, null));

        Assert.NotEmpty(reviewersQueue);
        Assert.Equal(reviewersQueue.Select(i => i.Id).Order().Take(500), clientsQueue.Select(i => i.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => client.DecideAsync(new DecisionRequest(operatorsItem.Id, operatorsItem.Version, ReviewDecision.Keep, null)));
        await using var db = h.Database.CreateDbContext();
        var decided = await db.ReviewItems.SingleAsync(i => i.Id == item.Id);
        Assert.Equal("client:nhi-automation-reviewer", decided.DecidedBy);
        var audited = await db.AuditEvents.SingleAsync(a => a.Type == AuditEventTypes.Review.ItemDecided && a.TargetId == item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("client:nhi-automation-reviewer", audited.Actor);
    }

    [Fact]
    public async Task AClient_ReachesItsOwnersIdentities_AndAClientWithoutAnOwnerReachesNone()
    {
        await using var h = await ReviewHarness.CreateAsync();
        var owned = await h.Portal.As<IInventoryQueries>(FixedCurrentUser.Person("demo-reviewer", PortalRole.Reviewer))
            .QueryIdentitiesAsync(new IdentityFilter(), new PageRequest(0, 500));

        var asClient = await h.Portal.As<IInventoryQueries>(Client("demo-reviewer")).QueryIdentitiesAsync(new IdentityFilter(), new PageRequest(0, 500));
        var ownerless = await h.Portal.As<IInventoryQueries>(Client(null)).QueryIdentitiesAsync(new IdentityFilter(), new PageRequest(0, 500));

        Assert.True(owned.TotalCount > 0);
        Assert.Equal(owned.Rows.Select(r => r.Id), asClient.Rows.Select(r => r.Id));
        Assert.Equal(0, ownerless.TotalCount);
        Assert.Empty(await h.Portal.As<IReviewQueue>(Client(null)).MyQueueAfterAsync(null, 100));
    }
}
