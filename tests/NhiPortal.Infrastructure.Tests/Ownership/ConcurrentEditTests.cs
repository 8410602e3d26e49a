using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Ownership;

namespace NhiPortal.Infrastructure.Tests.Ownership;

/// <summary>
/// Two people edit the same thing from forms that showed the same version: the first is saved, the second is told who
/// changed it and when, and nothing of the first is overwritten.
/// </summary>
public class ConcurrentEditTests(SeededDatabaseFixture fixture) : IClassFixture<SeededDatabaseFixture>
{
    private TestPortal Portal => TestPortal.For(fixture.Database);

    private async Task<(Guid Identity, Guid First, Guid Second)> IdentityAndTwoOwnersAsync(int skip)
    {
        await using var db = fixture.Database.CreateDbContext();
        var owners = await db.StaffMembers.Where(s => s.IsActive).OrderBy(s => s.Subject).Select(s => s.Id).Take(2).ToListAsync();
        var identity = await db.Identities.Where(i => i.LifecycleState == IdentityLifecycleState.Active && !owners.Contains(i.OwnerId!.Value))
            .OrderBy(i => i.Name).Skip(skip).Select(i => i.Id).FirstAsync();
        return (identity, owners[0], owners[1]);
    }

    [Fact]
    public async Task TwoOwnerChanges_FromTheSameVersion_TheSecondIsRefused_NamingWhoChangedItAndWhen()
    {
        var (identity, first, second) = await IdentityAndTwoOwnersAsync(0);
        var shown = (await Portal.As<IInventoryQueries>("demo-operator", PortalRole.SecurityOperator).GetIdentityAsync(identity)).Identity.Version;
        var admin = new PortalUser("demo-admin", "Ada Adminson", null, new HashSet<PortalRole> { PortalRole.Administrator });

        await Portal.As<IOwnershipService>(admin).ChangeOwnerAsync(new OwnerChange([identity], first, "Ada takes it over from the platform team")
        {
            ShownVersions = new Dictionary<Guid, int> { [identity] = shown },
        });
        var conflict = await Assert.ThrowsAsync<EditConflictException>(() =>
            Portal.As<IOwnershipService>("demo-operator", PortalRole.SecurityOperator).ChangeOwnerAsync(new OwnerChange([identity], second, "Sam moves it to billing")
            {
                ShownVersions = new Dictionary<Guid, int> { [identity] = shown },
            }));

        Assert.Contains("Ada Adminson", conflict.Message, StringComparison.Ordinal);
        Assert.Contains(fixture.Database.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), conflict.Message, StringComparison.Ordinal);
        await using var db = fixture.Database.CreateDbContext();
        Assert.Equal(first, (await db.Identities.SingleAsync(i => i.Id == identity)).OwnerId);
        // Reading again gives the new version, with which the second person's edit goes through.
        var fresh = (await Portal.As<IInventoryQueries>("demo-operator", PortalRole.SecurityOperator).GetIdentityAsync(identity)).Identity.Version;
        Assert.NotEqual(shown, fresh);
        await Portal.As<IOwnershipService>("demo-operator", PortalRole.SecurityOperator).ChangeOwnerAsync(new OwnerChange([identity], second, "Sam moves it to billing")
        {
            ShownVersions = new Dictionary<Guid, int> { [identity] = fresh },
        });
    }

    [Fact]
    public async Task TwoCredentialDateEdits_FromTheSameVersion_TheSecondIsRefused_AndTheFirstDatesStay()
    {
        var (identity, _, _) = await IdentityAndTwoOwnersAsync(1);
        var now = fixture.Database.Clock.GetUtcNow().UtcDateTime;
        var operatorRegistry = Portal.As<ICredentialRegistry>("demo-operator", PortalRole.SecurityOperator);
        var credential = await operatorRegistry.RegisterAsync(new ManualCredentialDraft
        {
            IdentityId = identity, Name = "partner-portal-token", Kind = CredentialKind.ApiKey, Purpose = "Partner sync", Store = "saas:partner", StoreReference = "acct-7",
            Fingerprint = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", IssuedUtc = now.AddDays(-10), ExpiresUtc = now.AddDays(20),
        });
        var shown = (await Portal.As<IInventoryQueries>("demo-operator", PortalRole.SecurityOperator).GetIdentityAsync(identity)).Credentials.Single(c => c.Id == credential).Version;
        var admin = new PortalUser("demo-admin", "Ada Adminson", null, new HashSet<PortalRole> { PortalRole.Administrator });

        await Portal.As<ICredentialRegistry>(admin).UpdateTrackingAsync(new CredentialTrackingUpdate(credential, now.Date.AddDays(90), null, "CHG-1 renewed") { ShownVersion = shown });
        var conflict = await Assert.ThrowsAsync<EditConflictException>(() =>
            operatorRegistry.UpdateTrackingAsync(new CredentialTrackingUpdate(credential, now.Date.AddDays(30), null, "CHG-2 renewed") { ShownVersion = shown }));

        Assert.Contains("Ada Adminson", conflict.Message, StringComparison.Ordinal);
        await using var db = fixture.Database.CreateDbContext();
        Assert.Equal(now.Date.AddDays(90), (await db.Credentials.SingleAsync(c => c.Id == credential)).ExpiresUtc);
    }

    [Fact]
    public async Task TwoPolicyEdits_FromTheSameVersion_TheSecondIsRefused_NamingWhoSavedTheNewerOne()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var portal = new TestPortal(database);
        await portal.Get<ISignInRecorder>().RecordSignInAsync(new PortalUser("demo-admin", "Ada Adminson", null, new HashSet<PortalRole> { PortalRole.Administrator }));
        var ada = portal.As<IHygieneService>(new PortalUser("demo-admin", "Ada Adminson", null, new HashSet<PortalRole> { PortalRole.Administrator }));
        var other = portal.As<IHygieneService>(new PortalUser("idp|9", "Morgan Admin", null, new HashSet<PortalRole> { PortalRole.Administrator }));
        var shownToAda = (await ada.GetPolicyAsync()).Policy;
        var shownToMorgan = (await other.GetPolicyAsync()).Policy;

        var saved = await ada.SavePolicyAsync(shownToAda with { StaleDays = 45 }, "Stale sooner after the incident");
        var conflict = await Assert.ThrowsAsync<EditConflictException>(() => other.SavePolicyAsync(shownToMorgan with { ExpiryWarningDays = 10 }, "Warn later"));

        Assert.Contains("Ada Adminson", conflict.Message, StringComparison.Ordinal);
        Assert.Contains($"version {saved}", conflict.Message, StringComparison.Ordinal);
        var current = (await other.GetPolicyAsync()).Policy;
        Assert.Equal((saved, 45, HygienePolicy.Default.ExpiryWarningDays), (current.Version, current.StaleDays, current.ExpiryWarningDays));
    }
}
