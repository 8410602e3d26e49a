using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Revocation;

namespace NhiPortal.Core.Approvals;

/// <summary>Asking for, approving and rejecting four-eyes changes.</summary>
public interface IApprovalCommands
{
    Task<Guid> RequestRevocationAsync(RevocationRequest request, CancellationToken ct = default);

    Task<Guid> RequestPolicyChangeAsync(HygienePolicy policy, string note, CancellationToken ct = default);

    /// <summary>Approves and carries the change out (a revocation through a follow-up, a policy change at once), in one transaction.</summary>
    Task ApproveAsync(Guid id, int version, string note, CancellationToken ct = default);

    Task RejectAsync(Guid id, int version, string note, CancellationToken ct = default);
}
