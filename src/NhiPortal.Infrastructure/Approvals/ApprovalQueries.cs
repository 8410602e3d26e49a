using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Approvals;
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
        return [.. rows.Select(a => new ApprovalRow(a.Id, a.Kind, a.Summary, a.RequestedByName, a.RequestedUtc, a.State, a.DecidedByName, a.DecidedUtc,
            a.DecisionNote, a.Outcome, a.Version,
            a.State == ApprovalState.Pending && a.RequestedBy != user.Subject && user.Can(ApprovalCommands.CapabilityFor(a.Kind))))];
    }
}
