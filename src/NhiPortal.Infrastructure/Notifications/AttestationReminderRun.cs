using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Notifications;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Hygiene;

namespace NhiPortal.Infrastructure.Notifications;

/// <summary>
/// Creates the attestation reminders that are due (<see cref="AttestationReminders"/>): one per identity, attestation
/// and stage, for its active owner, each also an identity event. Only attestations lapsing within the largest stage
/// are read, and reminders are written in batches, each its notifications and events in one transaction. (No index on
/// the attestation time: the job reads the identities once a pass, in the background, and an index would cost every
/// write to a million identities.)
/// </summary>
public sealed class AttestationReminderRun(IDbContextFactory<NhiPortalDbContext> dbFactory, AuditWriter audit, TimeProvider clock)
{
    private static readonly PortalUser Job = PortalUser.System("attestation-reminders");

    internal int BatchSize { get; init; } = 1_000;

    public async Task<int> CreateDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Due> due;
        int window;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            window = (await HygienePolicyStore.CurrentAsync(db, ct)).AttestationDays;
            // Attested between (window + largest stage) and window days ago: lapsing within the largest stage, not lapsed.
            var (from, to) = (now.AddDays(-window), now.AddDays(-window + AttestationReminders.StageDays.Max()));
            due = (await db.Identities.AsNoTracking()
                    .Where(i => i.LastAttestedUtc > from && i.LastAttestedUtc <= to && i.LifecycleState != IdentityLifecycleState.Decommissioned
                        && i.Owner != null && i.Owner.IsActive)
                    .Select(i => new Due(i.Id, i.Name, i.LastAttestedUtc!.Value, i.OwnerId!.Value, ""))
                    .ToListAsync(ct))
                .Select(i => (i, Stage: AttestationReminders.StageDue(i.Attested, now, window)))
                .Where(x => x.Stage is not null)
                .Select(x => x.i with { Key = AttestationReminders.DedupKey(x.i.Id, x.i.Attested, x.Stage!.Value) })
                .ToList();
        }
        var created = 0;
        foreach (var batch in due.Chunk(BatchSize))
        {
            created += await CreateBatchAsync(batch, now, window, ct);
        }
        return created;
    }

    private Task<int> CreateBatchAsync(Due[] batch, DateTime now, int window, CancellationToken ct) => ReminderBatch.WriteAsync(dbFactory, batch, i => i.Key, i =>
    {
        var lapses = AttestationReminders.LapsesUtc(i.Attested, window);
        var left = ExpiryReminders.Describe(lapses - now);
        return (new Notification
        {
            RecipientId = i.OwnerId,
            Kind = NotificationKinds.AttestationLapsing,
            Title = $"Attest {i.Name} within {left}",
            Body = $"Your attestation that you own {i.Name} and that it is still needed lapses on {lapses:yyyy-MM-dd HH:mm} UTC " +
                $"(the policy asks for one every {window} days). Attest it on its page, or hand it to its new owner.",
            Link = $"/identities/{i.Id}",
            DedupKey = i.Key,
            CreatedUtc = now,
        }, audit.Create(AuditStream.Identity, AuditEventTypes.Identity.AttestationReminderSent, Job, "Identity", AuditWriter.TargetKey(i.Id),
            $"{i.Name}: owner reminded that the attestation lapses in {left}", after: new { LapsesUtc = lapses }));
    }, ct);

    private sealed record Due(Guid Id, string Name, DateTime Attested, Guid OwnerId, string Key);
}
