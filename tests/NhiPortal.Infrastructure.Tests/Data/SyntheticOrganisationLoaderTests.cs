using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Tests.Data;

public class SyntheticOrganisationLoaderTests
{
    private static readonly SyntheticOrganisationSize Small = new(Staff: 12, Teams: 4, Identities: 300, Credentials: 900);

    [Fact]
    public async Task Load_ByTheProvidersBulkPath_StoresEveryValueExactlyAsEfCoreReadsIt()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var loader = new SyntheticOrganisationLoader(new AuditWriter(database.Clock, database.ChainKey), database.Clock);
        await using (var db = database.CreateDbContext())
        {
            await loader.LoadAsync(db, Small);
        }
        var expected = SyntheticOrganisation.Generate(Small, TestDatabase.Now.UtcDateTime);

        await using var read = database.CreateDbContext();
        var identities = await read.Identities.AsNoTracking().ToDictionaryAsync(i => i.Id);
        var credentials = await read.Credentials.AsNoTracking().ToDictionaryAsync(c => c.Id);
        Assert.Equal(expected.Identities.Count, identities.Count);
        Assert.Equal(expected.Credentials.Count, credentials.Count);
        foreach (var e in expected.Identities)
        {
            var a = identities[e.Id];
            Assert.Equal((e.Name, e.Kind, e.Environment, e.OwnerId, e.TeamId, e.PrivilegeLevel, e.IsShared, e.CreatedUtc, e.LastActivityUtc),
                (a.Name, a.Kind, a.Environment, a.OwnerId, a.TeamId, a.PrivilegeLevel, a.IsShared, a.CreatedUtc, a.LastActivityUtc));
            Assert.Equal(e.Entitlements, a.Entitlements);
        }
        foreach (var e in expected.Credentials)
        {
            var a = credentials[e.Id];
            Assert.Equal((e.IdentityId, e.Kind, e.Fingerprint, e.IssuedUtc, e.ExpiresUtc, e.LastUsedUtc, e.TimeToLive, e.State, e.IsDynamic),
                (a.IdentityId, a.Kind, a.Fingerprint, a.IssuedUtc, a.ExpiresUtc, a.LastUsedUtc, a.TimeToLive, a.State, a.IsDynamic));
        }
        // Keys and dates written by the bulk path must also match in SQL, not only after materialisation.
        var probe = expected.Credentials.First(c => c.ExpiresUtc is not null);
        Assert.Equal(1, await read.Credentials.CountAsync(c => c.Id == probe.Id && c.ExpiresUtc == probe.ExpiresUtc));
        Assert.Equal(expected.Identities.Count, await read.AuditEvents.CountAsync(a => a.Stream == AuditStream.Identity));
        Assert.Equal(expected.Credentials.Count, await read.AuditEvents.CountAsync(a => a.Stream == AuditStream.Credential));
    }

    [Fact]
    public async Task Load_IntoADatabaseThatHoldsIdentities_IsRefusedAndAddsNothing()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var loader = new SyntheticOrganisationLoader(new AuditWriter(database.Clock, database.ChainKey), database.Clock);
        await using (var db = database.CreateDbContext())
        {
            await loader.LoadAsync(db, Small);
        }

        await using var again = database.CreateDbContext();
        await Assert.ThrowsAsync<InvalidOperationException>(() => loader.LoadAsync(again, Small, seed: 7));
        Assert.Equal(300, await again.Identities.CountAsync());
    }
}
