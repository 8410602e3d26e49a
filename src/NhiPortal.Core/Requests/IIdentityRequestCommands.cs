namespace NhiPortal.Core.Requests;

/// <summary>Asking for a new NHI, and approving (which creates it) or rejecting the request.</summary>
public interface IIdentityRequestCommands
{
    Task<Guid> RequestAsync(NewIdentity request, CancellationToken ct = default);

    /// <summary>Approves and creates the identity in one transaction; returns its id.</summary>
    Task<Guid> ApproveAsync(Guid id, int version, string note, CancellationToken ct = default);

    Task RejectAsync(Guid id, int version, string note, CancellationToken ct = default);
}
