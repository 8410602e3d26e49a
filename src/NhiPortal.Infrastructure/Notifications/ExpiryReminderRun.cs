using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Notifications;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Hygiene;

namespace NhiPortal.Infrastructure.Notifications;

/// <summary>
/// Creates the expiry reminders that are due: one per credential and stage (30/7/1 days, inside the policy's warning
/// window) for the identity's owner. Vault-less credentials (manual entries, SaaS tokens) are covered like any other,
/// because the reminder reads the recorded expiry, not a store. Each reminder is also a credential event. Reminders are written in batches, each its notifications and events in one transaction.
/// </summary>
public sealed class ExpiryReminderRun(IDbContextFactory<NhiPortalDbContext> dbFactory, AuditWriter audit, TimeProvider clock)
{
    private static readonly PortalUser Job = PortalUser.System("expiry-reminders");

    /// <summary>Reminders per transaction (and dedup keys per query): a first run at scale creates tens of thousands.</summary>
    internal int BatchSize { get; init; } = 1_000;

    public async Task<int> CreateDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<DueReminder> due;
        int warningDays;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var policy = await HygienePolicyStore.CurrentAsync(db, ct);
            warningDays = policy.ExpiryWarningDays;
            var horizon = now.AddDays(Math.Min(warningDays, ExpiryReminders.StageDays.Max()));
            due = (await db.Credentials.AsNoTracking()
                    .Where(c => c.State == CredentialState.Active && c.ExpiresUtc > now && c.ExpiresUtc <= horizon
                        && c.Identity != null && c.Identity.Owner != null && c.Identity.Owner.IsActive)
                    .Select(c => new DueReminder(c.Id, c.Name, c.Kind, c.Store, c.ExpiresUtc!.Value, c.IdentityId!.Value, c.Identity!.Name, c.Identity.OwnerId!.Value, ""))
                    .ToListAsync(ct))
                .Select(c => (c, Stage: ExpiryReminders.StageDue(c.Expires, now, warningDays)))
                .Where(x => x.Stage is not null)
                .Select(x => x.c with { Key = ExpiryReminders.DedupKey(x.c.Id, x.c.Expires, x.Stage!.Value) })
                .ToList();
        }
        var created = 0;
        foreach (var batch in due.Chunk(BatchSize))
        {
            created += await CreateBatchAsync(batch, now, ct);
        }
        return created;
    }

    private Task<int> CreateBatchAsync(DueReminder[] batch, DateTime now, CancellationToken ct) => ReminderBatch.WriteAsync(dbFactory, batch, c => c.Key, c =>
    {
        var left = ExpiryReminders.Describe(c.Expires - now);
        return (new Notification
        {
            RecipientId = c.OwnerId,
            Kind = NotificationKinds.CredentialExpiring,
            Title = $"{c.Name} expires in {left}",
            Body = $"The {c.Kind} {c.Name} of {c.Identity} (held in {c.Store}) expires on {c.Expires:yyyy-MM-dd HH:mm} UTC. "
                + "Rotate or renew it before then, and record the new expiry in the portal.",
            Link = $"/identities/{c.IdentityId}",
            DedupKey = c.Key,
            CreatedUtc = now,
        }, audit.Create(AuditStream.Credential, AuditEventTypes.Credential.ExpiryReminderSent, Job, "Credential", AuditWriter.TargetKey(c.Id),
            $"{c.Name}: owner reminded that it expires in {left}", after: new { ExpiresUtc = c.Expires }));
    }, ct);

    private sealed record DueReminder(Guid Id, string Name, CredentialKind Kind, string Store, DateTime Expires, Guid IdentityId, string Identity, Guid OwnerId, string Key);
}
