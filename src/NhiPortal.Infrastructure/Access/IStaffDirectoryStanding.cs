using NhiPortal.Core.Access;

namespace NhiPortal.Infrastructure.Access;

/// <summary>
/// Whether the staff directory still counts a signed-in person as staff. The IdP's roles say what someone may do;
/// the directory (the staff page, the directory import) says whether they still work here.
/// </summary>
public interface IStaffDirectoryStanding
{
    /// <summary>True when the directory marks the subject as left; a subject the directory does not know has not left.</summary>
    Task<bool> HasLeftAsync(string subject, CancellationToken ct = default);

    /// <summary>Audits that an open session (<paramref name="where"/>: the cookie or a circuit) was ended because the person left.</summary>
    Task RecordSessionRefusedAsync(PortalUser user, string where, CancellationToken ct = default);
}
