using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Requests;

/// <summary>What a person asks for: the identity as it will be created, and when it is planned to end (a UTC date).</summary>
public sealed record NewIdentity(string Name, IdentityKind Kind, string Purpose, DeploymentEnvironment Environment, PrivilegeLevel PrivilegeLevel,
    Guid OwnerId, Guid? TeamId, DateOnly EndsOn);
