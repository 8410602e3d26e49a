using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Approvals;
using NhiPortal.Core.Common;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Approvals;

public sealed class ApprovalQueries(IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser) : IApprovalQueries
{
    public async Task<IReadOnlyList<ApprovalRow>> ListAsync(int take = 100, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.OverseeOrganisation);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Approvals.AsNoTracking().OrderBy(a => a.State == ApprovalState.Pending ? 0 : 1).ThenByDescending(a => a.RequestedUtc)
            .Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
        return [.. rows.Select(a => Row(a, user))];
    }

    public async Task<ApprovalRow> GetAsync(Guid id, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.OverseeOrganisation);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return Row(await db.Approvals.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException($"Approval request {id}"), user);
    }

    private static ApprovalRow Row(ApprovalRequest a, PortalUser user) => new(a.Id, a.Kind, a.Summary, a.RequestedByName, a.RequestedUtc, a.State,
        a.DecidedByName, a.DecidedUtc, a.DecisionNote, a.Outcome, a.Version,
        a.State == ApprovalState.Pending && !a.AskedBy(user.ScopeSubject) && user.Can(ApprovalCommands.CapabilityFor(a.Kind)))
    {
        RunId = a.RunId,
    };
}
