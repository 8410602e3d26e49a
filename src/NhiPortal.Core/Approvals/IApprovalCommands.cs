using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Revocation;

namespace NhiPortal.Core.Approvals;

/// <summary>Asking for, approving and rejecting four-eyes changes.</summary>
public interface IApprovalCommands
{
    Task<Guid> RequestRevocationAsync(RevocationRequest request, CancellationToken ct = default);

    Task<Guid> RequestPolicyChangeAsync(HygienePolicy policy, string note, CancellationToken ct = default);

    /// <summary>A role map change made from <paramref name="baseVersion"/> (0: the configuration's), saved when a second administrator approves.</summary>
    Task<Guid> RequestRoleMapChangeAsync(IReadOnlyList<KeyValuePair<string, string>> entries, int baseVersion, string note, CancellationToken ct = default);

    /// <summary>Approves and carries the change out (a revocation through a follow-up, a policy change at once), in one transaction.</summary>
    Task ApproveAsync(Guid id, int version, string note, CancellationToken ct = default);

    Task RejectAsync(Guid id, int version, string note, CancellationToken ct = default);
}
