using NhiPortal.Core.Feed;
using NhiPortal.Tests.Shared;

namespace NhiPortal.Infrastructure.Tests.Feed;

/// <summary>The feed over TLS (RFC 5425) into a real rsyslog with the gtls driver and a certificate from a test CA.</summary>
public class TlsSyslogFeedTests(TlsRsyslogFixture fixture) : IClassFixture<TlsRsyslogFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private RsyslogServer Server => fixture.Server;

    public async Task InitializeAsync()
    {
        await Server.StartAgainAsync();
        Server.Clear();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private FeedDestinationInput Destination(string? caFile = null, string? pin = null) =>
        new() { Name = "rsyslog-tls", Kind = FeedKind.Syslog, Address = Server.Address, Tls = true, CaFile = caFile, PinnedThumbprint = pin };

    [Fact]
    public async Task Deliver_OverTlsTrustingTheConfiguredCa_Arrives()
    {
        await using var feed = await FeedHarness.CreateAsync();
        await feed.WriteEventsAsync(5);
        await feed.AddAsync(Destination(caFile: Server.Certificates!.CaFile));

        await feed.StartJobAsync();

        var expected = await feed.AllIdsAsync();
        Assert.True(await Server.WaitForAsync(s => s.ReceivedEventIds().Count >= expected.Count, Patience));
        Assert.Equal(expected, Server.ReceivedEventIds());
    }

    [Fact]
    public async Task Deliver_OverTlsWithThePinnedThumbprint_Arrives()
    {
        await using var feed = await FeedHarness.CreateAsync();
        await feed.WriteEventsAsync(2);
        await feed.AddAsync(Destination(pin: Server.Certificates!.ServerThumbprint));

        await feed.StartJobAsync();

        var expected = await feed.AllIdsAsync();
        Assert.True(await Server.WaitForAsync(s => s.ReceivedEventIds().Count >= expected.Count, Patience));
    }

    [Fact]
    public async Task Deliver_AnotherCa_FailsClosedWithAClearLastError()
    {
        await using var feed = await FeedHarness.CreateAsync();
        using var other = TestCertificates.Create(Path.GetDirectoryName(feed.Database.HeadsFile.Path)!, "Some other CA");
        await feed.WriteEventsAsync(2);
        var destination = await feed.AddAsync(Destination(caFile: other.CaFile));

        await feed.StartJobAsync();

        Assert.True(await feed.WaitForAsync(async () => (await feed.RowAsync(destination.Id)).LastError is not null, Patience));
        var row = await feed.RowAsync(destination.Id);
        Assert.Contains("not issued by the CA", row.LastError, StringComparison.Ordinal);
        Assert.Equal(0, row.Cursor);
        Assert.Empty(Server.ReceivedEventIds());
    }

    [Fact]
    public async Task Deliver_WrongPin_FailsClosed()
    {
        await using var feed = await FeedHarness.CreateAsync();
        await feed.WriteEventsAsync(1);
        var destination = await feed.AddAsync(Destination(pin: new string('A', 64)));

        await feed.StartJobAsync();

        Assert.True(await feed.WaitForAsync(async () => (await feed.RowAsync(destination.Id)).LastError is not null, Patience));
        Assert.Contains("pinned thumbprint", (await feed.RowAsync(destination.Id)).LastError, StringComparison.Ordinal);
        Assert.Empty(Server.ReceivedEventIds());
    }
}
