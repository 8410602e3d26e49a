using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Import;

public sealed record ExistingIdentity(Guid Id, string? ExternalId, string Name, IdentityKind Kind, string Purpose,
    DeploymentEnvironment Environment, string SourceSystem, Guid? OwnerId, string? TeamName, PrivilegeLevel Privilege,
    IReadOnlyList<string> Entitlements, bool IsShared, bool IsBreakGlass, bool IsVendorManaged, DateTime? LastActivityUtc,
    IdentityLifecycleState State = IdentityLifecycleState.Active);

public sealed record ExistingCredential(Guid Id, string? ExternalId, string Name, CredentialKind Kind, Guid? IdentityId, string Purpose,
    string Store, string StoreReference, Fingerprint Fingerprint, DateTime IssuedUtc, DateTime? ExpiresUtc, DateTime? LastRotatedUtc,
    DateTime? LastUsedUtc, bool IsDynamic, TimeSpan? TimeToLive);

public sealed record ExistingStaff(Guid Id, string Subject, string DisplayName, string? Email, string? TeamName, bool IsActive,
    Guid? ManagerId = null, bool LeadsTeam = false);

/// <summary>The slice of the database an import's rows refer to, looked up by the keys the file contains.</summary>
public sealed record ImportContext
{
    public IReadOnlyDictionary<string, Guid> StaffIdByEmail { get; init; } = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
    public IReadOnlyDictionary<string, ExistingStaff> StaffBySubject { get; init; } = new Dictionary<string, ExistingStaff>(StringComparer.Ordinal);
    public IReadOnlyDictionary<string, ExistingIdentity> IdentitiesByExternalId { get; init; } = new Dictionary<string, ExistingIdentity>(StringComparer.Ordinal);
    public IReadOnlyDictionary<string, ExistingIdentity> IdentitiesByName { get; init; } = new Dictionary<string, ExistingIdentity>(StringComparer.OrdinalIgnoreCase);
    public IReadOnlyDictionary<string, ExistingCredential> CredentialsByExternalId { get; init; } = new Dictionary<string, ExistingCredential>(StringComparer.Ordinal);
    public IReadOnlySet<string> TeamNames { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
}

/// <summary>The keys an import file refers to, so only those rows are read from the database.</summary>
public sealed record ImportKeys(
    IReadOnlyCollection<string> ExternalIds,
    IReadOnlyCollection<string> Names,
    IReadOnlyCollection<string> Emails,
    IReadOnlyCollection<string> IdentityExternalIds,
    IReadOnlyCollection<string> Subjects);
