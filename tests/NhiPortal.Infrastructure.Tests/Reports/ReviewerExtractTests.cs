using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Reports;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Tests.Reviews;

namespace NhiPortal.Infrastructure.Tests.Reports;

/// <summary>A reviewer's access-review workbook holds their own items only: the rows, the summary and the cover agree.</summary>
public class ReviewerExtractTests
{
    [Fact]
    public async Task AReviewersWorkbook_ListsOnlyTheirItems_AndTheItemsTheyDelegated_WithTheSummaryOverTheSameRows()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await using var portal = new TestPortal(database);
        Guid operatorId, reviewerId;
        await using (var db = database.CreateDbContext())
        {
            operatorId = await db.StaffMembers.Where(s => s.Subject == "demo-operator").Select(s => s.Id).SingleAsync();
            reviewerId = await db.StaffMembers.Where(s => s.Subject == "demo-reviewer").Select(s => s.Id).SingleAsync();
        }
        var campaign = await new ReviewActor(portal, FixedCurrentUser.Person("demo-operator", PortalRole.SecurityOperator)).CreateAsync(
            new CampaignDraft("All NHIs", ReviewScope.AllIdentities, null, operatorId, UnansweredPolicy.FlagForFollowUp, WindowHours: 100));
        var reviewer = new ReviewActor(portal, FixedCurrentUser.Person("demo-reviewer", PortalRole.Reviewer));
        var queue = await reviewer.MyQueueAsync();
        var keep = queue.First(i => !i.HighRisk);
        await reviewer.DecideAsync(new DecisionRequest(keep.Id, keep.Version, ReviewDecision.Keep, null));
        var handedOn = queue.First(i => i.Id != keep.Id);
        await reviewer.DelegateAsync(handedOn.Id, handedOn.Version, operatorId, "Sam runs this batch now");

        var stream = new MemoryStream();
        await portal.As<IReportService>("demo-reviewer", PortalRole.Reviewer).WriteAsync(new ReportRequest(ReportKind.AccessReview, CampaignId: campaign), stream);
        stream.Position = 0;
        using var workbook = new XLWorkbook(stream);

        await using var check = database.CreateDbContext();
        var all = await check.ReviewItems.CountAsync(i => i.CampaignId == campaign);
        var mine = await check.ReviewItems.Where(i => i.CampaignId == campaign && (i.ReviewerId == reviewerId || i.DelegatedFromId == reviewerId))
            .Select(i => i.IdentityName).OrderBy(n => n).ToListAsync();
        Assert.True(all > mine.Count * 10, $"the campaign holds far more than the reviewer's {mine.Count} items ({all})");
        var names = workbook.Worksheet("Items").RowsUsed().Skip(1).Select(r => r.Cell(1).GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(mine.Order(StringComparer.Ordinal), names);
        Assert.Contains(handedOn.IdentityName, names);
        var summary = workbook.Worksheet("Summary").RowsUsed().ToDictionary(r => r.Cell(1).GetString(), r => r.Cell(2));
        Assert.Equal(mine.Count, summary["Items"].GetDouble());
        Assert.Equal(1, summary["Decided"].GetDouble());
        var cover = string.Join("\n", workbook.Worksheet("Cover").CellsUsed().Select(c => c.GetString()));
        Assert.Contains("reviewer's extract", cover, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Riley Reviewer", cover);
        // The delegate's name is not the reviewer's to learn from the cover: the reviewers line covers these rows only.
        var reviewers = workbook.Worksheet("Cover").RowsUsed().Single(r => r.Cell(1).GetString() == "Reviewers").Cell(2).GetString();
        Assert.Equal("Riley Reviewer, Sam Operator", reviewers);
    }

    [Fact]
    public async Task AnAuditorsWorkbook_StillHoldsTheWholeCampaign()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await using var portal = new TestPortal(database);
        Guid operatorId;
        await using (var db = database.CreateDbContext())
        {
            operatorId = await db.StaffMembers.Where(s => s.Subject == "demo-operator").Select(s => s.Id).SingleAsync();
        }
        var campaign = await new ReviewActor(portal, FixedCurrentUser.Person("demo-operator", PortalRole.SecurityOperator)).CreateAsync(
            new CampaignDraft("All NHIs", ReviewScope.AllIdentities, null, operatorId, UnansweredPolicy.FlagForFollowUp, WindowHours: 100));

        var stream = new MemoryStream();
        await portal.As<IReportService>("demo-auditor", PortalRole.Auditor).WriteAsync(new ReportRequest(ReportKind.AccessReview, CampaignId: campaign), stream);
        stream.Position = 0;
        using var workbook = new XLWorkbook(stream);

        await using var check = database.CreateDbContext();
        Assert.Equal(await check.ReviewItems.CountAsync(i => i.CampaignId == campaign), workbook.Worksheet("Items").RowsUsed().Count() - 1);
        Assert.DoesNotContain("reviewer's extract", string.Join("\n", workbook.Worksheet("Cover").CellsUsed().Select(c => c.GetString())), StringComparison.OrdinalIgnoreCase);
    }
}
