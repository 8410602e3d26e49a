using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Discovery;
using NhiPortal.Core.Discovery.Ldap;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Infrastructure.Discovery;
using NhiPortal.Infrastructure.Discovery.Ldap;
using NhiPortal.Tests.Shared;
using static NhiPortal.Infrastructure.Tests.Discovery.LdapTestEntries;

namespace NhiPortal.Infrastructure.Tests.Discovery;

/// <summary>
/// The LDAP source through the portal's sync and the LDAP connector on what the sync stored: the credential the
/// portal records is the one the connector can act on, and a revocation shows up in the next sync.
/// </summary>
public sealed class LdapSourceSyncTests(SlapdFixture fixture) : IClassFixture<SlapdFixture>, IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateMigratedAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task ARotationInThePortal_PassesTheSourceLinkToTheSuccessor_SoTheNextSyncAddsNoCopy()
    {
        var server = fixture.Server;
        var container = NewContainer("ou=services");
        var dn = $"uid=svc-rotate,{container}";
        await server.AddAsync(Container(container) + ServiceAccount(dn, "svc-rotate", "first", "description: Rotated service"));
        await server.SetPasswordAsync(dn, "rotate-pw");
        var source = Source(server, [container]);
        var registry = new DiscoverySourceRegistry([(source, new DiscoverySourceSettings(SourceName, source.Kind, source.Environment, TimeSpan.FromHours(1), TimeSpan.FromSeconds(10)))]);
        var connector = new LdapConnector(SourceName, new LdapConnectorOptions
        {
            Url = server.Url, BindDn = SlapdServer.ConnectorDn, ReadPassword = () => server.ConnectorPassword, Dialect = LdapDialect.OpenLdap, ManagedBaseDns = [container],
        }, TimeProvider.System);
        await using var portal = new TestPortal(_db, new ConnectorRegistry([connector]), configure: s => s.AddSingleton(registry));
        var sync = portal.Get<SourceSync>();
        await sync.RunAsync(SourceName, PortalUser.System("discovery"));
        Guid original;
        await using (var db = _db.CreateDbContext())
        {
            original = await db.Credentials.Where(c => c.StoreReference == dn).Select(c => c.Id).SingleAsync();
        }
        await WaitPastPasswordChangeAsync(server, dn);

        var rotation = await portal.As<IRevocationService>("idp|op", PortalRole.SecurityOperator).RotateAsync(original, "Quarterly rotation of the service password");
        var again = await sync.RunAsync(SourceName, PortalUser.System("discovery"));

        Assert.True(rotation.Succeeded, rotation.Detail);
        Assert.Equal((DiscoveryRunStatus.Succeeded, 0), (again.Status, again.New));
        await using var check = _db.CreateDbContext();
        var credentials = await check.Credentials.Where(c => c.StoreReference == dn).ToListAsync();
        Assert.Equal(1, credentials.Count(c => c.State == CredentialState.Active));
        var current = credentials.Single(c => c.State == CredentialState.Active);
        Assert.Equal((original, SourceName), (current.PredecessorId!.Value, current.DiscoveredBy));
        Assert.NotNull(current.ExternalId);
        Assert.Null(credentials.Single(c => c.Id == original).ExternalId);
    }

    [Fact]
    public async Task Sync_ThenRevokeTheStoredCredential_TheNextSyncSeesItLockedWithANewPassword()
    {
        var server = fixture.Server;
        var container = NewContainer("ou=services");
        var dn = $"uid=svc-sync,{container}";
        await server.AddAsync(Container(container) + ServiceAccount(dn, "svc-sync", "first", "description: Synced service"));
        await server.SetPasswordAsync(dn, "sync-pw");
        var source = Source(server, [container]);
        var registry = new DiscoverySourceRegistry([(source, new DiscoverySourceSettings(SourceName, source.Kind, source.Environment, TimeSpan.FromHours(1), TimeSpan.FromSeconds(10)))]);
        await using var portal = new TestPortal(_db, configure: s => s.AddSingleton(registry));
        var sync = portal.Get<SourceSync>();
        var actor = PortalUser.System("discovery");

        var first = await sync.RunAsync(SourceName, actor);

        Assert.Equal((DiscoveryRunStatus.Succeeded, 1), (first.Status, first.New));
        Credential stored;
        await using (var db = _db.CreateDbContext())
        {
            var identity = await db.Identities.Include(i => i.Credentials).SingleAsync(i => i.Name == "svc-sync");
            Assert.Equal(SourceName, identity.DiscoveredBy);
            stored = Assert.Single(identity.Credentials);
        }
        Assert.Equal((SourceName, dn), (stored.Store, stored.StoreReference));
        var connector = new LdapConnector(SourceName, new LdapConnectorOptions
        {
            Url = server.Url, BindDn = SlapdServer.ConnectorDn, ReadPassword = () => server.ConnectorPassword, Dialect = LdapDialect.OpenLdap, ManagedBaseDns = [container],
        }, TimeProvider.System);
        var reference = new CredentialRef(stored.Id, stored.Name, stored.Kind, stored.Store, stored.StoreReference, stored.Fingerprint);

        Assert.True((await connector.RevokeAsync(reference, default)).Succeeded);
        Assert.False((await connector.ProbeAsync(reference, default)).StillAccepted);
        var second = await sync.RunAsync(SourceName, actor);

        Assert.Equal(DiscoveryRunStatus.Succeeded, second.Status);
        Assert.Equal(1, second.Changed);
        await using (var db = _db.CreateDbContext())
        {
            var credentials = await db.Credentials.Where(c => c.StoreReference == dn).ToListAsync();
            Assert.Contains(credentials, c => c.Fingerprint != stored.Fingerprint);
        }
        Assert.NotNull(await server.TryBindAsync(dn, "sync-pw"));
    }

    [Fact]
    public async Task PeopleRead_SetTheStaffManagersByEmail_Audited_AndASecondSyncChangesNothing()
    {
        var server = fixture.Server;
        var services = NewContainer("ou=services");
        var people = NewContainer("ou=people");
        // The report comes before the manager in the search: the link is resolved once everyone is read.
        await server.AddAsync(Container(services) + ServiceAccount($"uid=svc-people,{services}", "svc-people", "pw") + Container(people)
            + ServiceAccount($"uid=wren,{people}", "wren", "pw", "mail: wren.worker@example.org", $"manager: uid=bea,{people}")
            + ServiceAccount($"uid=bea,{people}", "bea", "pw", "mail: bea.boss@example.org")
            + ServiceAccount($"uid=nemo,{people}", "nemo", "pw", "mail: nemo@example.org", $"manager: uid=ghost,{people}"));
        await using (var db = _db.CreateDbContext())
        {
            db.StaffMembers.AddRange(new Core.Ownership.StaffMember { Subject = "wren", DisplayName = "Wren Worker", Email = "Wren.Worker@example.org" },
                new Core.Ownership.StaffMember { Subject = "bea", DisplayName = "Bea Boss", Email = "bea.boss@example.org" },
                new Core.Ownership.StaffMember { Subject = "nemo", DisplayName = "Nemo", Email = "nemo@example.org" });
            await db.SaveChangesAsync();
        }
        var source = new LdapDirectorySource(new DiscoverySourceSettings(SourceName, DiscoverySourceKinds.Ldap, Core.Inventory.DeploymentEnvironment.Staging,
                TimeSpan.FromHours(1), TimeSpan.FromSeconds(10)),
            new LdapSourceOptions
            {
                Url = server.Url, BindDn = SlapdServer.ReaderDn, ReadPassword = () => server.ReaderPassword, BaseDns = [services], Dialect = LdapDialect.OpenLdap,
                PeopleBaseDn = people,
            }, TimeProvider.System);
        var registry = new DiscoverySourceRegistry([(source, new DiscoverySourceSettings(SourceName, source.Kind, source.Environment, TimeSpan.FromHours(1), TimeSpan.FromSeconds(10)))]);
        await using var portal = new TestPortal(_db, configure: s => s.AddSingleton(registry));
        var sync = portal.Get<SourceSync>();

        var read = await source.ReadAsync(default);
        var first = await sync.RunAsync(SourceName, PortalUser.System("discovery"));
        var second = await sync.RunAsync(SourceName, PortalUser.System("discovery"));

        Assert.Equal([new ManagerLink("wren.worker@example.org", "bea.boss@example.org")], read.Managers);
        Assert.Equal((DiscoveryRunStatus.Succeeded, DiscoveryRunStatus.Succeeded), (first.Status, second.Status));
        await using var check = _db.CreateDbContext();
        var staff = await check.StaffMembers.ToDictionaryAsync(m => m.Subject);
        Assert.Equal(staff["bea"].Id, staff["wren"].ManagerId);
        Assert.Null(staff["nemo"].ManagerId);
        var changes = await check.AuditEvents.Where(a => a.Type == AuditEventTypes.Access.StaffManagerChanged).Select(a => a.Summary).ToListAsync();
        Assert.Equal([$"Wren Worker: manager none → Bea Boss, as {SourceName} says"], changes);
    }
}
