using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Feed;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Feed;
using NhiPortal.Tests.Shared;

namespace NhiPortal.Benchmarks;

/// <summary>
/// The SIEM feed into a real rsyslog (a throwaway one on 127.0.0.1; needs rsyslog): (1) the audit events of a real
/// 100,000-credential revocation run (an instant connector), until the last line is in rsyslog's file, beside the
/// same frames preformatted and written straight to a socket; (2) steady state: events written one per transaction
/// at a steady rate, each timed from its commit to its line appearing in the file (p50, p95, max).
/// </summary>
internal static partial class FeedBenchmark
{
    public static async Task RunAsync(int bulk = 100_000, int steadyPerSecond = 50, int steadySeconds = 20)
    {
        await using var bench = await BenchmarkPortal.CreateAsync("feed");
        var (directory, factory, services) = (bench.Directory, bench.Factory, bench.Services);
        await using var rsyslog = await RsyslogServer.StartAsync();
        var audit = services.GetRequiredService<AuditWriter>();
        var writer = services.GetRequiredService<FeedDestinationWriter>();
        var actor = PortalUser.System("revocation", "run \"bench\", requested by the benchmark", Capability.Revoke);

        // (1) Bulk: a real revocation run of `bulk` credentials (an instant connector; its steps' events as the run writes
        // them), then the feed from just before the run's first event.
        await using (var db = factory.CreateDbContext())
        {
            await new SyntheticOrganisationLoader(audit, TimeProvider.System)
                .LoadAsync(db, new Core.Inventory.SyntheticOrganisationSize(Staff: 200, Teams: 20, Identities: bulk / 2, Credentials: bulk * 3 / 2));
        }
        long before;
        await using (var db = factory.CreateDbContext())
        {
            before = await db.AuditEvents.MaxAsync(e => (long?)e.Id) ?? 0;
        }
        await BulkRevokeBenchmark.RunOnAsync(factory, bulk);
        long runEvents;
        await using (var db = factory.CreateDbContext())
        {
            runEvents = await db.AuditEvents.CountAsync(e => e.Id > before);
        }
        var job = ActivatorUtilities.CreateInstance<FeedDeliveryJob>(services, NullLogger<FeedDeliveryJob>.Instance);
        var portal = Stopwatch.StartNew();
        var destination = await writer.SaveAsync(PortalUser.System("bench", "the benchmark", Capability.ManageFeed),
            new FeedDestinationInput { Name = "rsyslog", Kind = FeedKind.Syslog, Address = rsyslog.Address }, CancellationToken.None);
        // Only the run's events (and the destination's own): the organisation's load is not the measure.
        await using (var db = factory.CreateDbContext())
        {
            await db.FeedDestinations.Where(d => d.Id == destination).ExecuteUpdateAsync(u => u.SetProperty(d => d.Cursor, before));
        }
        await job.StartAsync(CancellationToken.None);
        var portalLines = await WaitForLinesAsync(rsyslog.OutputPath, runEvents + 1, TimeSpan.FromSeconds(300));
        var portalTime = portal.Elapsed;

        // The bare limit: the same frames, preformatted, written straight to a socket.
        List<AuditEvent> rows;
        await using (var db = factory.CreateDbContext())
        {
            rows = await db.AuditEvents.AsNoTracking().Where(e => e.Id > before).OrderBy(e => e.Id).Take((int)runEvents).ToListAsync();
        }
        var frames = SyslogTransport.Frames(rows.Select(e => FeedMessages.For(e, FeedFormat.Ocsf)).ToList());
        rsyslog.Clear();
        var bare = Stopwatch.StartNew();
        using (var client = new TcpClient { NoDelay = true })
        {
            await client.ConnectAsync("127.0.0.1", rsyslog.Port);
            await client.GetStream().WriteAsync(frames);
        }
        var bareLines = await WaitForLinesAsync(rsyslog.OutputPath, runEvents, TimeSpan.FromSeconds(300));
        var bareTime = bare.Elapsed;
        Console.WriteLine($"feed bulk: the {runEvents:N0} audit events of a {bulk:N0}-credential revocation run into rsyslog: portal feed {portalTime.TotalSeconds:N1} s ({portalLines:N0} lines, "
            + $"{runEvents / portalTime.TotalSeconds:N0} events/s); bare preformatted frames on one socket {bareTime.TotalSeconds:N1} s ({bareLines:N0} lines, "
            + $"{runEvents / bareTime.TotalSeconds:N0} events/s); {frames.Length / 1024.0 / 1024.0:N1} MB of frames");

        // (2) Steady state: one event per transaction at a steady rate, commit to line in the file.
        rsyslog.Clear();
        var written = new Dictionary<long, long>();
        var received = new Dictionary<long, long>();
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var tail = Task.Run(() => TailAsync(rsyslog.OutputPath, received, clock, stop.Token));
        var total = steadyPerSecond * steadySeconds;
        var interval = TimeSpan.FromSeconds(1.0 / steadyPerSecond);
        for (var i = 0; i < total; i++)
        {
            var due = interval * i;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }
            await using var db = factory.CreateDbContext();
            var row = audit.Append(db, AuditStream.Credential, AuditEventTypes.Credential.Rotated, actor, "Credential", AuditWriter.TargetKey(Guid.NewGuid()), $"steady {i}");
            await db.SaveChangesAsync();
            lock (written)
            {
                written[row.Id] = clock.ElapsedTicks;
            }
        }
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until && written.Keys.Any(id => !Received(received, id)))
        {
            await Task.Delay(100);
        }
        await stop.CancelAsync();
        await tail;
        await job.StopAsync(CancellationToken.None);
        var latencies = written.Where(w => Received(received, w.Key))
            .Select(w => (Get(received, w.Key) - w.Value) * 1000.0 / Stopwatch.Frequency).Order().ToList();
        Console.WriteLine($"feed steady: {total:N0} events at {steadyPerSecond}/s, one per transaction, {latencies.Count:N0} received; commit to rsyslog file "
            + $"p50 {Percentile(latencies, 0.50):N0} ms, p95 {Percentile(latencies, 0.95):N0} ms, max {latencies.LastOrDefault():N0} ms (Feed:PollMilliseconds 1000)");
    }

    private static bool Received(Dictionary<long, long> received, long id)
    {
        lock (received)
        {
            return received.ContainsKey(id);
        }
    }

    private static long Get(Dictionary<long, long> received, long id)
    {
        lock (received)
        {
            return received[id];
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>Follows the file as rsyslog appends to it, noting when each event id's line first appears.</summary>
    private static async Task TailAsync(string path, Dictionary<long, long> received, Stopwatch clock, CancellationToken ct)
    {
        while (!File.Exists(path) && !ct.IsCancellationRequested)
        {
            await Task.Delay(10, CancellationToken.None);
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var partial = "";
        while (!ct.IsCancellationRequested)
        {
            var chunk = await reader.ReadToEndAsync(CancellationToken.None);
            if (chunk.Length == 0)
            {
                await Task.Delay(10, CancellationToken.None);
                continue;
            }
            var now = clock.ElapsedTicks;
            var lines = (partial + chunk).Split('\n');
            partial = lines[^1];
            lock (received)
            {
                foreach (var line in lines[..^1])
                {
                    if (IdParam().Match(line) is { Success: true } m && long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                    {
                        received.TryAdd(id, now);
                    }
                }
            }
        }
    }

    private static async Task<long> WaitForLinesAsync(string path, long lines, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        long count = 0;
        while (DateTime.UtcNow < until)
        {
            count = File.Exists(path) ? await CountLinesAsync(path) : 0;
            if (count >= lines)
            {
                return count;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{path}: {count:N0} of {lines:N0} lines after {timeout.TotalSeconds:N0} s");
    }

    private static async Task<long> CountLinesAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20);
        var buffer = new byte[1 << 20];
        long count = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            count += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        return count;
    }

    [GeneratedRegex("""\[nhiportal@32473 id="([0-9]+)" """)]
    private static partial Regex IdParam();
}
