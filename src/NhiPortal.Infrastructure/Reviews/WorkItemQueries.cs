using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>Review follow-ups a page at a time, open first and nearest due: everyone's for oversight, one's own for a reviewer.</summary>
public sealed class WorkItemQueries(IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock) : IWorkItemQueries
{
    public async Task<Page<WorkItemRow>> ListAsync(WorkItemState? state, bool mineOnly, PageRequest page, string? search = null, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        var oversee = user.Can(Capability.OverseeOrganisation);
        if (!oversee)
        {
            user.Demand(Capability.DecideReviewItems);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = await db.StaffMembers.IdOfAsync(user.ScopeSubject, activeOnly: false, ct);
        var items = db.WorkItems.AsNoTracking();
        if (mineOnly || !oversee)
        {
            items = me is { } id ? items.Where(w => w.AssigneeId == id) : items.Where(_ => false);
        }
        if (state is { } s)
        {
            items = items.Where(w => w.State == s);
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            items = items.Where(w => w.IdentityName.Contains(term) || db.ReviewCampaigns.Any(c => c.Id == w.CampaignId && c.Name.Contains(term)));
        }
        var total = page.CountTotal ? await items.CountAsync(ct) : -1;
        var rows = await items.OrderBy(w => w.State != WorkItemState.Open).ThenBy(w => w.DueUtc).ThenBy(w => w.Id).Skip(page.SafeSkip).Take(page.SafeTake)
            .Select(w => new
            {
                Work = w, Campaign = db.ReviewCampaigns.Where(c => c.Id == w.CampaignId).Select(c => c.Name).FirstOrDefault(),
                Assignee = db.StaffMembers.Where(m => m.Id == w.AssigneeId).Select(m => m.DisplayName).FirstOrDefault(),
            }).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return new Page<WorkItemRow>(rows.Select(r => new WorkItemRow(r.Work.Id, r.Work.CampaignId, r.Campaign ?? "", r.Work.IdentityId, r.Work.IdentityName, r.Work.Kind,
            r.Work.Description, r.Assignee ?? "", r.Work.CreatedUtc, r.Work.DueUtc, r.Work.State, r.Work.ClosedUtc, r.Work.ClosedBy, r.Work.Resolution, r.Work.Version,
            WorkItemRules.Overdue(r.Work.State, r.Work.DueUtc, now), r.Work.AssigneeId == me)).ToList(), total);
    }
}
