using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Core.Inventory;
using NhiPortal.Web.Features.Inventory;

namespace NhiPortal.Web.Tests.Features;

public class IdentityGridTests : NhiBunitContext
{
    private readonly FakeInventory _inventory = new();

    public IdentityGridTests()
    {
        Services.AddSingleton<IInventoryQueries>(_inventory);
        Services.AddSingleton(TimeProvider.System);
        SignInAs("Sam", PortalRole.SecurityOperator);
    }

    [Fact]
    public void IdentityGrid_RendersEachRowWithOwnerStateAndLinks()
    {
        _inventory.Identities.Add(FakeInventory.Row("svc-ledger", Guid.NewGuid()));
        _inventory.Identities.Add(FakeInventory.Row("svc-nobody"));

        var grid = Render<IdentityGrid>(p => p.Add(g => g.Filter, new IdentityFilter()));

        grid.WaitForAssertion(() => Assert.Contains("2 identities", grid.Find("[data-testid=identity-count]").TextContent, StringComparison.Ordinal));
        Assert.Equal(["identities/" + _inventory.Identities[0].Id, "identities/" + _inventory.Identities[1].Id],
            grid.FindAll("a.mud-link").Select(a => a.GetAttribute("href")));
        Assert.Contains("no owner", grid.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void IdentityGrid_NewFilter_ReloadsWithThatFilter()
    {
        var grid = Render<IdentityGrid>(p => p.Add(g => g.Filter, new IdentityFilter()));
        grid.WaitForAssertion(() => Assert.Single(_inventory.Filters));

        grid.Render(p => p.Add(g => g.Filter, new IdentityFilter { OrphansOnly = true, Kind = IdentityKind.Bot }));

        grid.WaitForAssertion(() => Assert.Equal(2, _inventory.Filters.Count));
        Assert.Equal(new IdentityFilter { OrphansOnly = true, Kind = IdentityKind.Bot }, _inventory.Filters[^1]);
    }

    [Fact]
    public void IdentityGrid_WithOrphanReasonAndAttest_ShowsWhyAndCallsBack()
    {
        _inventory.Identities.Add(FakeInventory.Row("svc-left", Guid.NewGuid(), ownerActive: false));
        IdentityRow? attested = null;

        var grid = Render<IdentityGrid>(p => p
            .Add(g => g.Filter, new IdentityFilter())
            .Add(g => g.ShowOrphanReason, true)
            .Add(g => g.AttestAction, row => { attested = row; return Task.CompletedTask; }));

        grid.WaitForAssertion(() => Assert.Contains("Owner left", grid.Markup, StringComparison.Ordinal));
        grid.Find("[data-testid='attest-svc-left']").Click();
        // The button's callback runs on the renderer's dispatcher: on a busy machine it lands a moment after the click.
        grid.WaitForAssertion(() => Assert.Equal("svc-left", attested?.Name));
    }
}
