using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Reports;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Tests.Reviews;

namespace NhiPortal.Infrastructure.Tests.Reports;

/// <summary>
/// The access-review report and the campaign page read the same campaign: a closed campaign is built through the
/// real services, and the report's numbers are compared with the page's, not with numbers written here.
/// </summary>
public class AccessReviewReportAgreementTests
{
    private static Task<ReviewHarness> HarnessAsync() => ReviewHarness.CreateAsync();

    private static async Task<XLWorkbook> ReportAsync(ReviewHarness h, Guid campaign)
    {
        var stream = new MemoryStream();
        await ReportServices.As(h.Database, "demo-auditor", PortalRole.Auditor).WriteAsync(new ReportRequest(ReportKind.AccessReview, CampaignId: campaign), stream);
        stream.Position = 0;
        return new XLWorkbook(stream);
    }

    private static IXLCell Summary(XLWorkbook workbook, string labelStart) =>
        workbook.Worksheet("Summary").RowsUsed().Single(r => r.Cell(1).GetString().StartsWith(labelStart, StringComparison.Ordinal)).Cell(2);

    [Fact]
    public async Task NoResponse_InTheReport_EqualsTheCampaignRow_WhenUnansweredItemsWithoutCredentialsAreRemediatedAtClose()
    {
        await using var h = await HarnessAsync();
        await using (var db = h.Database.CreateDbContext())
        {
            // Nothing to revoke: the close marks it remediated without a revocation run.
            db.Identities.Add(new NonHumanIdentity { Name = "svc-no-credentials", Kind = IdentityKind.ServiceAccount, Purpose = "batch", Environment = DeploymentEnvironment.Development, SourceSystem = "test" });
            await db.SaveChangesAsync();
        }
        var operatorService = h.As("demo-operator", PortalRole.SecurityOperator);
        var id = await operatorService.CreateAsync(new CampaignDraft("Quarterly NHI review", ReviewScope.AllIdentities, null, await h.StaffIdAsync("demo-operator"),
            UnansweredPolicy.RevokeCredentials, WindowHours: 100));
        var reviewer = h.As("demo-reviewer", PortalRole.Reviewer);
        var keep = (await reviewer.MyQueueAsync()).First(i => !i.HighRisk);
        await reviewer.DecideAsync(new DecisionRequest(keep.Id, keep.Version, ReviewDecision.Keep, null));
        await operatorService.CloseAsync(id);

        var row = (await operatorService.ListAsync()).Single(c => c.Id == id);
        using var workbook = await ReportAsync(h, id);

        await using var check = h.Database.CreateDbContext();
        // The case the two counts once disagreed on is present, and so are unanswered items waiting for their run.
        Assert.Contains(await check.ReviewItems.Where(i => i.CampaignId == id).ToListAsync(),
            i => i.Decision == null && i.Status == ReviewItemStatus.Remediated && i.RemediationRunId == null);
        Assert.True(await check.ReviewItems.AnyAsync(i => i.CampaignId == id && i.Decision == null && i.RemediationRunId != null));
        Assert.True(row.NoResponse > 1);
        Assert.Equal(row.NoResponse, Summary(workbook, "No response by the deadline").GetDouble());
        // The one definition also runs inside a campaign query, as the campaign list's row needs it.
        Assert.Equal(row.NoResponse, await check.ReviewCampaigns.Where(c => c.Id == id).Select(c => c.Items.AsQueryable().Count(ReviewItemOutcomes.Unanswered)).SingleAsync());
    }

    [Fact]
    public async Task RubberStampSignals_InTheReport_EqualTheCampaignPage_AndTheFrozenResult()
    {
        await using var h = await HarnessAsync();
        var operatorService = h.As("demo-operator", PortalRole.SecurityOperator);
        var id = await operatorService.CreateAsync(new CampaignDraft("Quarterly NHI review", ReviewScope.AllIdentities, null, await h.StaffIdAsync("demo-operator"),
            UnansweredPolicy.FlagForFollowUp, WindowHours: 100));
        string busiest;
        await using (var db = h.Database.CreateDbContext())
        {
            busiest = await db.ReviewItems.Where(i => i.CampaignId == id).GroupBy(i => i.ReviewerId).OrderByDescending(g => g.Count()).Select(g => g.Key)
                .Join(db.StaffMembers, r => r, s => s.Id, (_, s) => s.Subject).FirstAsync();
        }
        var reviewer = h.As(busiest, PortalRole.Reviewer);
        var queue = await reviewer.MyQueueAsync();
        Assert.True(queue.Count >= RubberStampSignals.BurstSize + 2);
        // A burst of keeps a few seconds apart, then one at the last minute of the window.
        foreach (var item in queue.Take(RubberStampSignals.BurstSize))
        {
            h.Database.Clock.Advance(TimeSpan.FromSeconds(4));
            await reviewer.DecideAsync(new DecisionRequest(item.Id, item.Version, ReviewDecision.Keep, "Still needed by the nightly batch"));
        }
        h.Database.Clock.Advance(TimeSpan.FromHours(95));
        var late = queue[RubberStampSignals.BurstSize];
        await reviewer.DecideAsync(new DecisionRequest(late.Id, late.Version, ReviewDecision.Keep, "Still needed by the nightly batch"));
        await operatorService.CloseAsync(id);

        var page = (await operatorService.GetProgressAsync(id)).Signals;
        using var workbook = await ReportAsync(h, id);

        Assert.True(page.KeepBursts >= 1 && page.LastTenPercentShare > 0 && page.MedianSecondsPerDecision > 0);
        Assert.Equal(page.MedianSecondsPerDecision ?? 0, Summary(workbook, "Rubber stamp: median seconds").GetDouble());
        Assert.Equal(page.KeepBursts, Summary(workbook, "Rubber stamp: keep-all bursts").GetDouble());
        Assert.Equal(Math.Round(page.LastTenPercentShare, 3), Summary(workbook, "Rubber stamp: share decided in the last 10%").GetDouble());
        await using var check = h.Database.CreateDbContext();
        var frozen = JsonSerializer.Deserialize<RubberStampSignals>(
            JsonDocument.Parse((await check.ReviewCampaignResults.SingleAsync(r => r.CampaignId == id)).ResultJson).RootElement.GetProperty("Signals"));
        Assert.Equal(page, frozen);
    }
}
