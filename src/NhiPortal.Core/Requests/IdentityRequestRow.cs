using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Requests;

/// <summary>A request as the Requests page lists it; <see cref="MayDecide"/> is the service's answer for the caller.</summary>
public sealed record IdentityRequestRow(Guid Id, string Name, IdentityKind Kind, DeploymentEnvironment Environment, PrivilegeLevel PrivilegeLevel,
    string Purpose, string OwnerName, string? TeamName, DateOnly EndsOn, string RequestedByName, DateTime RequestedUtc, IdentityRequestState State,
    string? DecidedByName, DateTime? DecidedUtc, string? DecisionNote, Guid? IdentityId, int Version, bool MayDecide);
