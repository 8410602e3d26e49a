namespace NhiPortal.Core.Requests;

public interface IIdentityRequestQueries
{
    /// <summary>
    /// The requests the caller may see, pending first: everything for an operator or overseer; a team lead's teams'
    /// and one's own for everyone else.
    /// </summary>
    Task<IReadOnlyList<IdentityRequestRow>> ListAsync(int take = 100, CancellationToken ct = default);
}
