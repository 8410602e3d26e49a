using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Feed;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Feed;

/// <summary>The feed page (administrators) and the feed panel of the background-work page (operators).</summary>
public sealed class FeedDestinations(IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, FeedDestinationWriter writer) : IFeedDestinations
{
    public async Task<IReadOnlyList<FeedDestinationRow>> ListAsync(CancellationToken ct = default)
    {
        (await currentUser.GetAsync()).Demand(Capability.ManageFeed);
        return await RowsAsync(ct);
    }

    public async Task<FeedDestinationRow> SaveAsync(FeedDestinationInput input, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.ManageFeed);
        var id = await writer.SaveAsync(user, input, ct);
        return (await RowsAsync(ct)).Single(r => r.Id == id);
    }

    public async Task SetEnabledAsync(Guid id, bool enabled, int version, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.ManageFeed);
        await writer.SetEnabledAsync(user, id, enabled, version, ct);
    }

    public async Task ReplayAsync(Guid id, long fromSequence, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.ManageFeed);
        await writer.ReplayAsync(user, id, fromSequence, ct);
    }

    public async Task<IReadOnlyList<FeedDestinationRow>> GetStatusAsync(CancellationToken ct = default)
    {
        (await currentUser.GetAsync()).Demand(Capability.OperateBackgroundWork);
        return await RowsAsync(ct);
    }

    private async Task<IReadOnlyList<FeedDestinationRow>> RowsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var destinations = await db.FeedDestinations.AsNoTracking().OrderBy(d => d.Name).ToListAsync(ct);
        var latest = await db.AuditEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        var rows = new List<FeedDestinationRow>(destinations.Count);
        foreach (var d in destinations)
        {
            var cursor = d.Cursor;
            // Counted, not subtracted: ids may have gaps.
            var lag = await db.AuditEvents.LongCountAsync(e => e.Id > cursor, ct);
            var oldest = lag == 0 ? null : await db.AuditEvents.Where(e => e.Id > cursor).OrderBy(e => e.Id).Select(e => (DateTime?)e.OccurredUtc).FirstOrDefaultAsync(ct);
            rows.Add(new FeedDestinationRow(d.Id, d.Name, d.Kind, d.Format, d.Address, d.Tls, d.CaFile, d.PinnedThumbprint, d.SecretVariable, d.SecretFile,
                d.PreviousSecretVariable, d.PreviousSecretFile, d.Enabled, d.Cursor, latest, lag, oldest, d.DeliveredCount, d.FailureCount, d.ConsecutiveFailures,
                d.LastError, d.LastDeliveredUtc, d.NextAttemptUtc, d.LastHeadsUtc, d.Version));
        }
        return rows;
    }
}
