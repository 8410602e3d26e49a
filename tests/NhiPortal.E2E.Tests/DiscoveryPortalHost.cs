using NhiPortal.Tests.Shared;

namespace NhiPortal.E2E.Tests;

/// <summary>
/// A portal of its own with a real OpenLDAP directory as a discovery source: its accounts become discovered identities,
/// which must not change the inventory the other browser tests count. The discovery job polls every second.
/// </summary>
public sealed class DiscoveryPortalHost : PortalHost
{
    public const string SourceName = "corp-ldap";
    public const string Services = "ou=services," + SlapdServer.Suffix;
    private const string PasswordVariable = "NHI_E2E_LDAP_READER_PASSWORD";
    private readonly Dictionary<string, string> _environment = [];

    public SlapdServer Directory { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string> ExtraEnvironment => _environment;

    protected override async Task StartDependenciesAsync()
    {
        Directory = await SlapdServer.StartAsync(Account("svc-e2e-payments", "manager: uid=riley.reviewer,ou=people," + SlapdServer.Suffix)
            + Account("svc-e2e-ci", "description: Builds and deploys the storefront"));
        _environment["Discovery__PollSeconds"] = "1";
        _environment[$"Discovery__Sources__{SourceName}__Kind"] = "ldap";
        _environment[$"Discovery__Sources__{SourceName}__Url"] = Directory.Url;
        _environment[$"Discovery__Sources__{SourceName}__BindDn"] = SlapdServer.ReaderDn;
        // By reference, as the README asks: the value sits in the process environment, the setting only names it.
        _environment[$"Discovery__Sources__{SourceName}__PasswordVariable"] = PasswordVariable;
        _environment[PasswordVariable] = Directory.ReaderPassword;
        _environment[$"Discovery__Sources__{SourceName}__BaseDns__0"] = Services;
        _environment[$"Discovery__Sources__{SourceName}__Dialect"] = "openldap";
    }

    protected override async Task StopDependenciesAsync()
    {
        if (Directory is not null)
        {
            await Directory.DisposeAsync();
        }
    }

    private static string Account(string uid, string extra) => $"""
        dn: uid={uid},{Services}
        objectClass: inetOrgPerson
        uid: {uid}
        cn: {uid}
        sn: {uid}
        userPassword: {Guid.NewGuid():N}
        {extra}


        """;
}

[CollectionDefinition(Name)]
public sealed class DiscoveryPortalCollection : ICollectionFixture<DiscoveryPortalHost>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "discovery-portal";
}
