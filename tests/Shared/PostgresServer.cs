using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;

namespace NhiPortal.Tests.Shared;

/// <summary>
/// A throwaway PostgreSQL cluster on 127.0.0.1 with scram-sha-256 authentication, so a test can prove a revoked role
/// is really locked out. Needs Debian's postgresql package (the test command installs it); as root, the server runs
/// as the postgres user, because it refuses to run as root.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _binaries;
    private readonly bool _asPostgresUser;

    private PostgresServer(string directory, string binaries, bool asPostgresUser, int port, string password)
    {
        _directory = directory;
        _binaries = binaries;
        _asPostgresUser = asPostgresUser;
        Port = port;
        AdminPassword = password;
    }

    public int Port { get; }

    public string AdminPassword { get; }

    public string AdminConnectionString => ConnectionString("postgres", AdminPassword);

    public string ConnectionString(string user, string password, bool pooling = true, string host = "127.0.0.1") =>
        new NpgsqlConnectionStringBuilder { Host = host, Port = Port, Username = user, Password = password, Database = "postgres", Pooling = pooling, Timeout = 5 }.ConnectionString;

    /// <summary>
    /// Starts a cluster. With <paramref name="connectionLog"/> the server writes a jsonlog connection log (UTC times) to
    /// <see cref="LogDirectory"/>; with <paramref name="ipv6"/> it listens on ::1 too (pg_hba allows scram from ::1/128);
    /// <paramref name="settings"/> adds server settings ("-c name=value ...", e.g. a benchmark's memory).
    /// </summary>
    public static async Task<PostgresServer> StartAsync(bool connectionLog = false, bool ipv6 = false, string settings = "")
    {
        var binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (binaries is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb). Run tests/run-all.sh, which installs it.");
        }
        var root = Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";
        var directory = Directory.CreateTempSubdirectory("nhiportal-pg-").FullName;
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        await File.WriteAllTextAsync(Path.Combine(directory, "pw"), password);
        if (root)
        {
            await RunAsync("chown", "-R", "postgres", directory);
        }
        var port = TestPorts.Free();
        var server = new PostgresServer(directory, binaries, root, port, password);
        await server.PgAsync($"initdb -D {directory}/data -U postgres --auth=scram-sha-256 --pwfile={directory}/pw -E UTF8 --no-sync");
        var listen = ipv6 ? "127.0.0.1,::1" : "127.0.0.1";
        var log = connectionLog
            ? $" -c logging_collector=on -c log_destination=jsonlog -c log_connections=on -c log_timezone=UTC -c log_directory={directory}/log -c log_file_mode=0640"
            : "";
        await server.PgAsync($"pg_ctl -D {directory}/data -w -t 60 -l {directory}/pg.log -o \"-p {port} -k {directory} -c listen_addresses={listen} -c fsync=off -c max_connections=200{log} {settings}\" start");
        return server;
    }

    /// <summary>Where the jsonlog connection log goes, when started with it.</summary>
    public string LogDirectory => Path.Combine(_directory, "log");

    /// <summary>The server's log (stderr): with <c>log_statement</c> set, every statement a session sent.</summary>
    public string LogPath => Path.Combine(_directory, "pg.log");

    /// <summary>The least-privileged role the README documents for the connector: LOGIN CREATEROLE, not superuser.</summary>
    public const string ConnectorRole = "nhi_connector";

    private readonly SemaphoreSlim _connectorGate = new(1, 1);
    private string? _connectorPassword;

    /// <summary>
    /// Creates (once) <see cref="ConnectorRole"/> with exactly the README's grants and returns its connection string, so
    /// connector tests run with what production gets, not as the superuser.
    /// </summary>
    public async Task<string> ConnectorConnectionStringAsync()
    {
        await _connectorGate.WaitAsync();
        try
        {
            if (_connectorPassword is null)
            {
                var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
                await ExecuteAsync($"CREATE ROLE {ConnectorRole} LOGIN CREATEROLE PASSWORD '{password}'; GRANT pg_signal_backend TO {ConnectorRole}");
                _connectorPassword = password;
            }
            return ConnectionString(ConnectorRole, _connectorPassword);
        }
        finally
        {
            _connectorGate.Release();
        }
    }

    /// <summary>Creates a login role as an NHI would have it (plus any attributes), and returns its password.</summary>
    public async Task<string> CreateLoginRoleAsync(string role, string attributes = "")
    {
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var quoted = "\"" + role.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await ExecuteAsync($"DROP ROLE IF EXISTS {quoted}; CREATE ROLE {quoted} LOGIN {attributes} PASSWORD '{password}'");
        return password;
    }

    /// <summary>Runs SQL as the superuser (test set-up and checks only).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>One value, read as the superuser (e.g. what <c>pg_authid</c> stores).</summary>
    public async Task<object?> ScalarAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Null when the role can connect with the password, else the server's refusal.</summary>
    public async Task<string?> TryConnectAsync(string role, string password)
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString(role, password, pooling: false));
            await connection.OpenAsync();
            return null;
        }
        catch (PostgresException ex)
        {
            return ex.MessageText;
        }
    }

    private Task PgAsync(string command) =>
        _asPostgresUser ? RunAsync("su", "postgres", "-s", "/bin/sh", "-c", $"{_binaries}/{command}") : RunAsync("/bin/sh", "-c", $"{_binaries}/{command}");

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
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await PgAsync($"pg_ctl -D {_directory}/data -m immediate -w stop");
        }
        finally
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Owned by the postgres user on some set-ups; the temp cleaner gets it.
            }
        }
    }
}
