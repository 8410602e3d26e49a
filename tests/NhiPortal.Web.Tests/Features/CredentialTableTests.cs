using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Web.Features.Credentials;

namespace NhiPortal.Web.Tests.Features;

/// <summary>An identity with a thousand credentials: the table renders a page of them, not all.</summary>
public class CredentialTableTests : NhiBunitContext
{
    public CredentialTableTests()
    {
        Services.AddSingleton(TimeProvider.System);
        SignInAs("Ada", PortalRole.Administrator);
    }

    private static List<CredentialRow> Rows(int count) => Enumerable.Range(1, count).Select(n => new CredentialRow(
        Guid.NewGuid(), $"key-{n:D4}", CredentialKind.ApiKey, CredentialState.Active, Guid.NewGuid(), "svc-many", "test", "manual", $"ref-{n}", "abcd1234",
        DateTime.UtcNow.AddDays(-n), null, null, null, false, 80)).ToList();

    [Fact]
    public void ManyRows_RenderOnePage_WithAPagerThatReachesTheRest()
    {
        var table = Render<CredentialTable>(p => p.Add(x => x.Rows, Rows(1_000)).Add(x => x.ShowIdentity, false));

        Assert.Equal(25, table.FindAll("[data-testid=credential-table] tbody tr").Count);
        Assert.Contains("1-25 of 1000", table.Find("[data-testid=credential-table-pager]").TextContent.Replace(",", "", StringComparison.Ordinal), StringComparison.Ordinal);
        table.Find("[data-testid=credential-table-pager] button[aria-label=\"Next page\"]").Click();
        table.WaitForAssertion(() => Assert.Contains("key-0026", table.Find("[data-testid=credential-table] tbody tr").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void FewRows_AllShow_WithoutAPager()
    {
        var table = Render<CredentialTable>(p => p.Add(x => x.Rows, Rows(12)));

        Assert.Equal(12, table.FindAll("[data-testid=credential-table] tbody tr").Count);
        Assert.Empty(table.FindAll("[data-testid=credential-table-pager]"));
    }
}
