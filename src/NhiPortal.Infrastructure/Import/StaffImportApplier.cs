using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Import;
using NhiPortal.Core.Ownership;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Ownership;

namespace NhiPortal.Infrastructure.Import;

/// <summary>
/// Applies a staff directory import's rows inside the import's transaction: people added or updated (a departure
/// orphans what they own), then their managers (who may be new on the same file), then team leads; each audited.
/// </summary>
public sealed class StaffImportApplier(AuditWriter audit, StaffDeparture departures)
{
    public async Task ApplyAsync(NhiPortalDbContext db, IReadOnlyList<StaffDraft> drafts, Dictionary<string, Guid> teams, PortalUser user,
        string fileName, string correlation, CancellationToken ct)
    {
        var changed = drafts.Where(d => d.Action != ImportAction.Unchanged).ToList();
        var members = new Dictionary<StaffDraft, StaffMember>();
        foreach (var draft in changed)
        {
            members[draft] = await ApplyPersonAsync(db, draft, teams, user, fileName, correlation, ct);
        }
        var managers = await ManagersByEmailAsync(db, changed, members.Values, ct);
        foreach (var draft in changed.Where(d => d.SetsManager))
        {
            var member = members[draft];
            var managerId = draft.ManagerEmail is null ? (Guid?)null : managers[draft.ManagerEmail];
            if (member.ManagerId == managerId)
            {
                continue;
            }
            audit.Append(db, AuditStream.Access, AuditEventTypes.Access.StaffMemberImported, user, "StaffMember", AuditWriter.TargetKey(member.Id),
                $"{member.DisplayName}: manager {(draft.ManagerEmail ?? "none")} from {fileName} (row {draft.RowNumber})",
                new { Manager = member.ManagerId }, new { Manager = managerId }, correlation);
            member.ManagerId = managerId;
        }
        await ApplyLeadsAsync(db, changed.Where(d => d.TeamLead is not null).ToList(), members, teams, user, fileName, correlation, ct);
    }

    private async Task<StaffMember> ApplyPersonAsync(NhiPortalDbContext db, StaffDraft d, Dictionary<string, Guid> teams, PortalUser user,
        string fileName, string correlation, CancellationToken ct)
    {
        var teamId = d.TeamName is null ? (Guid?)null : teams[d.TeamName];
        if (d.Action == ImportAction.Create)
        {
            var member = new StaffMember { Subject = d.Subject, DisplayName = d.DisplayName, Email = d.Email, TeamId = teamId, IsActive = d.IsActive };
            db.StaffMembers.Add(member);
            audit.Append(db, AuditStream.Access, AuditEventTypes.Access.StaffMemberImported, user, "StaffMember", AuditWriter.TargetKey(member.Id),
                $"{d.DisplayName} added to the staff directory from {fileName} (row {d.RowNumber})", after: d, correlationId: correlation);
            return member;
        }
        var existing = await db.StaffMembers.SingleAsync(s => s.Id == d.ExistingId, ct);
        var before = new { existing.DisplayName, existing.Email, existing.TeamId, existing.IsActive };
        (existing.DisplayName, existing.Email, existing.TeamId) = (d.DisplayName, d.Email, teamId);
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.StaffMemberImported, user, "StaffMember", AuditWriter.TargetKey(existing.Id),
            $"{d.DisplayName} updated from {fileName} (row {d.RowNumber})", before, new { d.DisplayName, d.Email, TeamId = teamId, d.IsActive }, correlation);
        if (existing.IsActive && !d.IsActive)
        {
            await departures.RecordAsync(db, user, existing, $"the directory import {fileName} says they left", correlation, ct);
        }
        existing.IsActive = d.IsActive;
        return existing;
    }

    /// <summary>Managers by email: people in the directory, and people this file adds or renames.</summary>
    private static async Task<Dictionary<string, Guid>> ManagersByEmailAsync(NhiPortalDbContext db, IReadOnlyList<StaffDraft> drafts,
        IEnumerable<StaffMember> applied, CancellationToken ct)
    {
        var byEmail = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in applied.Where(m => m.Email is not null))
        {
            byEmail[member.Email!] = member.Id;
        }
        foreach (var s in await db.StaffMembers.AsNoTracking().WithEmailsAsync(drafts.Select(d => d.ManagerEmail).OfType<string>(), ct))
        {
            byEmail.TryAdd(s.Email!, s.Id);
        }
        return byEmail;
    }

    private async Task ApplyLeadsAsync(NhiPortalDbContext db, IReadOnlyList<StaffDraft> drafts, Dictionary<StaffDraft, StaffMember> members,
        Dictionary<string, Guid> teams, PortalUser user, string fileName, string correlation, CancellationToken ct)
    {
        if (drafts.Count == 0)
        {
            return;
        }
        var ids = drafts.Select(d => members[d].Id).ToList();
        var teamIds = drafts.Where(d => d.TeamLead == true).Select(d => teams[d.TeamName!]).ToList();
        var touched = await db.Teams.Where(t => teamIds.Contains(t.Id) || (t.LeadId != null && ids.Contains(t.LeadId.Value))).ToListAsync(ct);
        foreach (var draft in drafts)
        {
            var member = members[draft];
            var changes = draft.TeamLead == true
                ? touched.Where(t => t.Id == teams[draft.TeamName!] && t.LeadId != member.Id)
                : touched.Where(t => t.LeadId == member.Id);
            foreach (var team in changes.ToList())
            {
                var lead = draft.TeamLead == true ? member : null;
                audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.TeamLeadChanged, user, "Team", AuditWriter.TargetKey(team.Id),
                    $"Team {team.Name}: lead {(lead is null ? $"{member.DisplayName} → none" : $"→ {lead.DisplayName}")} from {fileName} (row {draft.RowNumber})",
                    new { Lead = team.LeadId }, new { Lead = lead?.Id }, correlation);
                team.LeadId = lead?.Id;
            }
        }
    }
}
