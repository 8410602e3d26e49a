using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Feed;
using NhiPortal.Infrastructure.Feed;

namespace NhiPortal.Infrastructure.Tests.Feed;

public class FeedDestinationsTests
{
    private static FeedDestinationInput Syslog(string name = "siem") => new() { Name = name, Kind = FeedKind.Syslog, Address = "127.0.0.1:6514", Tls = true };

    [Fact]
    public async Task Save_AddThenChange_IsAuditedWithBeforeAndAfter()
    {
        await using var feed = await FeedHarness.CreateAsync();

        var added = await feed.AddAsync(Syslog());
        var changed = await feed.Destinations.SaveAsync(added.ToInput() with { Address = "127.0.0.1:6515", Format = FeedFormat.Cef });

        await using var db = feed.Database.CreateDbContext();
        var events = await db.AuditEvents.Where(e => e.Type == AuditEventTypes.Access.FeedDestinationChanged).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(AuditStream.Access, e.Stream));
        Assert.Null(events[0].BeforeJson);
        Assert.Equal("127.0.0.1:6514", JsonDocument.Parse(events[1].BeforeJson!).RootElement.GetProperty("Address").GetString());
        Assert.Equal("Cef", JsonDocument.Parse(events[1].AfterJson!).RootElement.GetProperty("Format").GetString());
        Assert.Equal("demo-admin", events[1].Actor);
        Assert.Equal(added.Version + 1, changed.Version);
    }

    [Fact]
    public async Task Save_StaleVersion_IsAnEditConflict()
    {
        await using var feed = await FeedHarness.CreateAsync();
        var added = await feed.AddAsync(Syslog());
        await feed.Destinations.SetEnabledAsync(added.Id, false, added.Version);

        await Assert.ThrowsAsync<EditConflictException>(() => feed.Destinations.SaveAsync(added.ToInput() with { Address = "127.0.0.1:1" }));
    }

    [Fact]
    public async Task Save_DuplicateName_IsRefused()
    {
        await using var feed = await FeedHarness.CreateAsync();
        await feed.AddAsync(Syslog());

        await Assert.ThrowsAsync<ValidationException>(() => feed.AddAsync(Syslog()));
    }

    [Fact]
    public async Task Replay_MovesTheCursorBack_AndIsAudited()
    {
        await using var feed = await FeedHarness.CreateAsync();
        var added = await feed.AddAsync(Syslog());
        await DeliveredUpToAsync(feed, added.Id, 20);

        await feed.Destinations.ReplayAsync(added.Id, 7);
        // Forward would skip events the receiver never had: refused.
        var forward = await Assert.ThrowsAsync<Core.Common.ValidationException>(() => feed.Destinations.ReplayAsync(added.Id, 9));

        Assert.Contains("7 or earlier", forward.Message, StringComparison.Ordinal);
        var row = await feed.RowAsync(added.Id);
        Assert.Equal(6, row.Cursor);
        Assert.Null(row.LastHeadsUtc);
        await using var db = feed.Database.CreateDbContext();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Type == AuditEventTypes.Access.FeedReplayRequested && e.TargetId == Infrastructure.Audit.AuditWriter.TargetKey(added.Id)));
    }

    [Fact]
    public async Task ManageFeed_IsForAdministratorsOnly_ButOperatorsSeeTheLag()
    {
        await using var feed = await FeedHarness.CreateAsync();
        await feed.AddAsync(Syslog());
        var operatorView = feed.Portal.As<IFeedDestinations>(FixedCurrentUser.Person("demo-operator", PortalRole.SecurityOperator));

        await Assert.ThrowsAsync<AccessDeniedException>(() => operatorView.ListAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => operatorView.SaveAsync(Syslog("other")));
        Assert.Single(await operatorView.GetStatusAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => feed.Portal.As<IFeedDestinations>(FixedCurrentUser.Person("demo-auditor", PortalRole.Auditor)).GetStatusAsync());
    }

    [Fact]
    public void Load_PlaintextSecretInConfiguration_StopsTheStart()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Feed:Destinations:siem:Kind"] = "Webhook",
            ["Feed:Destinations:siem:Address"] = "https://127.0.0.1/hook",
            ["Feed:Destinations:siem:Secret"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        }).Build();

        var ex = Assert.Throws<InvalidOperationException>(() => FeedConfiguration.Load(config));

        Assert.Contains("SecretVariable", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MfKQ9r8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_FromConfiguration_AddsOnceAsTheSystemActor_AndKeepsTheCursor()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Feed:Destinations:siem:Kind"] = "Syslog",
            ["Feed:Destinations:siem:Address"] = "127.0.0.1:6514",
            ["Feed:Destinations:siem:Format"] = "cef",
        }).Build();
        await using var feed = await FeedHarness.CreateAsync();
        var seeder = feed.Portal.Create<FeedDestinationSeeder>(FeedConfiguration.Load(config));

        Assert.Equal(1, await seeder.SeedAsync(CancellationToken.None));
        var row = Assert.Single(await feed.Destinations.ListAsync());
        await DeliveredUpToAsync(feed, row.Id, 10);
        await feed.Destinations.ReplayAsync(row.Id, 3);
        Assert.Equal(0, await seeder.SeedAsync(CancellationToken.None));

        Assert.Equal(FeedFormat.Cef, row.Format);
        Assert.Equal(2, (await feed.RowAsync(row.Id)).Cursor);
        await using var db = feed.Database.CreateDbContext();
        var audit = await db.AuditEvents.SingleAsync(e => e.Type == AuditEventTypes.Access.FeedDestinationChanged);
        Assert.Equal("system:feed", audit.Actor);
    }

    // As if the destination had received everything up to the id (the delivery pass moves the cursor the same way).
    private static async Task DeliveredUpToAsync(FeedHarness feed, Guid id, long cursor)
    {
        await using var db = feed.Database.CreateDbContext();
        await db.FeedDestinations.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Cursor, cursor));
    }
}
