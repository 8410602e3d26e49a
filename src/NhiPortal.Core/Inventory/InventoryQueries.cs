using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Audit;

namespace NhiPortal.Core.Inventory;

public sealed record IdentityFilter
{
    public IdentityKind? Kind { get; init; }
    public DeploymentEnvironment? Environment { get; init; }
    public Guid? TeamId { get; init; }
    public Guid? OwnerId { get; init; }
    public IdentityLifecycleState? State { get; init; }
    public bool? Shared { get; init; }
    public bool? BreakGlass { get; init; }
    public bool? VendorManaged { get; init; }
    public bool OrphansOnly { get; init; }

    public Hygiene.HygieneGrade? Grade { get; init; }

    /// <summary>Only identities the caller owns ("My identities").</summary>
    public bool OwnedByCaller { get; init; }

    /// <summary>Matches the start of the name, case-insensitively (an index range, fast at any size).</summary>
    public string? Search { get; init; }
}

public static class IdentitySort
{
    public const string Name = "name";
    public const string Kind = "kind";
    public const string Environment = "environment";
    public const string Created = "created";
    public const string LastActivity = "lastActivity";
    public const string LastAttested = "lastAttested";
    public const string Score = "score";
}

public sealed record IdentityRow(
    Guid Id,
    string Name,
    IdentityKind Kind,
    DeploymentEnvironment Environment,
    IdentityLifecycleState State,
    PrivilegeLevel Privilege,
    string? TeamName,
    bool TeamDissolved,
    Guid? OwnerId,
    string? OwnerName,
    bool OwnerActive,
    bool IsShared,
    bool IsBreakGlass,
    bool IsVendorManaged,
    DateTime CreatedUtc,
    DateTime? LastActivityUtc,
    DateTime? LastAttestedUtc,
    int ActiveCredentials,
    DateTime? OldestActiveCredentialIssuedUtc,
    int? HygieneScore)
{
    public Hygiene.HygieneGrade? Grade => HygieneScore is { } score ? Hygiene.HygieneGrades.Of(score) : null;

    public Ownership.OrphanReason OrphanReason => Ownership.OrphanRules.ReasonFor(State, OwnerId, OwnerActive, TeamDissolved);

    /// <summary>The owner/team version this row shows; an edit sends it back so a change made meanwhile is not overwritten.</summary>
    public int Version { get; init; }
}

public sealed record CredentialFilter
{
    public CredentialKind? Kind { get; init; }
    public CredentialState? State { get; init; }
    public string? Store { get; init; }
    public Guid? IdentityId { get; init; }

    /// <summary>Only credentials linked to no identity.</summary>
    public bool ShadowOnly { get; init; }

    /// <summary>Only active credentials that expire within this many days from now (or have expired).</summary>
    public int? ExpiringWithinDays { get; init; }

    public string? Search { get; init; }
}

public static class CredentialSort
{
    public const string Name = "name";
    public const string Issued = "issued";
    public const string Expires = "expires";
    public const string LastUsed = "lastUsed";
    public const string LastRotated = "lastRotated";
}

public sealed record CredentialRow(
    Guid Id,
    string Name,
    CredentialKind Kind,
    CredentialState State,
    Guid? IdentityId,
    string? IdentityName,
    string Purpose,
    string Store,
    string StoreReference,
    string FingerprintShort,
    DateTime IssuedUtc,
    DateTime? ExpiresUtc,
    DateTime? LastRotatedUtc,
    DateTime? LastUsedUtc,
    bool IsDynamic,
    int? HygieneScore)
{
    public Hygiene.HygieneGrade? Grade => HygieneScore is { } score ? Hygiene.HygieneGrades.Of(score) : null;

    /// <summary>The tracked-dates version this row shows; an edit sends it back so a change made meanwhile is not overwritten.</summary>
    public int Version { get; init; }
}

public sealed record IdentityDetail(
    IdentityRow Identity,
    string Purpose,
    string SourceSystem,
    string? ExternalId,
    IReadOnlyList<string> Entitlements,
    string? OwnerEmail,
    bool CallerIsOwner,
    IReadOnlyList<CredentialRow> Credentials,
    IReadOnlyList<AuditEventRow> IdentityHistory,
    IReadOnlyList<AuditEventRow> CredentialHistory,
    Discovery.DiscoveryFacts? Discovery = null)
{
    /// <summary>The planned end (<see cref="Requests.IdentityEndDate"/>), if it has one.</summary>
    public DateTime? EndsUtc { get; init; }
}

public sealed record TeamOption(Guid Id, string Name, bool IsDissolved);

public sealed record StaffOption(Guid Id, string DisplayName, string? Email, string? TeamName, bool IsActive);

public sealed record StaffRow(Guid Id, string Subject, string DisplayName, string? Email, string? TeamName, bool IsActive,
    DateTime? LastSignInUtc, int OwnedIdentities)
{
    /// <summary>The line manager's name (the directory import's ManagerEmail).</summary>
    public string? ManagerName { get; init; }

    /// <summary>Leads their team (the team-lead step of reviews and escalation).</summary>
    public bool LeadsTeam { get; init; }
}

/// <summary>The inventory as the caller may see it: Reviewers see the identities they own, everyone else all of them.</summary>
public interface IInventoryQueries
{
    Task<Page<IdentityRow>> QueryIdentitiesAsync(IdentityFilter filter, PageRequest page, CancellationToken ct = default);

    /// <summary>The hygiene policy's attestation window in days, which the attestation badge and the score both use.</summary>
    Task<int> GetAttestationWindowDaysAsync(CancellationToken ct = default);

    Task<IdentityDetail> GetIdentityAsync(Guid id, CancellationToken ct = default);

    Task<Page<CredentialRow>> QueryCredentialsAsync(CredentialFilter filter, PageRequest page, CancellationToken ct = default);

    Task<IReadOnlyList<TeamOption>> GetTeamsAsync(CancellationToken ct = default);

    Task<IReadOnlyList<StaffOption>> SearchStaffAsync(string? term, bool activeOnly, int take = 20, CancellationToken ct = default);

    Task<Page<StaffRow>> QueryStaffAsync(string? search, bool? active, PageRequest page, CancellationToken ct = default);
}
