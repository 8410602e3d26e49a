using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Requests;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Requests;

/// <summary>
/// A new NHI is asked for, then approved by the requested team's lead or an operator, never by the person who asked.
/// The approval creates the identity in the same transaction (<see cref="RequestedIdentity"/>), so an approved request
/// always has its identity and an identity asked for in the portal always has its approval.
/// </summary>
public sealed class IdentityRequestCommands(IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, AuditWriter audit, TimeProvider clock,
    RequestedIdentity creation, IdentityRequestNotices notices) : IIdentityRequestCommands
{
    public async Task<Guid> RequestAsync(NewIdentity request, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.RequestIdentities);
        var now = clock.GetUtcNow().UtcDateTime;
        if (IdentityRequestRules.Validate(request, now) is { Count: > 0 } problems)
        {
            throw new ValidationException(string.Join(" ", problems));
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = request.Name.Trim();
        await creation.CheckAsync(db, name, request.OwnerId, request.TeamId, ct);
        if (await db.IdentityRequests.AnyAsync(r => r.Name == name && r.State == IdentityRequestState.Pending, ct))
        {
            throw new ValidationException($"An identity named {name} is already asked for and waits for approval.");
        }
        var row = new IdentityRequest
        {
            Name = name, Kind = request.Kind, Purpose = request.Purpose.Trim(), Environment = request.Environment, PrivilegeLevel = request.PrivilegeLevel,
            OwnerId = request.OwnerId, TeamId = request.TeamId, EndsUtc = IdentityEndDate.EndOf(request.EndsOn),
            RequestedBy = user.Subject, RequestedByName = user.DisplayName, RequesterPerson = user.ScopeSubject, RequestedUtc = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.IdentityRequests.Add(row);
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.IdentityRequested, user, "IdentityRequest", row.Id.ToString("D"),
            $"{user.DisplayName} asks for a new NHI {name} ({row.Kind}, {row.Environment}), planned to end on {request.EndsOn:yyyy-MM-dd}", null,
            new { row.Name, Kind = row.Kind.ToString(), Environment = row.Environment.ToString(), Privilege = row.PrivilegeLevel.ToString(), row.OwnerId, row.TeamId, row.EndsUtc },
            Correlation(row.Id));
        await notices.AskedAsync(db, row, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return row.Id;
    }

    public async Task<Guid> ApproveAsync(Guid id, int version, string note, CancellationToken ct = default) =>
        (await DecideAsync(id, version, note, approve: true, ct))!.Value;

    public Task RejectAsync(Guid id, int version, string note, CancellationToken ct = default) => DecideAsync(id, version, note, approve: false, ct);

    private async Task<Guid?> DecideAsync(Guid id, int version, string note, bool approve, CancellationToken ct)
    {
        var user = await currentUser.GetAsync();
        // Refused before anything is looked up: only an operator or a lead (who can request) may decide at all.
        if (!user.Can(Capability.ManageOwnership) && !user.Can(Capability.RequestIdentities))
        {
            throw new AccessDeniedException(user, Capability.ManageOwnership);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.IdentityRequests.SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException($"Identity request {id}");
        var asked = request.RequesterPerson == user.ScopeSubject;
        var me = await db.StaffMembers.IdOfAsync(user.ScopeSubject, activeOnly: true, ct);
        var leads = me is not null && await ActiveLeadAsync(db, request.TeamId, ct) == me;
        if (!IdentityRequestRules.MayDecide(user.Can(Capability.ManageOwnership), leads, asked))
        {
            throw asked ? new ValidationException("You asked for this identity: its team's lead or an operator approves or rejects it.")
                : new AccessDeniedException(user, Capability.ManageOwnership);
        }
        note = Reasons.Require(note, approve ? "Say why you approve" : "Say why you reject it");
        if (request.State != IdentityRequestState.Pending || request.Version != version)
        {
            throw new EditConflictException($"This request was {request.State.ToString().ToLowerInvariant()} by {request.DecidedByName ?? "someone"} a moment ago. Nothing was changed; reload to see it.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        request.Decide(approve, user.Subject, user.DisplayName, user.ScopeSubject, note, now);
        audit.Append(db, AuditStream.Access, approve ? AuditEventTypes.Access.IdentityRequestApproved : AuditEventTypes.Access.IdentityRequestRejected, user,
            "IdentityRequest", id.ToString("D"), $"{user.DisplayName} {(approve ? "approved" : "rejected")} {request.RequestedByName}'s request for {request.Name}. {note}",
            new { State = nameof(IdentityRequestState.Pending) }, new { State = request.State.ToString(), Note = note }, Correlation(id));
        if (approve)
        {
            request.IdentityId = await creation.CreateAsync(db, request, user, Correlation(id), ct);
        }
        await notices.DecidedAsync(db, request, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new EditConflictException("Someone else decided this request a moment ago. Nothing was changed; reload to see it.");
        }
        catch (DbUpdateException) when (approve)
        {
            // The name's unique index: an identity of that name was imported or discovered a moment ago.
            throw new ValidationException($"An identity named {request.Name} was added meanwhile. Nothing was created; reject this request, and ask again under another name.");
        }
        await transaction.CommitAsync(ct);
        return request.IdentityId;
    }

    /// <summary>The team's lead while they are an active member of staff; null without a team or a lead.</summary>
    internal static async Task<Guid?> ActiveLeadAsync(NhiPortalDbContext db, Guid? teamId, CancellationToken ct) => teamId is { } team
        ? await db.Teams.Where(t => t.Id == team && !t.IsDissolved).Select(t => t.LeadId)
            .Where(lead => lead != null && db.StaffMembers.Any(s => s.Id == lead && s.IsActive)).SingleOrDefaultAsync(ct)
        : null;

    public static string Correlation(Guid id) => $"request-{id:N}";
}
