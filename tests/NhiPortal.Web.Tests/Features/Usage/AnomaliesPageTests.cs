using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NhiPortal.Core.Access;
using NhiPortal.Core.Usage;
using NhiPortal.Web.Features.Usage;

namespace NhiPortal.Web.Tests.Features.Usage;

public class AnomaliesPageTests : NhiBunitContext
{
    private readonly FakeAnomalies _anomalies = new();

    private sealed class Caller(PortalRole role) : ICurrentUser
    {
        public Task<PortalUser> GetAsync() => Task.FromResult(new PortalUser("s", "S", null, new HashSet<PortalRole> { role }));
    }

    public AnomaliesPageTests()
    {
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)));
        Services.AddSingleton<IAnomalyQueries>(_anomalies);
        Services.AddSingleton<IAnomalyTriage>(_anomalies);
        Services.AddSingleton<NhiPortal.Core.Revocation.IRevocationService>(_ => throw new InvalidOperationException("not used"));
        _anomalies.Rows.Add(FakeAnomalies.Row());
    }

    private IRenderedComponent<AnomaliesPage> RenderAs(PortalRole role)
    {
        SignInAs("Someone", role);
        Services.AddSingleton<ICurrentUser>(new Caller(role));
        Render<MudBlazor.MudPopoverProvider>();
        Render<MudBlazor.MudDialogProvider>();
        return Render<AnomaliesPage>();
    }

    [Theory]
    [InlineData(PortalRole.SecurityOperator)]
    [InlineData(PortalRole.Administrator)]
    public void AnOperator_SeesTheFlagWithItsExplanation_AndEveryAction(PortalRole role)
    {
        var page = RenderAs(role);

        Assert.Contains("192.168.7.9", page.Find("[data-testid=anomaly-explanation]").TextContent, StringComparison.Ordinal);
        Assert.Equal("High", page.Find("[data-testid=severity-chip]").TextContent.Trim());
        Assert.Single(page.FindAll("[data-testid=anomaly-acknowledge]"));
        Assert.Single(page.FindAll("[data-testid=anomaly-false-positive]"));
        Assert.Single(page.FindAll("[data-testid=anomaly-revoke]"));
    }

    [Theory]
    [InlineData(PortalRole.Reviewer)]
    [InlineData(PortalRole.Auditor)]
    public void AReviewerOrAuditor_SeesTheFlag_ButNoAction(PortalRole role)
    {
        var page = RenderAs(role);

        Assert.Single(page.FindAll("[data-testid=anomaly-explanation]"));
        Assert.Empty(page.FindAll("[data-testid=anomaly-acknowledge]"));
        Assert.Empty(page.FindAll("[data-testid=anomaly-false-positive]"));
        Assert.Empty(page.FindAll("[data-testid=anomaly-revoke]"));
    }

    [Fact]
    public async Task Acknowledge_AsksForAReason_AndSendsItToTheTriageService()
    {
        SignInAs("Olu Operator", PortalRole.SecurityOperator);
        Services.AddSingleton<ICurrentUser>(new Caller(PortalRole.SecurityOperator));
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        Render<MudBlazor.MudPopoverProvider>();
        var page = Render<AnomaliesPage>();

        // Not awaited: the click's handler waits for the dialog it opens to close.
        var click = page.Find("[data-testid=anomaly-acknowledge]").ClickAsync(new());
        dialogs.WaitForElement("textarea[data-testid=reason], [data-testid=reason] textarea").Input("Planned migration, CHG-9");
        await dialogs.Find("[data-testid=reason-confirm]").ClickAsync(new());

        await click;
        dialogs.WaitForAssertion(() => Assert.Single(_anomalies.Calls));
        Assert.Equal(("ack", _anomalies.Rows[0].Id, "Planned migration, CHG-9"), _anomalies.Calls[0]);
    }
}
