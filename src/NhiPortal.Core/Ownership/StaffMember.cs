namespace NhiPortal.Core.Ownership;

/// <summary>A human who can own identities; known from sign-ins (OIDC subject) and directory imports.</summary>
public sealed class StaffMember
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string Subject { get; set; }

    public required string DisplayName { get; set; }

    public string? Email { get; set; }

    /// <summary>False once the directory says the person has left: everything they own becomes an orphan.</summary>
    public bool IsActive { get; set; } = true;

    public Guid? TeamId { get; set; }

    public Team? Team { get; set; }

    /// <summary>The person's line manager (from the directory import): the second step of a review item's escalation.</summary>
    public Guid? ManagerId { get; set; }

    public DateTime? LastSignInUtc { get; set; }

    /// <summary>
    /// The portal roles seen at the last sign-in, comma-separated ("" = signed in with none); null = never signed in,
    /// so unknown. The IdP is the source of roles: this is only what the portal last saw, for rules that need to know
    /// who can act while the person is away (who may decide a review item).
    /// </summary>
    public string? PortalRoles { get; set; }
}

public sealed class Team
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string Name { get; set; }

    public bool IsDissolved { get; set; }

    /// <summary>Reviews an NHI when its owner cannot (owner left, no owner).</summary>
    public Guid? LeadId { get; set; }
}
