using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using NhiPortal.Core.Discovery;
using NhiPortal.Core.Feed;
using NhiPortal.Core.Outbox;
using NhiPortal.Infrastructure.Telemetry;

namespace NhiPortal.Infrastructure.Tests.Telemetry;

public class PortalMetricsSamplerTests
{
    [Fact]
    public async Task TheGauges_ReportTheLagsInTheDatabase_AsAnOpenTelemetryReaderSeesThem()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var now = database.Clock.GetUtcNow().UtcDateTime;
        await using (var db = database.CreateDbContext())
        {
            db.Outbox.Add(new OutboxMessage
            {
                Type = FollowUpTypes.Rescore, OccurredUtc = now.AddMinutes(-12), Actor = "test", SubjectType = "Organisation", PayloadJson = "{}",
                NextAttemptUtc = now.AddMinutes(-10),
            });
            // Not due yet, and done: neither counts.
            db.Outbox.Add(new OutboxMessage { Type = FollowUpTypes.Rescore, OccurredUtc = now, Actor = "test", SubjectType = "Organisation", PayloadJson = "{}", NextAttemptUtc = now.AddMinutes(5) });
            db.Outbox.Add(new OutboxMessage { Type = FollowUpTypes.Rescore, OccurredUtc = now.AddHours(-2), Actor = "test", SubjectType = "Organisation", PayloadJson = "{}", NextAttemptUtc = now.AddHours(-2), CompletedUtc = now.AddHours(-2) });
            db.JobStatuses.Add(new JobStatus { Name = "expiry-sweep", LastSucceededUtc = now.AddMinutes(-3) });
            db.FeedDestinations.Add(new FeedDestination { Name = "siem", Kind = FeedKind.Syslog, Format = FeedFormat.Ocsf, Address = "127.0.0.1:1", Enabled = true, Cursor = 0 });
            var audit = new Infrastructure.Audit.AuditWriter(database.Clock, database.ChainKey);
            for (var i = 0; i < 7; i++)
            {
                audit.Append(db, Core.Audit.AuditStream.Access, "Test", Core.Access.PortalUser.System("test"), "None", null, $"event {i}");
            }
            db.DiscoverySources.Add(new DiscoverySourceState { Name = "corp-ldap", Kind = "ldap", LastSuccessUtc = now.AddHours(-1) });
            await db.SaveChangesAsync();
        }
        await using (var db = database.CreateDbContext())
        {
            // The destination reads up to event 3 of the seven.
            var third = db.AuditEvents.OrderBy(e => e.Id).Skip(2).First().Id;
            var destination = db.FeedDestinations.Single();
            destination.Cursor = third;
            await db.SaveChangesAsync();
        }

        await new PortalMetricsSampler(database, database.Clock, NullLogger<PortalMetricsSampler>.Instance).SampleAsync();

        var seen = Collect();
        Assert.Equal(600, seen[("nhiportal.outbox.lag", "")]);
        Assert.Equal(180, seen[("nhiportal.job.lag", "expiry-sweep")]);
        Assert.Equal(4, seen[("nhiportal.feed.lag", "siem")]);
        Assert.Equal(3600, seen[("nhiportal.discovery.freshness", "corp-ldap")]);
    }

    // What an exporter reads: every observable instrument of the portal's meter, with its one tag's value.
    private static Dictionary<(string Name, string Tag), double> Collect()
    {
        var seen = new Dictionary<(string, string), double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PortalMeters.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            seen[(instrument.Name, tags.Length > 0 ? tags[0].Value?.ToString() ?? "" : "")] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}
