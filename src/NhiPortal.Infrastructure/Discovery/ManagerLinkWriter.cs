using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Discovery;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Discovery;

/// <summary>
/// Sets the staff directory's managers from a directory source's people, matched by email, in the sync's transaction:
/// only a person and a manager both already in the staff directory are linked, only a change is written (audited),
/// and a person the source does not name keeps their manager (a read never clears one).
/// </summary>
internal sealed class ManagerLinkWriter(AuditWriter audit)
{
    public async Task<int> ApplyAsync(NhiPortalDbContext db, string source, IReadOnlyList<ManagerLink> links, PortalUser actor, string correlation, CancellationToken ct)
    {
        if (links.Count == 0)
        {
            return 0;
        }
        var staff = await db.StaffMembers.WithEmailsAsync(links.SelectMany(l => new[] { l.PersonEmail, l.ManagerEmail }), ct);
        // Two staff rows with one email are ambiguous: neither is linked by it.
        var byEmail = staff.GroupBy(s => s.Email!, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single(), StringComparer.OrdinalIgnoreCase);
        var changed = 0;
        foreach (var link in links.DistinctBy(l => l.PersonEmail, StringComparer.OrdinalIgnoreCase))
        {
            if (!byEmail.TryGetValue(link.PersonEmail, out var person) || !byEmail.TryGetValue(link.ManagerEmail, out var manager) || person.ManagerId == manager.Id)
            {
                continue;
            }
            var before = person.ManagerId is { } old ? staff.FirstOrDefault(s => s.Id == old)?.DisplayName ?? old.ToString("D") : null;
            audit.Append(db, AuditStream.Access, AuditEventTypes.Access.StaffManagerChanged, actor, "StaffMember", AuditWriter.TargetKey(person.Id),
                $"{person.DisplayName}: manager {before ?? "none"} → {manager.DisplayName}, as {source} says", new { Manager = person.ManagerId },
                new { Manager = manager.Id }, correlation);
            person.ManagerId = manager.Id;
            changed++;
        }
        return changed;
    }
}
