using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Outbox;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Hygiene;
using NhiPortal.Infrastructure.Outbox;
using NhiPortal.Infrastructure.Revocation;

namespace NhiPortal.Benchmarks;

/// <summary>
/// What the outbox costs: follow-ups dispatched from the table beside the same work called directly, on the demo
/// organisation. (1) 2,000 single-identity "scores are stale" rows, coalesced, vs one targeted rescore of the same
/// identities; (2) 500 review remediations (a run each) vs 500 runs started directly with the same requests.
/// </summary>
internal static class OutboxBenchmark
{
    public static async Task RunAsync()
    {
        await using var bench = await BenchmarkPortal.CreateAsync("outbox");
        var (directory, factory, services) = (bench.Directory, bench.Factory, bench.Services);
        await using (var db = factory.CreateDbContext())
        {
            await services.GetRequiredService<DemoDataSeeder>().SeedIfEmptyAsync(db, Core.Inventory.SyntheticOrganisationSize.Demo);
        }
        var rescorer = services.GetRequiredService<HygieneRescorer>();
        var followUps = services.GetRequiredService<FollowUps>();
        var dispatcher = services.GetRequiredService<OutboxDispatcher>();
        var starter = services.GetRequiredService<RevocationRunStarter>();
        var system = PortalUser.System("bench", "the benchmark", Capability.Revoke);
        List<Guid> identities;
        await using (var db = factory.CreateDbContext())
        {
            identities = await db.Identities.OrderBy(i => i.Id).Select(i => i.Id).Take(HygieneRescorer.TargetedLimit).ToListAsync();
        }

        var bare = Stopwatch.StartNew();
        await rescorer.RescoreIdentitiesAsync(identities);
        var bareRescore = bare.Elapsed;
        var portal = Stopwatch.StartNew();
        await using (var db = factory.CreateDbContext())
        {
            foreach (var id in identities)
            {
                followUps.Rescore(db, system, [id], "bench");
            }
            await db.SaveChangesAsync();
        }
        var written = portal.Elapsed;
        await dispatcher.DrainAsync();
        var outboxRescore = portal.Elapsed;
        Console.WriteLine($"Rescore of {identities.Count:N0} identities: direct {bareRescore.TotalMilliseconds:N0} ms; through {identities.Count:N0} outbox rows " +
                          $"{outboxRescore.TotalMilliseconds:N0} ms (rows written {written.TotalMilliseconds:N0} ms) = {outboxRescore / bareRescore:N2}x");

        const int Runs = 500;
        List<Guid> withCredentials;
        await using (var db = factory.CreateDbContext())
        {
            withCredentials = await db.Credentials.Where(c => c.State == CredentialState.Active && c.IdentityId != null)
                .Select(c => c.IdentityId!.Value).Distinct().OrderBy(i => i).Take(Runs * 2).ToListAsync();
        }
        var direct = withCredentials.Take(Runs).ToList();
        var viaOutbox = withCredentials.Skip(Runs).Take(Runs).ToList();
        bare.Restart();
        foreach (var id in direct)
        {
            await starter.StartAsync(new RevocationRequest([], "INC-BENCH direct", id, IncludeManual: true), system);
        }
        var bareRuns = bare.Elapsed;
        portal.Restart();
        await using (var db = factory.CreateDbContext())
        {
            foreach (var id in viaOutbox)
            {
                followUps.Add(db, FollowUpTypes.ReviewRemediation, system, "Benchmark", null,
                    new ReviewRemediationPayload(Guid.NewGuid(), "bench", [], id, false, "INC-BENCH via the outbox", "bench"));
            }
            await db.SaveChangesAsync();
        }
        await dispatcher.DrainAsync();
        var outboxRuns = portal.Elapsed;
        await using (var db = factory.CreateDbContext())
        {
            var started = await db.RevocationRuns.CountAsync(r => r.Reason == "INC-BENCH via the outbox");
            Console.WriteLine($"{Runs} revocation runs: started directly {bareRuns.TotalMilliseconds:N0} ms; through the outbox {outboxRuns.TotalMilliseconds:N0} ms " +
                              $"({started} started) = {outboxRuns / bareRuns:N2}x");
        }
    }
}
