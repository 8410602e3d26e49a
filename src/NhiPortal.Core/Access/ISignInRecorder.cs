namespace NhiPortal.Core.Access;

/// <summary>Keeps the staff directory current from sign-ins and writes the access stream.</summary>
public interface ISignInRecorder
{
    Task RecordSignInAsync(PortalUser user, CancellationToken ct = default);

    Task RecordSignOutAsync(PortalUser user, CancellationToken ct = default);
}
