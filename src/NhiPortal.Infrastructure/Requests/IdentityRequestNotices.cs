using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Notifications;
using NhiPortal.Core.Requests;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Requests;

/// <summary>
/// Who hears of a request: the team's lead when it is asked for (every operator and administrator when the team has no
/// lead), the requester and the owner when it is decided. Keyed per request, step and recipient.
/// </summary>
public sealed class IdentityRequestNotices(TimeProvider clock)
{
    public const string Link = "/requests";

    public async Task AskedAsync(NhiPortalDbContext db, IdentityRequest request, CancellationToken ct)
    {
        var requester = await db.StaffMembers.IdOfAsync(request.RequesterPerson, activeOnly: false, ct);
        var lead = await IdentityRequestCommands.ActiveLeadAsync(db, request.TeamId, ct);
        var recipients = lead is { } one && one != requester ? [one] : await OperatorsAsync(db, ct);
        foreach (var recipient in recipients.Where(r => r != requester))
        {
            Add(db, request.Id, "asked", recipient, NotificationKinds.IdentityRequested, $"{request.RequestedByName} asks for a new NHI: {request.Name}",
                $"{request.Kind} in {request.Environment}, planned to end on {IdentityEndDate.DayOf(request.EndsUtc):yyyy-MM-dd}. Purpose: {request.Purpose} Approve or reject it on the Requests page.");
        }
    }

    public async Task DecidedAsync(NhiPortalDbContext db, IdentityRequest request, CancellationToken ct)
    {
        var requester = await db.StaffMembers.IdOfAsync(request.RequesterPerson, activeOnly: true, ct);
        var approved = request.State == IdentityRequestState.Approved;
        foreach (var recipient in new[] { requester, request.OwnerId }.OfType<Guid>().Distinct())
        {
            Add(db, request.Id, "decided", recipient, NotificationKinds.IdentityRequestDecided,
                $"{request.Name} was {(approved ? "approved" : "rejected")} by {request.DecidedByName}",
                approved ? $"The NHI {request.Name} now exists; add its credentials from its page. {request.DecisionNote}" : $"Nothing was created. {request.DecisionNote}",
                approved ? $"/identities/{request.IdentityId:D}" : Link);
        }
    }

    private static async Task<IReadOnlyList<Guid>> OperatorsAsync(NhiPortalDbContext db, CancellationToken ct)
    {
        var staff = await db.StaffMembers.AsNoTracking().Where(s => s.IsActive && s.PortalRoles != null).Select(s => new { s.Id, s.PortalRoles }).ToListAsync(ct);
        // Roles as stored at sign-in, read by the one parser of that column.
        return [.. staff.Where(s => Core.Reviews.ReviewerCandidate.Roles(s.PortalRoles!).Any(r => AccessPolicy.ScopeFor(r, Capability.ManageOwnership) != AccessScope.None))
            .Select(s => s.Id)];
    }

    private void Add(NhiPortalDbContext db, Guid requestId, string step, Guid recipient, string kind, string title, string body, string link = Link) =>
        db.Notifications.Add(new Notification
        {
            RecipientId = recipient, Kind = kind, Title = Reasons.Fit(title, 300), Body = Reasons.Fit(body, 2000), Link = link,
            DedupKey = $"request:{requestId:N}:{step}:{recipient:N}", CreatedUtc = clock.GetUtcNow().UtcDateTime,
        });
}
