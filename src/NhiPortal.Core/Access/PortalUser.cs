namespace NhiPortal.Core.Access;

/// <summary>
/// The caller as the services see it: who, and which portal roles. Work the portal does by itself runs as a system
/// actor (<c>system:&lt;job&gt;</c>) that holds only the capabilities its job needs, and names whom it acts for.
/// </summary>
public sealed record PortalUser(string Subject, string DisplayName, string? Email, IReadOnlySet<PortalRole> Roles)
{
    public static readonly PortalUser Anonymous = new("", "anonymous", null, new HashSet<PortalRole>());

    /// <summary>A job acting for nobody in particular (the clock): it may do nothing a capability guards.</summary>
    public static PortalUser System(string job) => new($"system:{job}", $"NhiPortal ({job})", null, new HashSet<PortalRole>());

    /// <summary>A job acting for a campaign, a decision or a person, holding exactly the capabilities it is granted.</summary>
    public static PortalUser System(string job, string onBehalfOf, params Capability[] grants) =>
        new($"system:{job}", OnBehalfPrefix + onBehalfOf, null, new HashSet<PortalRole>())
        {
            OnBehalfOf = onBehalfOf, SystemGrants = grants.ToHashSet(),
        };

    /// <summary>How a system actor acting for someone introduces itself (its display name, e.g. a run's requester).</summary>
    public const string OnBehalfPrefix = "NhiPortal on behalf of ";

    /// <summary>The system actor that a run's requester name stands for (the executor acts as it again), or a person.</summary>
    public static PortalUser Requester(string subject, string displayName) => new(subject, displayName, null, new HashSet<PortalRole>())
    {
        OnBehalfOf = subject.StartsWith("system:", StringComparison.Ordinal) && displayName.StartsWith(OnBehalfPrefix, StringComparison.Ordinal)
            ? displayName[OnBehalfPrefix.Length..] : null,
    };

    /// <summary>Whom a system actor acts for ("campaign \"Q4\", decided by Riley Reviewer"); null for people.</summary>
    public string? OnBehalfOf { get; init; }

    /// <summary>What a system actor may do; people get their capabilities from their roles only.</summary>
    public IReadOnlySet<Capability> SystemGrants { get; init; } = new HashSet<Capability>();

    /// <summary>
    /// For an API client, its owner's subject: a client reaches what its owner owns and decides what its owner is asked
    /// to review, under its own name (the audit log names the client). Null for people and system actors.
    /// </summary>
    public string? ActsForSubject { get; init; }

    /// <summary>Whose ownership and review assignments this caller's "own" scope means: the owner's for a client, else the caller's.</summary>
    public string ScopeSubject => ActsForSubject ?? Subject;

    public bool IsSystem => Subject.StartsWith("system:", StringComparison.Ordinal);

    public bool IsAuthenticated => Subject.Length > 0;

    public bool HasAnyRole => Roles.Count > 0;

    public AccessScope ScopeFor(Capability capability) =>
        IsSystem && SystemGrants.Contains(capability) ? AccessScope.Everything : AccessPolicy.ScopeFor(Roles, capability);

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
