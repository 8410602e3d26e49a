using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Requests;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Requests;

/// <summary>
/// The identity an approved request becomes: checked again at approval (the owner may have left, the team dissolved,
/// the name been taken, the end passed), then created with its event and a rescore follow-up in the caller's transaction.
/// </summary>
public sealed class RequestedIdentity(AuditWriter audit, FollowUps followUps, TimeProvider clock)
{
    public const string SourceSystem = "NhiPortal request";

    /// <summary>Throws a <see cref="ValidationException"/> naming what stands in the way.</summary>
    public async Task CheckAsync(NhiPortalDbContext db, string name, Guid ownerId, Guid? teamId, CancellationToken ct)
    {
        if (!await db.StaffMembers.AnyAsync(s => s.Id == ownerId && s.IsActive, ct))
        {
            throw new ValidationException("The owner must be an active person in the staff directory.");
        }
        if (teamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team && !t.IsDissolved, ct))
        {
            throw new ValidationException("The team does not exist or was dissolved: choose another.");
        }
        if (await db.Identities.AnyAsync(i => i.Name == name, ct))
        {
            throw new ValidationException($"An identity named {name} already exists: choose another name.");
        }
    }

    public async Task<Guid> CreateAsync(NhiPortalDbContext db, IdentityRequest request, PortalUser approver, string correlation, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await CheckAsync(db, request.Name, request.OwnerId, request.TeamId, ct);
        if (request.EndsUtc <= now)
        {
            throw new ValidationException("The requested end date has passed: reject this request, and ask again with a later end.");
        }
        var identity = new NonHumanIdentity
        {
            Name = request.Name, Kind = request.Kind, Purpose = request.Purpose, Environment = request.Environment, PrivilegeLevel = request.PrivilegeLevel,
            SourceSystem = SourceSystem, ExternalId = $"request:{request.Id:N}", OwnerId = request.OwnerId, TeamId = request.TeamId,
            EndsUtc = request.EndsUtc, CreatedUtc = now,
        };
        db.Identities.Add(identity);
        audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.Created, approver, "Identity", AuditWriter.TargetKey(identity.Id),
            $"{identity.Name}: created from {request.RequestedByName}'s request, approved by {approver.DisplayName}", null,
            new
            {
                identity.Name, Kind = identity.Kind.ToString(), Environment = identity.Environment.ToString(), Privilege = identity.PrivilegeLevel.ToString(),
                identity.OwnerId, identity.TeamId, identity.EndsUtc, Request = request.Id, request.RequestedBy,
            }, correlation);
        followUps.Rescore(db, approver, [identity.Id], "identity created");
        return identity.Id;
    }
}
