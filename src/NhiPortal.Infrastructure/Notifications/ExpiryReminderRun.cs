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
/// because the reminder reads the recorded expiry, not a store. Each reminder is also a credential event.
/// </summary>
public sealed class ExpiryReminderRun(IDbContextFactory<NhiPortalDbContext> dbFactory, AuditWriter audit, TimeProvider clock)
{
    private static readonly PortalUser Job = PortalUser.System("expiry-reminders");

    public async Task<int> CreateDueAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var policy = await HygienePolicyStore.CurrentAsync(db, ct);
        var horizon = now.AddDays(Math.Min(policy.ExpiryWarningDays, ExpiryReminders.StageDays.Max()));
        var candidates = await db.Credentials
            .Where(c => c.State == CredentialState.Active && c.ExpiresUtc > now && c.ExpiresUtc <= horizon
                && c.Identity != null && c.Identity.Owner != null && c.Identity.Owner.IsActive)
            .Select(c => new
            {
                c.Id, c.Name, c.Kind, c.Store, Expires = c.ExpiresUtc!.Value, IdentityId = c.IdentityId!.Value,
                Identity = c.Identity!.Name, OwnerId = c.Identity.OwnerId!.Value,
            })
            .ToListAsync(ct);

        var due = candidates
            .Select(c => (c, Stage: ExpiryReminders.StageDue(c.Expires, now, policy.ExpiryWarningDays)))
            .Where(x => x.Stage is not null)
            .Select(x => (x.c, Key: ExpiryReminders.DedupKey(x.c.Id, x.c.Expires, x.Stage!.Value)))
            .ToList();
        if (due.Count == 0)
        {
            return 0;
        }
        var keys = due.Select(d => d.Key).ToList();
        var sent = (await db.Notifications.Where(n => keys.Contains(n.DedupKey)).Select(n => n.DedupKey).ToListAsync(ct)).ToHashSet();
        var created = 0;
        foreach (var (c, key) in due.Where(d => !sent.Contains(d.Key)))
        {
            var left = ExpiryReminders.Describe(c.Expires - now);
            db.Notifications.Add(new Notification
            {
                RecipientId = c.OwnerId,
                Kind = NotificationKinds.CredentialExpiring,
                Title = $"{c.Name} expires in {left}",
                Body = $"The {c.Kind} {c.Name} of {c.Identity} (held in {c.Store}) expires on {c.Expires:yyyy-MM-dd HH:mm} UTC. "
                    + "Rotate or renew it before then, and record the new expiry in the portal.",
                Link = $"/identities/{c.IdentityId}",
                DedupKey = key,
                CreatedUtc = now,
            });
            audit.Append(db, AuditStream.Credential, AuditEventTypes.Credential.ExpiryReminderSent, Job, "Credential", AuditWriter.TargetKey(c.Id),
                $"{c.Name}: owner reminded that it expires in {left}", after: new { ExpiresUtc = c.Expires });
            created++;
        }
        await db.SaveChangesAsync(ct);
        return created;
    }
}
