using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Outbox;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Leaks;

/// <summary>Tells the owner and operators about a leak people decide on; the notices are keyed, so a redelivery adds none.</summary>
public sealed class LeakNotifyHandler(IDbContextFactory<NhiPortalDbContext> dbFactory, LeakNotices notices) : IFollowUpHandler
{
    public string Type => FollowUpTypes.LeakNotify;

    public int BatchSize => 1;

    public async Task HandleAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken ct)
    {
        foreach (var message in batch)
        {
            var payload = FollowUps.Read<LeakNotifyPayload>(message);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await notices.AddAsync(db, payload.ReportId, ct);
            await db.SaveChangesAsync(ct);
        }
    }
}
