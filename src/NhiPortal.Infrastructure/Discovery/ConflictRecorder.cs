using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Discovery;
using NhiPortal.Core.Notifications;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Discovery;

/// <summary>
/// Keeps the list of disagreements current: one open conflict per identity and field, refreshed while the source keeps
/// disagreeing, closed by the system when it comes round. A revoked credential live again in its source is critical:
/// an event on the credential and a notice to every operator and administrator.
/// </summary>
internal sealed class ConflictRecorder(AuditWriter audit)
{
    public async Task<int> RecordAsync(NhiPortalDbContext db, string source, DiscoveryPlan plan, PortalUser actor, string correlation, DateTime now, CancellationToken ct)
    {
        var open = await db.SourceConflicts.Where(c => c.Source == source && c.ResolvedUtc == null).ToListAsync(ct);
        // Grouped, not ToDictionary: two instances racing once must not stop every later sync of the source.
        var byKey = open.GroupBy(c => (c.IdentityId, c.Field)).ToDictionary(g => g.Key, g => g.First());
        foreach (var agreed in plan.Agreed)
        {
            if (byKey.Remove(agreed, out var settled))
            {
                settled.ResolvedUtc = now;
                settled.ResolvedBy = actor.Subject;
            }
        }
        var criticalNew = new List<ConflictDraft>();
        foreach (var draft in plan.Conflicts)
        {
            if (byKey.TryGetValue((draft.IdentityId, draft.Field), out var existing))
            {
                existing.LastObservedUtc = now;
                existing.SourceValue = Core.Common.Reasons.Fit(draft.SourceValue, 400);
                continue;
            }
            var conflict = new SourceConflict
            {
                Source = source, IdentityId = draft.IdentityId, CredentialId = draft.CredentialId, Field = draft.Field,
                PortalValue = Core.Common.Reasons.Fit(draft.PortalValue, 400), SourceValue = Core.Common.Reasons.Fit(draft.SourceValue, 400),
                Critical = draft.Critical, FirstObservedUtc = now, LastObservedUtc = now,
            };
            db.SourceConflicts.Add(conflict);
            byKey[(draft.IdentityId, draft.Field)] = conflict;
            if (draft.Critical)
            {
                criticalNew.Add(draft);
            }
        }
        if (criticalNew.Count > 0)
        {
            await RaiseCriticalAsync(db, source, criticalNew, actor, correlation, now, ct);
        }
        await db.SaveChangesAsync(ct);
        return plan.Conflicts.Count;
    }

    private async Task RaiseCriticalAsync(NhiPortalDbContext db, string source, List<ConflictDraft> drafts, PortalUser actor, string correlation, DateTime now, CancellationToken ct)
    {
        var ids = drafts.Select(d => d.IdentityId).ToList();
        var names = await db.Identities.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        // Roles as the portal stored them at sign-in, read by the one parser of that column.
        var operators = (await db.StaffMembers.Where(s => s.IsActive && s.PortalRoles != null).Select(s => new { s.Id, s.PortalRoles }).ToListAsync(ct))
            .Where(s => Core.Reviews.ReviewerCandidate.Roles(s.PortalRoles!) is var roles && (roles.Contains(PortalRole.SecurityOperator) || roles.Contains(PortalRole.Administrator)))
            .Select(s => s.Id).ToList();
        foreach (var draft in drafts)
        {
            var name = names.GetValueOrDefault(draft.IdentityId, draft.IdentityId.ToString());
            audit.Append(db, AuditStream.Credential, AuditEventTypes.Credential.ReappearedEnabled, actor, "Credential", AuditWriter.TargetKey(draft.CredentialId!.Value),
                $"CRITICAL: {name}: a credential the portal revoked is enabled again in {source}.",
                new { State = draft.PortalValue }, new { Source = source, Observed = draft.SourceValue }, correlation);
            foreach (var recipient in operators)
            {
                db.Notifications.Add(new Notification
                {
                    RecipientId = recipient, Kind = NotificationKinds.SourceFinding, CreatedUtc = now,
                    Title = $"Critical: revoked credential of {name} is enabled again",
                    Body = $"{source} lists the credential of {name} as enabled although the portal revoked it. Revoke it again and find out who re-enabled it.",
                    Link = $"/identities/{draft.IdentityId}",
                    DedupKey = $"source-finding:{draft.CredentialId}:{now:yyyyMMddHHmm}",
                });
            }
        }
    }
}
