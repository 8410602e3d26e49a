using System.DirectoryServices.Protocols;
using NhiPortal.Core.Discovery;
using NhiPortal.Core.Discovery.Ldap;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Ldap;

namespace NhiPortal.Infrastructure.Discovery.Ldap;

/// <summary>
/// Reads service accounts from an LDAP directory (Active Directory or OpenLDAP), read-only: a paged subtree search per
/// base DN, and, with <c>GroupBaseDn</c>, one of the groups so memberships show as entitlements where the server keeps
/// no memberOf; with <c>PeopleBaseDn</c>, one of the people, whose <c>manager</c> sets the staff directory's managers. The read is complete only if every page of every base DN came back; a refused bind, an unreachable
/// server, a timeout or a connection lost mid-page throws <see cref="DiscoverySourceException"/>.
/// </summary>
public sealed class LdapDirectorySource : IDiscoverySource
{
    private const string GroupFilter = "(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)(objectClass=posixGroup))";

    private readonly DiscoverySourceSettings _settings;
    private readonly LdapSourceOptions _options;
    private readonly LdapEndpoint _endpoint;
    private readonly LdapAccountMapper _mapper;

    public LdapDirectorySource(DiscoverySourceSettings settings, LdapSourceOptions options, TimeProvider clock)
    {
        _settings = settings;
        _options = options;
        _endpoint = LdapEndpoint.Parse(options.Url, options.BindDn, options.ReadPassword, settings.Timeout);
        _mapper = new LdapAccountMapper(settings.Name, options.Dialect, clock);
    }

    public static LdapDirectorySource FromConfiguration(Microsoft.Extensions.Configuration.IConfigurationSection section, DiscoverySourceSettings settings, TimeProvider clock) =>
        new(settings, LdapSourceOptions.From(section), clock);

    public string Name => _settings.Name;

    public string Kind => DiscoverySourceKinds.Ldap;

    public string Location => $"{_endpoint.Display}, {string.Join("; ", _options.BaseDns)}";

    public DeploymentEnvironment Environment => _settings.Environment;

    // System.DirectoryServices.Protocols is synchronous on Linux; the read runs off the caller's thread.
    public Task<DiscoveryRead> ReadAsync(CancellationToken ct) => Task.Run(() => Read(ct), ct);

    private DiscoveryRead Read(CancellationToken ct)
    {
        try
        {
            using var connection = _endpoint.Open();
            var errors = new List<ObjectError>();
            var complete = true;
            var groups = _options.GroupBaseDn is { } groupBase ? ReadGroups(connection, groupBase, errors, ref complete, ct) : null;
            var accounts = new List<DiscoveredAccount>();
            var attributes = LdapAccountMapper.RequestedAttributes(_options.Dialect);
            foreach (var baseDn in _options.BaseDns)
            {
                var incomplete = LdapPagedSearch.Run(_endpoint, connection, baseDn, _options.EffectiveFilter, attributes, _options.PageSize, entry =>
                {
                    var withGroups = groups is null ? entry : entry.WithValues("memberOf", groups.For(entry));
                    if (_mapper.TryMap(withGroups, out var account, out var error))
                    {
                        accounts.Add(account);
                    }
                    else
                    {
                        errors.Add(error);
                    }
                }, ct);
                if (incomplete is not null)
                {
                    complete = false;
                    errors.Add(new ObjectError(baseDn, incomplete));
                }
            }
            var managers = _options.PeopleBaseDn is { } peopleBase ? ReadManagers(connection, peopleBase, errors, ref complete, ct) : [];
            return new DiscoveryRead(accounts, complete, errors) { Managers = managers };
        }
        catch (LdapCallFailedException ex)
        {
            throw new DiscoverySourceException($"Source \"{Name}\": {ex.Message}", ex);
        }
    }

    private IReadOnlyList<ManagerLink> ReadManagers(LdapConnection connection, string peopleBase, List<ObjectError> errors, ref bool complete, CancellationToken ct)
    {
        var people = new LdapManagerLinks();
        var incomplete = LdapPagedSearch.Run(_endpoint, connection, peopleBase, _options.EffectivePeopleFilter, LdapManagerLinks.Attributes, _options.PageSize, people.Add, ct);
        if (incomplete is not null)
        {
            // What was read is applied (a manager is only ever set, never cleared, from a partial read).
            complete = false;
            errors.Add(new ObjectError(peopleBase, incomplete));
        }
        return people.Links();
    }

    private LdapGroupMemberships ReadGroups(LdapConnection connection, string groupBase, List<ObjectError> errors, ref bool complete, CancellationToken ct)
    {
        var groups = new LdapGroupMemberships();
        var incomplete = LdapPagedSearch.Run(_endpoint, connection, groupBase, GroupFilter, LdapGroupMemberships.Attributes, _options.PageSize, groups.Add, ct);
        if (incomplete is not null)
        {
            // Memberships missing from a partial group read would show as entitlements removed.
            complete = false;
            errors.Add(new ObjectError(groupBase, incomplete));
        }
        return groups;
    }
}
