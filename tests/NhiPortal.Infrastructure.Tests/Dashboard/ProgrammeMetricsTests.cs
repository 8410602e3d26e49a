using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Dashboard;
using NhiPortal.Infrastructure.Hygiene;

namespace NhiPortal.Infrastructure.Tests.Dashboard;

public class ProgrammeMetricsTests
{
    [Fact]
    public async Task Metrics_ComeFromTheInventory_TheSnapshots_AndTheCompletedRuns()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        var now = database.Clock.GetUtcNow().UtcDateTime;
        int discovered, attributed;
        await using (var db = database.CreateDbContext())
        {
            var active = await db.Credentials.Include(c => c.Identity).ThenInclude(i => i!.Owner).Where(c => c.State == CredentialState.Active).ToListAsync();
            discovered = active.Count;
            attributed = active.Count(c => c.Identity?.Owner?.IsActive == true);
            db.HygieneSnapshots.AddRange(Snapshot(now.AddDays(-40), 1000), Snapshot(now.AddDays(-20), 900), Snapshot(now, 750));
            db.RevocationRuns.AddRange(Run(now.AddHours(-3), TimeSpan.FromSeconds(30), RevocationRunStatus.Completed),
                Run(now.AddHours(-2), TimeSpan.FromSeconds(90), RevocationRunStatus.Completed),
                Run(now.AddHours(-1), TimeSpan.FromHours(5), RevocationRunStatus.PartiallyFailed));
            await db.SaveChangesAsync();
        }

        var metrics = await new DashboardQueries(database, FixedCurrentUser.As("demo-admin", PortalRole.Administrator), new DashboardSnapshots(database, new DashboardOptions(), database.Clock), database.Clock).GetProgrammeMetricsAsync();

        Assert.NotNull(metrics);
        Assert.Equal(discovered, metrics.DiscoveredCredentials);
        Assert.Equal(attributed, metrics.AttributedCredentials);
        Assert.InRange(metrics.DiscoveryCoverage!.Value, 0.01, 0.99);
        // The 30-day comparison uses the latest snapshot at least 30 days older than the newest one.
        Assert.Equal((750, 1000), (metrics.StaticNow, metrics.StaticBefore));
        Assert.Equal(0.25, metrics.StaticEliminationRate!.Value, 3);
        // Only completed runs count: (30 s + 90 s) / 2.
        Assert.Equal((2, TimeSpan.FromSeconds(60)), (metrics.CompletedRevocationRuns, metrics.MeanTimeToRespond));
    }

    [Fact]
    public async Task Metrics_AreOrganisationWide_SoAReviewerGetsNone()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        Assert.Null(await new DashboardQueries(database, FixedCurrentUser.As("demo-reviewer", PortalRole.Reviewer), new DashboardSnapshots(database, new DashboardOptions(), database.Clock), database.Clock).GetProgrammeMetricsAsync());
    }

    private static HygieneSnapshot Snapshot(DateTime taken, int staticCredentials) => new()
    {
        TakenUtc = taken, PolicyVersion = 1, ScoredCredentials = staticCredentials + 100, OrganisationScore = 70,
        BreakdownJson = System.Text.Json.JsonSerializer.Serialize(
            new HygieneBreakdown(new Dictionary<HygieneGrade, int>(), new Dictionary<OwaspNhiCategory, int>(), [], staticCredentials, 100), HygienePolicyStore.Json),
    };

    private static RevocationRun Run(DateTime requested, TimeSpan took, RevocationRunStatus status) => new()
    {
        Reason = "INC-1 test", RequestedBy = "demo-operator", RequestedByName = "Operator", RequestedUtc = requested,
        StartedUtc = requested, CompletedUtc = requested + took, Status = status,
    };
}
