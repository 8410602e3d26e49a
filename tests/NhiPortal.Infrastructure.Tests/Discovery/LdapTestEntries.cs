using NhiPortal.Core.Discovery;
using NhiPortal.Core.Discovery.Ldap;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Discovery;
using NhiPortal.Infrastructure.Discovery.Ldap;
using NhiPortal.Tests.Shared;

namespace NhiPortal.Infrastructure.Tests.Discovery;

/// <summary>Entries and sources for the LDAP tests; each test works under containers of its own, so tests sharing one slapd do not see each other's accounts.</summary>
internal static class LdapTestEntries
{
    public const string SourceName = "corp-ldap";

    public static string NewContainer(string parent) => $"ou=t{Guid.NewGuid():N},{parent},{SlapdServer.Suffix}";

    public static string Container(string dn) => $"""
        dn: {dn}
        objectClass: organizationalUnit
        ou: {dn.Split(',')[0][3..]}


        """;

    public static string ServiceAccount(string dn, string uid, string password, params string[] extraLines) =>
        string.Join("\n", [$"dn: {dn}", "objectClass: inetOrgPerson", $"uid: {uid}", $"cn: {uid}", $"sn: {uid}", $"userPassword: {password}", .. extraLines]) + "\n\n";

    public static LdapDirectorySource Source(SlapdServer server, IReadOnlyList<string> baseDns, int pageSize = 500, string? groupBaseDn = null,
        Func<string>? password = null, double timeoutSeconds = 10, string? url = null) =>
        new(new DiscoverySourceSettings(SourceName, DiscoverySourceKinds.Ldap, DeploymentEnvironment.Staging, TimeSpan.FromMinutes(60), TimeSpan.FromSeconds(timeoutSeconds)),
            new LdapSourceOptions
            {
                Url = url ?? server.Url,
                BindDn = SlapdServer.ReaderDn,
                ReadPassword = password ?? (() => server.ReaderPassword),
                BaseDns = baseDns,
                Dialect = LdapDialect.OpenLdap,
                GroupBaseDn = groupBaseDn,
                PageSize = pageSize,
            },
            TimeProvider.System);

    /// <summary>pwdChangedTime has one-second precision: waits for the clock to pass it (a poll, not a fixed sleep) so the next change gets a new stamp.</summary>
    public static async Task WaitPastPasswordChangeAsync(SlapdServer server, string dn)
    {
        var stamped = (await server.ReadAsync(dn))!["pwdChangedTime"][0];
        while (string.CompareOrdinal(LdapTime.Format(DateTime.UtcNow)[..14], stamped[..14]) <= 0)
        {
            await Task.Delay(20);
        }
    }

    public static DiscoveredAccount Single(DiscoveryRead read, string dn) => Assert.Single(read.Accounts, a => a.ExternalId == dn);
}
