namespace NhiPortal.Core.Discovery;

/// <summary>
/// What one read of a source returned. Only a <see cref="Complete"/> read may mark accounts gone; entries that could
/// not be read (<see cref="ObjectErrors"/>) are neither applied nor counted as gone.
/// </summary>
public sealed record DiscoveryRead(IReadOnlyList<DiscoveredAccount> Accounts, bool Complete, IReadOnlyList<ObjectError> ObjectErrors)
{
    /// <summary>People and their managers, from a directory source that reads people too (LDAP's <c>PeopleBaseDn</c>).</summary>
    public IReadOnlyList<ManagerLink> Managers { get; init; } = [];

    public static DiscoveryRead Full(IReadOnlyList<DiscoveredAccount> accounts, IReadOnlyList<ObjectError>? errors = null) =>
        new(accounts, true, errors ?? []);
}
