using NhiPortal.Core.Discovery;
using NhiPortal.Core.Discovery.Ldap;
using NhiPortal.Core.Inventory;
using NhiPortal.Tests.Shared;
using static NhiPortal.Infrastructure.Tests.Discovery.LdapTestEntries;

namespace NhiPortal.Infrastructure.Tests.Discovery;

/// <summary>Against a real slapd on 127.0.0.1 (ppolicy and lastbind overlays), read as a bind DN that cannot see passwords.</summary>
public class LdapDirectorySourceTests(SlapdFixture fixture) : IClassFixture<SlapdFixture>
{
    private SlapdServer Server => fixture.Server;

    [Fact]
    public async Task ReadAsync_TwoBaseDns_ReadsGroupsOwnerPasswordChangeLastBindAndLock()
    {
        var services = NewContainer("ou=services");
        var batch = NewContainer("ou=batch");
        var people = NewContainer("ou=people");
        var billing = $"uid=svc-billing,{services}";
        var nightly = $"uid=svc-nightly,{batch}";
        var human = $"uid=alice,{people}";
        var tag = services[3..11];
        await Server.AddAsync(Container(services) + Container(batch) + Container(people)
            + ServiceAccount(billing, "svc-billing", "billing-pw-1", "objectClass: extensibleObject", "description: Billing export", $"owner: uid=bob,{people}")
            + ServiceAccount(nightly, "svc-nightly", "nightly-pw-1", $"manager: uid=carol,{people}")
            + ServiceAccount(human, "alice", "alice-pw")
            + $"""
            dn: cn={tag}-writers,ou=groups,{SlapdServer.Suffix}
            objectClass: groupOfNames
            cn: {tag}-writers
            member: {billing.ToUpperInvariant()}

            dn: cn={tag}-batch,ou=groups,{SlapdServer.Suffix}
            objectClass: posixGroup
            cn: {tag}-batch
            gidNumber: 5001
            memberUid: svc-nightly


            """);
        await Server.SetPasswordAsync(billing, "billing-pw-2");
        Assert.Null(await Server.TryBindAsync(billing, "billing-pw-2"));
        await WaitForAttributeAsync(billing, "authTimestamp");
        await Server.ModifyAsync($"dn: {nightly}\nchangetype: modify\nreplace: pwdAccountLockedTime\npwdAccountLockedTime: 000001010000Z\n");
        var stored = (await Server.ReadAsync(billing))!;
        Assert.True(LdapTime.TryParseGeneralized(stored["pwdChangedTime"][0], out var changed));
        Assert.True(LdapTime.TryParseGeneralized(stored["authTimestamp"][0], out var bound));

        var read = await Source(Server, [services, batch], groupBaseDn: $"ou=groups,{SlapdServer.Suffix}").ReadAsync(default);

        Assert.True(read.Complete);
        Assert.Empty(read.ObjectErrors);
        Assert.Equal([billing, nightly], read.Accounts.Select(a => a.ExternalId).Order());
        var first = Single(read, billing);
        Assert.Equal("svc-billing", first.Name);
        Assert.Equal("Billing export", first.Description);
        Assert.Equal($"uid=bob,{people}", first.OwnerHint);
        Assert.Equal([$"cn={tag}-writers,ou=groups,{SlapdServer.Suffix}"], first.Entitlements);
        Assert.False(first.Disabled);
        Assert.Equal(changed, first.Credential.IssuedUtc);
        Assert.Equal(bound, first.Credential.LastUsedUtc);
        Assert.Equal(LdapAccountMapper.PasswordFingerprint(SourceName, billing, changed), first.Credential.Fingerprint);
        Assert.NotNull(first.CreatedUtc);
        var second = Single(read, nightly);
        Assert.Equal($"uid=carol,{people}", second.OwnerHint);
        Assert.Equal([$"cn={tag}-batch,ou=groups,{SlapdServer.Suffix}"], second.Entitlements);
        Assert.True(second.Disabled);
        Assert.False(second.Credential.Enabled);
        Assert.Null(second.Credential.LastUsedUtc);
    }

    [Fact]
    public async Task ReadAsync_PasswordChange_GivesANewFingerprint()
    {
        var services = NewContainer("ou=services");
        var dn = $"uid=svc-rotating,{services}";
        await Server.AddAsync(Container(services) + ServiceAccount(dn, "svc-rotating", "first"));
        await Server.SetPasswordAsync(dn, "second");
        var before = Single(await Source(Server, [services]).ReadAsync(default), dn).Credential.Fingerprint;
        await LdapTestEntries.WaitPastPasswordChangeAsync(Server, dn);

        await Server.SetPasswordAsync(dn, "third");
        var after = Single(await Source(Server, [services]).ReadAsync(default), dn).Credential.Fingerprint;

        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task ReadAsync_PageSizeTwo_ReadsEveryPage()
    {
        var services = NewContainer("ou=services");
        var ldif = Container(services) + string.Concat(Enumerable.Range(1, 7).Select(i => ServiceAccount($"uid=svc-page-{i},{services}", $"svc-page-{i}", "pw")));
        await Server.AddAsync(ldif);

        var read = await Source(Server, [services], pageSize: 2).ReadAsync(default);

        Assert.True(read.Complete);
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"svc-page-{i}"), read.Accounts.Select(a => a.Name).Order());
    }

    [Fact]
    public async Task ReadAsync_WrongBindPassword_ThrowsWithoutThePassword()
    {
        var source = Source(Server, [$"ou=services,{SlapdServer.Suffix}"], password: () => "wrong-Secret-42");

        var ex = await Assert.ThrowsAsync<DiscoverySourceException>(() => source.ReadAsync(default));

        Assert.Contains("invalid credentials", ex.Message, StringComparison.Ordinal);
        Assert.Contains(SlapdServer.ReaderDn, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-Secret-42", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-Secret-42", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_OneBaseDnMissing_ReadsTheOthersButIsPartial()
    {
        var services = NewContainer("ou=services");
        var missing = NewContainer("ou=batch");
        await Server.AddAsync(Container(services) + ServiceAccount($"uid=svc-present,{services}", "svc-present", "pw"));

        var read = await Source(Server, [services, missing]).ReadAsync(default);

        Assert.False(read.Complete);
        Assert.Equal("svc-present", Assert.Single(read.Accounts).Name);
        Assert.Contains(read.ObjectErrors, e => e.ExternalId == missing && e.Message.Contains("does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void Location_NamesServerAndBaseDns_NotThePassword()
    {
        var source = Source(Server, [$"ou=services,{SlapdServer.Suffix}", $"ou=batch,{SlapdServer.Suffix}"]);

        Assert.Equal($"ldap://127.0.0.1:{Server.Port}, ou=services,{SlapdServer.Suffix}; ou=batch,{SlapdServer.Suffix}", source.Location);
        Assert.DoesNotContain(Server.ReaderPassword, source.Location, StringComparison.Ordinal);
        Assert.Equal(DeploymentEnvironment.Staging, source.Environment);
        Assert.Equal("ldap", source.Kind);
    }

    private async Task WaitForAttributeAsync(string dn, string attribute)
    {
        for (var i = 0; i < 200; i++)
        {
            if ((await Server.ReadAsync(dn))?.ContainsKey(attribute) == true)
            {
                return;
            }
            await Task.Delay(25);
        }
        Assert.Fail($"{attribute} never appeared on {dn}");
    }
}
