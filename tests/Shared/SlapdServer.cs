using System.Diagnostics;
using System.DirectoryServices.Protocols;
using System.Net;
using System.Security.Cryptography;

namespace NhiPortal.Tests.Shared;

/// <summary>
/// A throwaway OpenLDAP slapd on 127.0.0.1 from its own slapd.conf (mdb database, ppolicy and lastbind overlays), so a
/// test can prove a revoked account really cannot bind and a bind really sets authTimestamp. Needs Debian's slapd and
/// ldap-utils (the test command installs them). Entries are loaded with slapadd before the start (fast for 50k).
/// Runs as the current user (root included: slapd only drops privileges when told to with -u).
/// </summary>
public sealed class SlapdServer : IAsyncDisposable
{
    public const string Suffix = "dc=nhi,dc=test";
    public const string RootDn = "cn=admin," + Suffix;
    public const string ReaderDn = "cn=reader," + Suffix;
    public const string ConnectorDn = "cn=connector," + Suffix;

    private readonly string _directory;
    private int? _pid;

    private SlapdServer(string directory, int port, string rootPassword, string readerPassword, string connectorPassword)
    {
        _directory = directory;
        Port = port;
        RootPassword = rootPassword;
        ReaderPassword = readerPassword;
        ConnectorPassword = connectorPassword;
    }

    public int Port { get; }

    public string Url => $"ldap://127.0.0.1:{Port}";

    public string RootPassword { get; }

    /// <summary>The discovery source's bind: reads everything except passwords.</summary>
    public string ReaderPassword { get; }

    /// <summary>The connector's bind: may write passwords and locks, nothing else of note.</summary>
    public string ConnectorPassword { get; }

    public string Directory => _directory;

    /// <summary>Starts a server with the base tree (ou=services, ou=batch, ou=groups, ou=people, the reader and connector) plus <paramref name="extraLdif"/>.</summary>
    public static async Task<SlapdServer> StartAsync(string extraLdif = "", string? extraLdifFile = null)
    {
        if (!File.Exists("/usr/sbin/slapd") || !File.Exists("/usr/sbin/slapadd"))
        {
            throw new InvalidOperationException("OpenLDAP is not installed (/usr/sbin/slapd, slapadd). Run tests/run-all.sh, which installs slapd and ldap-utils.");
        }
        var directory = System.IO.Directory.CreateTempSubdirectory("nhiportal-slapd-").FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "db"));
        string Secret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var server = new SlapdServer(directory, TestPorts.Free(), Secret(), Secret(), Secret());
        await File.WriteAllTextAsync(server.ConfigPath, server.Config());
        await File.WriteAllTextAsync(Path.Combine(directory, "base.ldif"), server.BaseLdif() + extraLdif);
        await RunAsync("/usr/sbin/slapadd", "-q", "-f", server.ConfigPath, "-l", Path.Combine(directory, "base.ldif"));
        if (extraLdifFile is not null)
        {
            await RunAsync("/usr/sbin/slapadd", "-q", "-f", server.ConfigPath, "-l", extraLdifFile);
        }
        await server.StartAgainAsync();
        return server;
    }

    private string ConfigPath => Path.Combine(_directory, "slapd.conf");

    private string PidPath => Path.Combine(_directory, "slapd.pid");

    /// <summary>Starts slapd (it forks and writes its pid file) and waits until it answers a search.</summary>
    public async Task StartAgainAsync()
    {
        await RunAsync("/usr/sbin/slapd", "-f", ConfigPath, "-h", $"ldap://127.0.0.1:{Port}/");
        for (var attempt = 0; ; attempt++)
        {
            if (File.Exists(PidPath) && await TryBindAsync(RootDn, RootPassword) is null)
            {
                _pid = int.Parse((await File.ReadAllTextAsync(PidPath)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                return;
            }
            if (attempt > 200)
            {
                throw new InvalidOperationException($"slapd on port {Port} did not answer within 10 s.");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Stops the server and waits until its process and port are gone.</summary>
    public async Task StopAsync()
    {
        if (_pid is not { } pid)
        {
            return;
        }
        _pid = null;
        try
        {
            using var process = Process.GetProcessById(pid);
            await RunAsync("kill", "-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (!process.HasExited)
            {
                await Task.Delay(20, exit.Token);
            }
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }

    /// <summary>Null when the DN can bind with the password, else why not.</summary>
    public Task<string?> TryBindAsync(string dn, string password) => Task.Run(() =>
    {
        try
        {
            using var connection = new LdapConnection(new LdapDirectoryIdentifier("127.0.0.1", Port), new NetworkCredential(dn, password), AuthType.Basic);
            connection.SessionOptions.ProtocolVersion = 3;
            connection.Timeout = TimeSpan.FromSeconds(5);
            connection.Bind();
            return (string?)null;
        }
        catch (LdapException ex)
        {
            return $"{ex.ErrorCode}: {ex.Message}";
        }
    });

    /// <summary>Adds or modifies entries as the root DN (test set-up only), through ldapmodify.</summary>
    public Task ModifyAsync(string ldif) => LdapUtilAsync("/usr/bin/ldapmodify", ldif);

    public Task AddAsync(string ldif) => LdapUtilAsync("/usr/bin/ldapadd", ldif);

    /// <summary>Sets a password with the password-modify operation (ppolicy stamps pwdChangedTime).</summary>
    public Task SetPasswordAsync(string dn, string password) =>
        RunAsync("/usr/bin/ldappasswd", "-x", "-H", Url, "-D", RootDn, "-w", RootPassword, "-s", password, dn);

    /// <summary>One entry's attributes (operational ones included), read as the root DN; null when there is no such entry.</summary>
    public Task<IReadOnlyDictionary<string, string[]>?> ReadAsync(string dn) => Task.Run(() =>
    {
        using var connection = new LdapConnection(new LdapDirectoryIdentifier("127.0.0.1", Port), new NetworkCredential(RootDn, RootPassword), AuthType.Basic);
        connection.SessionOptions.ProtocolVersion = 3;
        connection.Bind();
        try
        {
            var response = (SearchResponse)connection.SendRequest(new SearchRequest(dn, "(objectClass=*)", SearchScope.Base, "*", "+"));
            var entry = response.Entries[0];
            return (IReadOnlyDictionary<string, string[]>?)entry.Attributes.AttributeNames.Cast<string>()
                .ToDictionary(a => a, a => entry.Attributes[a].GetValues(typeof(string)).Cast<string>().ToArray(), StringComparer.OrdinalIgnoreCase);
        }
        catch (DirectoryOperationException ex) when (ex.Response?.ResultCode == ResultCode.NoSuchObject)
        {
            return null;
        }
    });

    private async Task LdapUtilAsync(string tool, string ldif)
    {
        var file = Path.Combine(_directory, $"{Guid.NewGuid():N}.ldif");
        await File.WriteAllTextAsync(file, ldif);
        try
        {
            await RunAsync(tool, "-x", "-H", Url, "-D", RootDn, "-w", RootPassword, "-f", file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private string Config() => $"""
        include /etc/ldap/schema/core.schema
        include /etc/ldap/schema/cosine.schema
        include /etc/ldap/schema/inetorgperson.schema
        include /etc/ldap/schema/nis.schema
        modulepath /usr/lib/ldap
        moduleload back_mdb
        moduleload ppolicy
        moduleload lastbind
        pidfile {PidPath}
        argsfile {Path.Combine(_directory, "slapd.args")}
        database mdb
        directory {Path.Combine(_directory, "db")}
        maxsize 1073741824
        dbnosync
        suffix "{Suffix}"
        rootdn "{RootDn}"
        rootpw {RootPassword}
        limits * size=unlimited size.prtotal=unlimited time=unlimited
        access to attrs=userPassword
          by dn.exact="{ConnectorDn}" write
          by anonymous auth
          by * none
        access to attrs=pwdAccountLockedTime
          by dn.exact="{ConnectorDn}" write
          by * read
        access to *
          by * read
        overlay ppolicy
        ppolicy_default "cn=default,ou=policies,{Suffix}"
        overlay lastbind
        lastbind-precision 1

        """;

    private string BaseLdif() => $"""
        dn: {Suffix}
        objectClass: dcObject
        objectClass: organization
        o: NhiPortal tests
        dc: nhi

        dn: ou=policies,{Suffix}
        objectClass: organizationalUnit
        ou: policies

        dn: cn=default,ou=policies,{Suffix}
        objectClass: applicationProcess
        objectClass: pwdPolicy
        cn: default
        pwdAttribute: userPassword

        dn: {ReaderDn}
        objectClass: applicationProcess
        objectClass: simpleSecurityObject
        cn: reader
        userPassword: {ReaderPassword}

        dn: {ConnectorDn}
        objectClass: applicationProcess
        objectClass: simpleSecurityObject
        cn: connector
        userPassword: {ConnectorPassword}

        dn: ou=services,{Suffix}
        objectClass: organizationalUnit
        ou: services

        dn: ou=batch,{Suffix}
        objectClass: organizationalUnit
        ou: batch

        dn: ou=groups,{Suffix}
        objectClass: organizationalUnit
        ou: groups

        dn: ou=people,{Suffix}
        objectClass: organizationalUnit
        ou: people


        """;

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            // Arguments may hold a test password: name the tool only.
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            try
            {
                System.IO.Directory.Delete(_directory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The temp cleaner gets it.
            }
        }
    }
}
