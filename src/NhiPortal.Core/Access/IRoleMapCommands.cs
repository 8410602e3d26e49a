namespace NhiPortal.Core.Access;

/// <summary>Reading and changing the role map in force (Administrators).</summary>
public interface IRoleMapCommands
{
    Task<RoleMapView> GetAsync(CancellationToken ct = default);

    /// <summary>
    /// Saves a new version made from <paramref name="baseVersion"/>; <see cref="Approvals.ApprovalRequiredException"/> when
    /// four eyes apply (ask for approval instead), <see cref="Common.EditConflictException"/> when a newer version was saved.
    /// </summary>
    Task<int> SaveAsync(IReadOnlyList<KeyValuePair<string, string>> entries, int baseVersion, string note, CancellationToken ct = default);
}
