using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Ownership;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Hygiene;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Ownership;

/// <summary>
/// Teams: created, renamed, led, dissolved or merged, each change with its event (Identity stream, target "Team")
/// in the change's transaction. A merge moves the team's NHIs and staff set-based, one TeamChanged event per NHI
/// written in bulk; the NHIs' scores follow through a rescore follow-up (a full one above the targeted limit), as a
/// dissolved team makes its NHIs orphans.
/// </summary>
public sealed class TeamAdministration(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, AuditWriter audit, FollowUps followUps) : ITeamAdministration
{
    public async Task<IReadOnlyList<TeamRow>> ListAsync(CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        var scope = user.Demand(Capability.ViewInventory);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Counted per team on the (TeamId, …) indexes: a few thousand teams over a million NHIs; a reviewer counts own NHIs only.
        var identities = await db.Identities.AsNoTracking().ScopedTo(scope, user).Where(i => i.TeamId != null).GroupBy(i => i.TeamId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var staff = await db.StaffMembers.AsNoTracking().Where(s => s.TeamId != null).GroupBy(s => s.TeamId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var teams = await db.Teams.AsNoTracking()
            .Select(t => new { t.Id, t.Name, t.IsDissolved, t.LeadId, Lead = db.StaffMembers.Where(s => s.Id == t.LeadId).Select(s => new { s.DisplayName, s.IsActive }).FirstOrDefault() })
            .ToListAsync(ct);
        return teams.OrderBy(t => t.IsDissolved).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .Select(t => new TeamRow(t.Id, t.Name, t.IsDissolved, t.LeadId, t.Lead?.DisplayName, t.Lead?.IsActive ?? false,
                identities.GetValueOrDefault(t.Id), staff.GetValueOrDefault(t.Id)))
            .ToList();
    }

    public async Task<Guid> CreateAsync(string name, Guid? leadId, CancellationToken ct = default)
    {
        var user = await DemandAsync();
        name = ValidName(name);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RefuseTakenNameAsync(db, name, null, ct);
        var lead = leadId is { } id ? await ActiveStaffAsync(db, id, ct) : null;
        var team = new Team { Name = name, LeadId = lead?.Id };
        db.Teams.Add(team);
        audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.TeamCreated, user, "Team", AuditWriter.TargetKey(team.Id),
            $"Team {name} created{(lead is null ? "" : $", led by {lead.DisplayName}")}", null, new { Name = name, Lead = lead?.DisplayName });
        await SaveNamedAsync(db, name, ct);
        return team.Id;
    }

    public async Task RenameAsync(Guid teamId, string name, CancellationToken ct = default)
    {
        var user = await DemandAsync();
        name = ValidName(name);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var team = await TeamAsync(db, teamId, ct);
        if (team.Name == name)
        {
            return;
        }
        await RefuseTakenNameAsync(db, name, teamId, ct);
        audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.TeamRenamed, user, "Team", AuditWriter.TargetKey(teamId),
            $"Team {team.Name} renamed to {name}", new { team.Name }, new { Name = name });
        team.Name = name;
        await SaveNamedAsync(db, name, ct);
    }

    public async Task SetLeadAsync(Guid teamId, Guid? leadId, CancellationToken ct = default)
    {
        var user = await DemandAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var team = await TeamAsync(db, teamId, ct);
        if (team.IsDissolved)
        {
            throw new ValidationException($"{team.Name} is dissolved: it has no lead to set.");
        }
        var lead = leadId is { } id ? await ActiveStaffAsync(db, id, ct) : null;
        var before = team.LeadId is { } old ? await db.StaffMembers.Where(s => s.Id == old).Select(s => s.DisplayName).SingleOrDefaultAsync(ct) : null;
        if (team.LeadId == lead?.Id)
        {
            return;
        }
        team.LeadId = lead?.Id;
        audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.TeamLeadChanged, user, "Team", AuditWriter.TargetKey(teamId),
            $"Team {team.Name}: lead {before ?? "none"} → {lead?.DisplayName ?? "none"}", new { Lead = before }, new { Lead = lead?.DisplayName });
        await db.SaveChangesAsync(ct);
    }

    public async Task<int> DissolveAsync(Guid teamId, Guid? mergeInto, string reason, CancellationToken ct = default)
    {
        var user = await DemandAsync();
        reason = Reasons.Require(reason, "Give the reason the team is dissolved; it is recorded in the audit log");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var team = await TeamAsync(db, teamId, ct);
        if (team.IsDissolved)
        {
            throw new ValidationException($"{team.Name} is already dissolved.");
        }
        var target = mergeInto is { } targetId ? await db.Teams.SingleOrDefaultAsync(t => t.Id == targetId, ct) : null;
        if (mergeInto is not null && TeamRules.MergeProblem(teamId, target) is { } problem)
        {
            throw new ValidationException(problem);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Claimed by one conditional update (a second dissolve finds it done), and the target's row locked while it is
        // checked again: two merges into each other, or a target dissolved meanwhile, cannot both commit.
        if (await db.Teams.Where(t => t.Id == teamId && !t.IsDissolved).ExecuteUpdateAsync(s => s.SetProperty(t => t.IsDissolved, true), ct) == 0)
        {
            throw new ValidationException($"{team.Name} was dissolved meanwhile.");
        }
        if (target is not null
            && await db.Teams.Where(t => t.Id == target.Id && !t.IsDissolved).ExecuteUpdateAsync(s => s.SetProperty(t => t.Name, t => t.Name), ct) == 0)
        {
            throw new ValidationException($"{target.Name} was dissolved meanwhile: merge into a team that still exists.");
        }
        var correlation = $"team-{teamId:N}-dissolved";
        var members = await db.Identities.Where(i => i.TeamId == teamId).Select(i => new { i.Id, i.Name }).ToListAsync(ct);
        var staffMoved = 0;
        if (target is not null)
        {
            // By the ids read, so every NHI moved has its event; one added to the team meanwhile stays, as an orphan.
            foreach (var chunk in members.Select(m => m.Id).Chunk(1_000))
            {
                await db.Identities.Where(i => chunk.Contains(i.Id) && i.TeamId == teamId)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.TeamId, target.Id).SetProperty(i => i.Version, i => i.Version + 1), ct);
            }
            staffMoved = await db.StaffMembers.Where(s => s.TeamId == teamId).ExecuteUpdateAsync(s => s.SetProperty(m => m.TeamId, target.Id), ct);
            await AuditWriter.AppendManyAsync(db, members.Select(i => audit.Create(AuditStream.Identity, AuditEventTypes.Identity.TeamChanged, user, "Identity",
                AuditWriter.TargetKey(i.Id), $"{i.Name}: team {team.Name} → {target.Name} (merged). Reason: {reason}", new { Team = team.Name },
                new { Team = target.Name }, correlation)).ToList(), ct: ct);
        }
        team.IsDissolved = true;
        team.LeadId = null;
        audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.TeamDissolved, user, "Team", AuditWriter.TargetKey(teamId),
            target is null ? $"Team {team.Name} dissolved; its {members.Count:N0} NHIs stay on it as orphans until they are moved. Reason: {reason}"
                : $"Team {team.Name} merged into {target.Name}: {members.Count:N0} NHIs moved. Reason: {reason}",
            new { team.Name, Dissolved = false }, new { Dissolved = true, MergedInto = target?.Name, Moved = target is null ? 0 : members.Count, StaffMoved = staffMoved }, correlation);
        if (members.Count > HygieneRescorer.TargetedLimit)
        {
            followUps.RescoreAll(db, user, "team dissolved");
        }
        else
        {
            followUps.Rescore(db, user, members.Select(m => m.Id), "team dissolved");
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return target is null ? 0 : members.Count;
    }

    private async Task<PortalUser> DemandAsync()
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.ManageOwnership);
        return user;
    }

    private static string ValidName(string name) => TeamRules.NameProblem(name) is { } problem ? throw new ValidationException(problem) : name.Trim();

    private static async Task RefuseTakenNameAsync(NhiPortalDbContext db, string name, Guid? self, CancellationToken ct)
    {
        var lower = name.ToLowerInvariant();
        if (await db.Teams.AnyAsync(t => t.Name.ToLower() == lower && t.Id != self, ct))
        {
            throw Taken(name);
        }
    }

    private static ValidationException Taken(string name) => new($"A team named {name} exists already.");

    // The unique index decides between two people saving the same name at once.
    private static async Task SaveNamedAsync(NhiPortalDbContext db, string name, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw Taken(name);
        }
    }

    private static async Task<Team> TeamAsync(NhiPortalDbContext db, Guid teamId, CancellationToken ct) =>
        await db.Teams.SingleOrDefaultAsync(t => t.Id == teamId, ct) ?? throw new NotFoundException("Team");

    private static async Task<StaffMember> ActiveStaffAsync(NhiPortalDbContext db, Guid staffId, CancellationToken ct)
    {
        var member = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == staffId, ct) ?? throw new NotFoundException("Staff member");
        return member.IsActive ? member : throw new ValidationException($"{member.DisplayName} has left: a team lead must be in the directory.");
    }
}
