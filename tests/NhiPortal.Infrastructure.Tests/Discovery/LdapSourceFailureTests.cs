using NhiPortal.Core.Discovery;
using NhiPortal.Tests.Shared;
using static NhiPortal.Infrastructure.Tests.Discovery.LdapTestEntries;

namespace NhiPortal.Infrastructure.Tests.Discovery;

/// <summary>Failures that need a server of their own: one that stops, one that holds an entry only slapadd can store, one that dies mid-read.</summary>
public class LdapSourceFailureTests
{
    private static readonly string Services = $"ou=services,{SlapdServer.Suffix}";

    [Fact]
    public async Task ReadAsync_ServerStopped_ThrowsSayingItIsUnreachable()
    {
        await using var server = await SlapdServer.StartAsync(ServiceAccount($"uid=svc-a,{Services}", "svc-a", "pw"));
        var source = Source(server, [Services]);
        Assert.Single((await source.ReadAsync(default)).Accounts);

        await server.StopAsync();
        var ex = await Assert.ThrowsAsync<DiscoverySourceException>(() => source.ReadAsync(default));

        Assert.Contains("unreachable", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{server.Port}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_EntryWithYearZeroCreateTimestamp_IsAnObjectError_TheRestAreRead()
    {
        // createTimestamp is operational: only slapadd stores a value of one's choosing. Year 0000 is valid LDAP syntax but no date.
        var bad = $"uid=svc-bad,{Services}";
        await using var server = await SlapdServer.StartAsync(
            ServiceAccount($"uid=svc-good,{Services}", "svc-good", "pw") + ServiceAccount(bad, "svc-bad", "pw", "createTimestamp: 00000101000000Z"));

        var read = await Source(server, [Services]).ReadAsync(default);

        Assert.True(read.Complete);
        Assert.Equal("svc-good", Assert.Single(read.Accounts).Name);
        var error = Assert.Single(read.ObjectErrors);
        Assert.Equal(bad, error.ExternalId);
        Assert.Contains("createTimestamp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ConnectionCutMidPage_Throws()
    {
        var ldif = string.Concat(Enumerable.Range(1, 40).Select(i => ServiceAccount($"uid=svc-cut-{i:00},{Services}", $"svc-cut-{i:00}", "pw", "description: " + new string('x', 200))));
        await using var server = await SlapdServer.StartAsync(ldif);
        // The proxy passes the bind and the first pages, then closes both sides as a dying server would.
        await using var proxy = await CuttingProxy.StartAsync(server.Port, cutAfterServerBytes: 3_000);
        var source = Source(server, [Services], pageSize: 5, url: $"ldap://127.0.0.1:{proxy.Port}");

        var ex = await Assert.ThrowsAsync<DiscoverySourceException>(() => source.ReadAsync(default));

        Assert.Contains("search of", ex.Message, StringComparison.Ordinal);
        Assert.True(proxy.ServerBytes >= 3_000, $"the proxy passed only {proxy.ServerBytes} bytes: the cut came before the search");
    }
}
