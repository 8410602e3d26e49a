namespace NhiPortal.Core.Access;

/// <summary>The signed-in caller as the services see it: who, and which portal roles.</summary>
public sealed record PortalUser(string Subject, string DisplayName, string? Email, IReadOnlySet<PortalRole> Roles)
{
    public static readonly PortalUser Anonymous = new("", "anonymous", null, new HashSet<PortalRole>());

    public static PortalUser System(string job) => new($"system:{job}", job, null, new HashSet<PortalRole>());

    public bool IsAuthenticated => Subject.Length > 0;

    public bool HasAnyRole => Roles.Count > 0;

    public AccessScope ScopeFor(Capability capability) => AccessPolicy.ScopeFor(Roles, capability);

    public bool Can(Capability capability) => ScopeFor(capability) != AccessScope.None;

    /// <summary>Throws unless the caller holds the capability; returns the scope it holds it in.</summary>
    public AccessScope Demand(Capability capability)
    {
        var scope = ScopeFor(capability);
        return scope == AccessScope.None ? throw new AccessDeniedException(this, capability) : scope;
    }
}

public sealed class AccessDeniedException(PortalUser user, Capability capability)
    : Exception($"{(user.IsAuthenticated ? user.DisplayName : "An anonymous caller")} may not {capability}.")
{
    public Capability Capability { get; } = capability;
}

/// <summary>The caller of the current operation (a Blazor circuit, an HTTP request or a background job).</summary>
public interface ICurrentUser
{
    Task<PortalUser> GetAsync();
}
