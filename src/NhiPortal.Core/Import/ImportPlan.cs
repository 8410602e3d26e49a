using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Import;

public enum ImportAction
{
    Create,
    Update,
    Unchanged,
}

public sealed record IdentityDraft(
    int RowNumber, ImportAction Action, Guid? ExistingId, string ExternalId, string Name, IdentityKind Kind, string Purpose,
    DeploymentEnvironment Environment, string SourceSystem, Guid? OwnerId, string? TeamName, PrivilegeLevel Privilege,
    IReadOnlyList<string> Entitlements, bool IsShared, bool IsBreakGlass, bool IsVendorManaged, DateTime? LastActivityUtc);

public sealed record CredentialDraft(
    int RowNumber, ImportAction Action, Guid? ExistingId, string ExternalId, string Name, CredentialKind Kind, Guid? IdentityId,
    string Purpose, string Store, string StoreReference, Fingerprint Fingerprint, DateTime IssuedUtc, DateTime? ExpiresUtc,
    DateTime? LastRotatedUtc, DateTime? LastUsedUtc, bool IsDynamic, TimeSpan? TimeToLive);

public sealed record StaffDraft(int RowNumber, ImportAction Action, Guid? ExistingId, string Subject, string DisplayName, string? Email,
    string? TeamName, bool IsActive)
{
    /// <summary>The file has a ManagerEmail column: <see cref="ManagerEmail"/> is set (null clears the manager).</summary>
    public bool SetsManager { get; init; }

    public string? ManagerEmail { get; init; }

    /// <summary>True: leads <see cref="TeamName"/>; false: no longer leads it; null: left as it is.</summary>
    public bool? TeamLead { get; init; }
}

/// <summary>What an import would do: every valid row's action, and every bad row with its reason. Nothing is applied yet.</summary>
public sealed record ImportPlan(
    ImportKind Kind,
    string FileName,
    int DataRows,
    IReadOnlyList<ImportError> Errors,
    IReadOnlyList<string> IgnoredColumns,
    IReadOnlyList<IdentityDraft> Identities,
    IReadOnlyList<CredentialDraft> Credentials,
    IReadOnlyList<StaffDraft> Staff,
    IReadOnlyList<string> NewTeams)
{
    /// <summary>True when the file itself is unusable (a missing required column or a secret column): no row can be applied.</summary>
    public bool FileRejected => Errors.Any(e => e.RowNumber == 0);

    public int ToCreate => Count(ImportAction.Create);

    public int ToUpdate => Count(ImportAction.Update);

    public int Unchanged => Count(ImportAction.Unchanged);

    public int RowsWithErrors => Errors.Where(e => e.RowNumber > 0).Select(e => e.RowNumber).Distinct().Count();

    private int Count(ImportAction action) =>
        Identities.Count(d => d.Action == action) + Credentials.Count(d => d.Action == action) + Staff.Count(d => d.Action == action);
}
