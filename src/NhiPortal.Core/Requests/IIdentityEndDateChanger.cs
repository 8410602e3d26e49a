namespace NhiPortal.Core.Requests;

/// <summary>Moves an NHI's planned end (or sets one): its owner or an operator, with a reason.</summary>
public interface IIdentityEndDateChanger
{
    Task ChangeAsync(Guid identityId, DateOnly endsOn, string reason, CancellationToken ct = default);
}
