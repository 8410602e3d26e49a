using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Dashboard;
using NhiPortal.Core.Hygiene;

namespace NhiPortal.Infrastructure.Tests.Dashboard;

/// <summary>The dashboard's "expiring soon" is the policy's warning window, not a number of its own.</summary>
public class ExpiringWindowTests
{
    [Fact]
    public async Task ExpiringSoon_FollowsAnEditedWarningWindow()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await using var portal = new TestPortal(database);
        var admin = portal.As<IHygieneService>("demo-admin", PortalRole.Administrator);
        var policy = (await admin.GetPolicyAsync()).Policy with { ExpiryWarningDays = 10 };
        await admin.SavePolicyAsync(policy, "Warn ten days ahead only");
        var now = TestDatabase.Now.UtcDateTime;
        int within10, within30;
        await using (var db = database.CreateDbContext())
        {
            var active = db.Credentials.Where(c => c.State == CredentialState.Active && !c.IsDynamic && c.ExpiresUtc >= now);
            within10 = await active.CountAsync(c => c.ExpiresUtc < now.AddDays(10));
            within30 = await active.CountAsync(c => c.ExpiresUtc < now.AddDays(30));
        }

        var summary = await portal.As<IDashboardQueries>("demo-admin", PortalRole.Administrator).GetSummaryAsync();

        Assert.NotEqual(within10, within30);
        Assert.Equal((10, within10), (summary.ExpiryWindowDays, summary.ExpiringSoon));
    }
}
