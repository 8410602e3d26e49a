using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NhiPortal.Core.Access;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Ownership;
using NhiPortal.Web.Features.Ownership;

namespace NhiPortal.Web.Tests.Features;

public class ChangeOwnerDialogTests : NhiBunitContext
{
    private readonly FakeInventory _inventory = new();
    private readonly FakeOwnership _ownership = new();

    public ChangeOwnerDialogTests()
    {
        Services.AddSingleton<IInventoryQueries>(_inventory);
        Services.AddSingleton<IOwnershipService>(_ownership);
        SignInAs("Sam", PortalRole.SecurityOperator);
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(params Guid[] ids)
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<ChangeOwnerDialog>("Change owner",
            new DialogParameters<ChangeOwnerDialog> { { d => d.IdentityIds, ids }, { d => d.Subject, "svc-x" } }));
        return provider;
    }

    [Fact]
    public async Task Save_WithoutOwnerOrReason_ShowsWhatIsMissing_AndCallsNothing()
    {
        var provider = await OpenAsync(Guid.NewGuid());

        provider.Find("[data-testid=owner-save]").Click();

        provider.WaitForAssertion(() => Assert.Contains("Choose the new owner", provider.Find("[data-testid=owner-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(_ownership.Changes);
    }

    [Fact]
    public async Task Save_RemoveOwnerWithReason_SendsOneChangeForEveryIdentity()
    {
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var provider = await OpenAsync(ids);
        Assert.Contains("Assign an owner to 2 identities", provider.Markup, StringComparison.Ordinal);

        provider.Find("input[type=checkbox]").Change(true);
        provider.Find("textarea").Input("The service was retired last week");
        provider.Find("[data-testid=owner-save]").Click();

        provider.WaitForAssertion(() => Assert.Single(_ownership.Changes));
        var change = _ownership.Changes[0];
        Assert.Equal(ids, change.IdentityIds);
        Assert.Null(change.NewOwnerId);
        Assert.Equal("The service was retired last week", change.Reason);
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[data-testid=owner-save]")));
    }
}
