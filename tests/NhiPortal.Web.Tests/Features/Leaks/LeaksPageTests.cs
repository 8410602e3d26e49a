using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NhiPortal.Core.Access;
using NhiPortal.Core.Leaks;
using NhiPortal.Web.Features.Leaks;

namespace NhiPortal.Web.Tests.Features.Leaks;

public class LeaksPageTests : NhiBunitContext
{
    private readonly FakeLeaks _leaks = new();

    private sealed class Caller(PortalRole role) : ICurrentUser
    {
        public Task<PortalUser> GetAsync() => Task.FromResult(new PortalUser("s", "S", null, new HashSet<PortalRole> { role }));
    }

    public LeaksPageTests()
    {
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)));
        Services.AddSingleton<ILeakQueries>(_leaks);
        Services.AddSingleton<ILeakIntake>(_leaks);
        _leaks.Rows.Add(FakeLeaks.Row(matched: true, canRevoke: true));
        _leaks.Rows.Add(FakeLeaks.Row(matched: false));
    }

    private (IRenderedComponent<LeaksPage> Page, IRenderedComponent<MudBlazor.MudDialogProvider> Dialogs) RenderAs(PortalRole role)
    {
        SignInAs("Someone", role);
        Services.AddSingleton<ICurrentUser>(new Caller(role));
        Render<MudBlazor.MudPopoverProvider>();
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        return (Render<LeaksPage>(), dialogs);
    }

    [Fact]
    public void LeaksPage_AsAuditor_ListsMatchedAndUnmatched_WithoutRevokeNow()
    {
        var (page, _) = RenderAs(PortalRole.Auditor);

        var credentials = page.FindAll("[data-testid=leak-credential]").Select(c => c.TextContent).ToList();
        Assert.Contains(credentials, c => c.Contains("svc-pay", StringComparison.Ordinal));
        Assert.Contains(credentials, c => c.Contains("None known", StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=leak-revoke]"));
    }

    [Fact]
    public async Task RevokeNow_AsOperator_AsksForAReason_AndStartsTheRunThroughTheIntake()
    {
        var (page, dialogs) = RenderAs(PortalRole.SecurityOperator);

        // Not awaited: the click's handler waits for the dialog it opens to close.
        var click = page.Find("[data-testid=leak-revoke]").ClickAsync(new());
        dialogs.WaitForElement("textarea[data-testid=reason], [data-testid=reason] textarea").Input("INC-88 key in public repo");
        await dialogs.Find("[data-testid=reason-confirm]").ClickAsync(new());
        await click;

        dialogs.WaitForAssertion(() => Assert.Single(_leaks.Revoked));
        Assert.Equal((_leaks.Rows[0].Id, "INC-88 key in public repo"), _leaks.Revoked[0]);
    }
}
