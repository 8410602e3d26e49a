using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Core.Dashboard;
using NhiPortal.Web.Features.Dashboard;

namespace NhiPortal.Web.Tests.Components;

public class DashboardPageTests : NhiBunitContext
{
    public DashboardPageTests()
    {
        Services.AddSingleton<NhiPortal.Core.Hygiene.IHygieneService>(new FakeHygiene());
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<NhiPortal.Core.Usage.IAnomalyQueries>(_anomalies);
    }

    private readonly FakeAnomalies _anomalies = new();

    private static DashboardSummary Summary(AccessScope scope) => new()
    {
        Scope = scope, Identities = 2_000, ActiveIdentities = 1_950, Orphans = 123, OwnersLeft = 45, SharedOrBreakGlass = 80,
        ActiveCredentials = 5_760, ShadowCredentials = 61, ExpiringSoon = 17, ExpiringWithin7Days = 4, PastExpiryStillActive = 9,
        NeverRotatedOverOneYear = 1_234, ExpiryWindowDays = 30,
    };

    private sealed class FixedDashboard(Func<DashboardSummary> summary, ProgrammeMetrics? programme = null) : IDashboardQueries
    {
        public Task<DashboardSummary> GetSummaryAsync(CancellationToken ct = default) => Task.FromResult(summary());

        public Task<ProgrammeMetrics?> GetProgrammeMetricsAsync(CancellationToken ct = default) => Task.FromResult(programme);
    }

    [Fact]
    public void Dashboard_ProgrammeMetrics_ShowCoverageEliminationAndMttr()
    {
        SignInAs("Ada Adminson", PortalRole.Administrator);
        Services.AddSingleton<IDashboardQueries>(new FixedDashboard(() => Summary(AccessScope.Everything), new ProgrammeMetrics
        {
            DiscoveryCoverage = 0.875, AttributedCredentials = 875, DiscoveredCredentials = 1_000,
            StaticNow = 600, StaticBefore = 800, StaticBeforeUtc = new DateTime(2026, 10, 20, 0, 0, 0, DateTimeKind.Utc),
            MeanTimeToRespond = TimeSpan.FromSeconds(42), CompletedRevocationRuns = 3,
            MeanTimeLeakToRevocation = TimeSpan.FromSeconds(90), VerifiedLeakRevocations = 2,
        }));

        var page = Render<DashboardPage>();

        Assert.Contains("87.5", page.Find("[data-testid=stat-discovery-coverage]").TextContent, StringComparison.Ordinal);
        Assert.Contains("25", page.Find("[data-testid=stat-static-elimination]").TextContent, StringComparison.Ordinal);
        Assert.Contains("2026-10-20", page.Find("[data-testid=stat-static-elimination]").TextContent, StringComparison.Ordinal);
        Assert.Contains("42.0 s", page.Find("[data-testid=stat-mttr]").TextContent, StringComparison.Ordinal);
        Assert.Contains("over 2 leaks", page.Find("[data-testid=stat-mttr-leaks]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Dashboard_StoredFigures_SayWhenTheyWereCounted()
    {
        SignInAs("Ada Adminson", PortalRole.Administrator);
        var counted = DateTime.UtcNow.AddMinutes(-3);
        Services.AddSingleton<IDashboardQueries>(new FixedDashboard(() => Summary(AccessScope.Everything) with { AsOfUtc = counted }));

        var page = Render<DashboardPage>();

        var asOf = page.Find("[data-testid=dashboard-as-of]").TextContent;
        Assert.Contains($"{counted:yyyy-MM-dd HH:mm:ss} UTC", asOf, StringComparison.Ordinal);
        Assert.Contains("3 min ago", asOf, StringComparison.Ordinal);
    }

    [Fact]
    public void Dashboard_CountedForTheRequest_SaysSo()
    {
        SignInAs("Riley Reviewer", PortalRole.Reviewer);
        Services.AddSingleton<IDashboardQueries>(new FixedDashboard(() => Summary(AccessScope.OwnIdentities)));

        var page = Render<DashboardPage>();

        Assert.Equal("Counted just now.", page.Find("[data-testid=dashboard-as-of]").TextContent);
    }

    [Fact]
    public void Dashboard_WithoutProgrammeMetrics_ShowsNoProgrammeSection()
    {
        SignInAs("Riley Reviewer", PortalRole.Reviewer);
        Services.AddSingleton<IDashboardQueries>(new FixedDashboard(() => Summary(AccessScope.OwnIdentities)));

        var page = Render<DashboardPage>();

        Assert.Empty(page.FindAll("[data-testid=stat-mttr]"));
    }

    [Fact]
    public void Dashboard_ShowsEachCountInItsCard()
    {
        SignInAs("Ada Adminson", PortalRole.Administrator);
        Services.AddSingleton<IDashboardQueries>(new FixedDashboard(() => Summary(AccessScope.Everything)));

        var page = Render<DashboardPage>();

        Assert.Contains("Ada Adminson", page.Find("[data-testid=welcome]").TextContent, StringComparison.Ordinal);
        Assert.Contains("123", page.Find("[data-testid=stat-orphans]").TextContent, StringComparison.Ordinal);
        Assert.Contains("61", page.Find("[data-testid=stat-shadow]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Within 30 days", page.Find("[data-testid=stat-expiring]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Dashboard_OwnScope_SaysSo_AndHidesShadowCredentials()
    {
        SignInAs("Riley Reviewer", PortalRole.Reviewer);
        Services.AddSingleton<IDashboardQueries>(new FixedDashboard(() => Summary(AccessScope.OwnIdentities)));

        var page = Render<DashboardPage>();

        Assert.Contains("identities you own", page.Find("[data-testid=welcome]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=stat-shadow]"));
    }

    [Fact]
    public void Dashboard_ServiceRefuses_ShowsTheReasonInsteadOfNumbers()
    {
        SignInAs("Vic");
        Services.AddSingleton<IDashboardQueries>(new FixedDashboard(() =>
            throw new AccessDeniedException(new PortalUser("v", "Vic", null, new HashSet<PortalRole>()), Capability.ViewInventory)));

        var page = Render<DashboardPage>();

        Assert.Contains("Vic may not ViewInventory", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=stat-identities]"));
    }
}
