using NhiPortal.Core.Common;

namespace NhiPortal.Core.Leaks;

/// <summary>Leak reports, organisation-wide (<see cref="Access.Capability.OverseeOrganisation"/>), newest first.</summary>
public interface ILeakQueries
{
    Task<Page<LeakRow>> ListAsync(LeakFilter filter, int skip, int take, CancellationToken ct = default);

    Task<LeakRow> GetAsync(Guid id, CancellationToken ct = default);

    /// <summary>The reports that matched one identity's credentials, newest first (the identity page).</summary>
    Task<IReadOnlyList<LeakRow>> ListForIdentityAsync(Guid identityId, CancellationToken ct = default);
}
