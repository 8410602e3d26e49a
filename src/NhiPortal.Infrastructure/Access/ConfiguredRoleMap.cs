using NhiPortal.Core.Access;

namespace NhiPortal.Infrastructure.Access;

/// <summary>The role map of the configuration: in force until an administrator saves one in the portal.</summary>
public sealed record ConfiguredRoleMap(RoleMap Map);
