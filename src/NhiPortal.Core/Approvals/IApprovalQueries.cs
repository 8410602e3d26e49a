namespace NhiPortal.Core.Approvals;

public interface IApprovalQueries
{
    /// <summary>Pending requests first, then the latest decided, up to <paramref name="take"/>.</summary>
    Task<IReadOnlyList<ApprovalRow>> ListAsync(int take = 100, CancellationToken ct = default);

    Task<ApprovalRow> GetAsync(Guid id, CancellationToken ct = default);
}
