using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Requests;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Requests;

/// <summary>The Requests page: operators and overseers see every request; everyone else their own and their teams' (as lead).</summary>
public sealed class IdentityRequestQueries(IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser) : IIdentityRequestQueries
{
    public async Task<IReadOnlyList<IdentityRequestRow>> ListAsync(int take = 100, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        var everything = user.Can(Capability.ManageOwnership) || user.Can(Capability.OverseeOrganisation);
        if (!everything)
        {
            user.Demand(Capability.RequestIdentities);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = await db.StaffMembers.IdOfAsync(user.ScopeSubject, activeOnly: true, ct);
        var led = me is null ? [] : await db.Teams.Where(t => t.LeadId == me && !t.IsDissolved).Select(t => (Guid?)t.Id).ToListAsync(ct);
        var requests = db.IdentityRequests.AsNoTracking();
        if (!everything)
        {
            var subject = user.ScopeSubject;
            requests = requests.Where(r => r.RequesterPerson == subject || led.Contains(r.TeamId));
        }
        var rows = await requests.OrderBy(r => r.State == IdentityRequestState.Pending ? 0 : 1).ThenByDescending(r => r.RequestedUtc)
            .Take(Math.Clamp(take, 1, 500))
            .Select(r => new
            {
                Request = r,
                Owner = db.StaffMembers.Where(s => s.Id == r.OwnerId).Select(s => s.DisplayName).FirstOrDefault(),
                Team = db.Teams.Where(t => t.Id == r.TeamId).Select(t => t.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var manages = user.Can(Capability.ManageOwnership);
        return [.. rows.Select(x => Row(x.Request, x.Owner ?? "(unknown)", x.Team,
            x.Request.State == IdentityRequestState.Pending
                && IdentityRequestRules.MayDecide(manages, led.Contains(x.Request.TeamId), x.Request.RequesterPerson == user.ScopeSubject)))];
    }

    private static IdentityRequestRow Row(IdentityRequest r, string owner, string? team, bool mayDecide) => new(r.Id, r.Name, r.Kind, r.Environment, r.PrivilegeLevel,
        r.Purpose, owner, team, IdentityEndDate.DayOf(r.EndsUtc), r.RequestedByName, r.RequestedUtc, r.State, r.DecidedByName, r.DecidedUtc, r.DecisionNote,
        r.IdentityId, r.Version, mayDecide);
}
