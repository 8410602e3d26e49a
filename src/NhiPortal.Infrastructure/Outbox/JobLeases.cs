using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Hygiene;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Outbox;

/// <summary>
/// One row per scheduled job naming the instance that may run it until a time: how several instances run each job
/// once. A test races eight holders on each provider.
/// </summary>
public static class JobLeases
{
    /// <summary>Takes (or renews) the named lease unless another holder's lease is still running. One statement per step, so racing instances cannot both win.</summary>
    public static async Task<bool> TryAcquireAsync(IDbContextFactory<NhiPortalDbContext> dbFactory, string job, string holder, TimeSpan duration,
        TimeProvider clock, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var taken = await db.JobLeases.Where(l => l.Name == job && (l.ExpiresUtc < now || l.Holder == holder))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresUtc, now + duration), ct);
        if (taken == 1)
        {
            return true;
        }
        if (await db.JobLeases.AnyAsync(l => l.Name == job, ct))
        {
            return false;
        }
        try
        {
            db.JobLeases.Add(new JobLease { Name = job, Holder = holder, ExpiresUtc = now + duration });
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance inserted the lease first.
            return false;
        }
    }

    /// <summary>Gives a lease back early (a job that finished), so another instance need not wait for it to expire.</summary>
    public static async Task ReleaseAsync(IDbContextFactory<NhiPortalDbContext> dbFactory, string job, string holder, TimeProvider clock, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.JobLeases.Where(l => l.Name == job && l.Holder == holder).ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresUtc, now), ct);
    }
}
