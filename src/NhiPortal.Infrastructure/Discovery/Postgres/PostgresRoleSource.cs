using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Discovery;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Usage;

namespace NhiPortal.Infrastructure.Discovery.Postgres;

/// <summary>
/// Discovers a PostgreSQL server's login roles (plus NOLOGIN roles with <c>AccountPrefix</c>, so a role the portal
/// locked stays visible as disabled), and reads their use from the server's jsonlog connection log.
/// Least privilege: a plain LOGIN role, nothing more (pg_roles, pg_auth_members and shobj_description are readable by
/// any role; the source never reads pg_authid or a password hash), plus read access to the files in
/// <c>ConnectionLogDirectory</c> for usage. Settings: <c>Discovery:Sources:&lt;name&gt;:{Kind: postgresql,
/// ConnectionString (no password), PasswordVariable | PasswordFile, AccountPrefix, PrivilegedRoles,
/// ConnectionLogDirectory, TimeoutSeconds}</c>.
/// </summary>
public sealed class PostgresRoleSource : IDiscoverySource, IUsageSource
{
    private const string RolesQuery = """
        SELECT r.oid, r.rolname, r.rolcanlogin, r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolreplication, r.rolbypassrls,
               CASE WHEN isfinite(r.rolvaliduntil) THEN r.rolvaliduntil END, r.rolvaliduntil = 'infinity',
               ARRAY(SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid ORDER BY g.rolname),
               shobj_description(r.oid, 'pg_authid')
        FROM pg_roles r
        WHERE r.rolname NOT LIKE 'pg\_%' AND (r.rolcanlogin OR ($1 <> '' AND starts_with(r.rolname, $1)))
        ORDER BY r.rolname
        """;

    private readonly string _connectionString;
    private readonly string? _accountPrefix;
    private readonly IReadOnlySet<string> _privilegedRoles;
    private readonly PostgresConnectionLog? _log;
    private readonly TimeProvider _clock;
    private readonly ILogger? _logger;

    public PostgresRoleSource(string name, string connectionString, string? password, DeploymentEnvironment environment, TimeSpan timeout,
        string? accountPrefix = null, IEnumerable<string>? privilegedRoles = null, string? connectionLogDirectory = null, TimeProvider? clock = null, ILogger? logger = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.Password))
        {
            throw new InvalidOperationException($"Discovery source \"{name}\": the ConnectionString holds a password; name it by PasswordVariable or PasswordFile instead.");
        }
        Name = name;
        Environment = environment;
        Location = $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username} as {builder.Username}";
        builder.Password = password;
        var seconds = (int)Math.Max(1, Math.Ceiling(timeout.TotalSeconds));
        builder.Timeout = Math.Min(seconds, 1024);
        builder.CommandTimeout = seconds;
        // One read a sync: no pool to keep a login (and its password) alive between runs.
        builder.Pooling = false;
        _connectionString = builder.ConnectionString;
        _accountPrefix = string.IsNullOrEmpty(accountPrefix) ? null : accountPrefix;
        _privilegedRoles = (privilegedRoles ?? []).Where(r => r.Length > 0).ToHashSet(StringComparer.Ordinal);
        _log = string.IsNullOrWhiteSpace(connectionLogDirectory) ? null : new PostgresConnectionLog(name, connectionLogDirectory);
        _clock = clock ?? TimeProvider.System;
        _logger = logger;
    }

    public static PostgresRoleSource FromConfiguration(IConfigurationSection section, DiscoverySourceSettings settings, TimeProvider clock, ILogger? logger) => new(
        settings.Name,
        section["ConnectionString"] is { Length: > 0 } connection ? connection
            : throw new InvalidOperationException($"Discovery source \"{settings.Name}\" (postgresql) needs Discovery:Sources:{settings.Name}:ConnectionString."),
        DiscoverySourceSettings.Secret(section, "Password"),
        settings.Environment,
        settings.Timeout,
        section["AccountPrefix"],
        section.GetSection("PrivilegedRoles").GetChildren().Select(c => c.Value ?? "")
            .Concat((section["PrivilegedRoles"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
        section["ConnectionLogDirectory"],
        clock,
        logger);

    public string Name { get; }

    public string Kind => DiscoverySourceKinds.PostgreSql;

    public string Location { get; }

    public DeploymentEnvironment Environment { get; }

    public async Task<DiscoveryRead> ReadAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var accounts = new List<DiscoveredAccount>();
        try
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(RolesQuery, connection);
            command.Parameters.AddWithValue(_accountPrefix ?? "");
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                accounts.Add(Map(new RoleRow(
                    reader.GetFieldValue<uint>(0), reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5),
                    reader.GetBoolean(6), reader.GetBoolean(7), reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTime>(8), !reader.IsDBNull(9) && reader.GetBoolean(9),
                    reader.GetFieldValue<string[]>(10), reader.IsDBNull(11) ? null : reader.GetString(11)), now));
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && Failure(ex) is { } message)
        {
            throw new DiscoverySourceException(message, ex);
        }
        return DiscoveryRead.Full(accounts);
    }

    public async Task<UsageRead> ReadUsageAsync(string? cursor, CancellationToken ct)
    {
        if (_log is null)
        {
            return new UsageRead([], cursor);
        }
        var read = await _log.ReadAsync(cursor, ct);
        if (read.MalformedLines > 0)
        {
            _logger?.LogWarning("Discovery source {Source}: skipped {Count} line(s) of {Directory} that are not jsonlog lines", Name, read.MalformedLines, _log.Directory);
        }
        return new UsageRead(read.Events, read.NextCursor);
    }

    /// <summary>The lines the last usage read skipped: read it through <see cref="ReadConnectionLogAsync"/> to see them counted.</summary>
    public Task<ConnectionLogRead> ReadConnectionLogAsync(string? cursor, CancellationToken ct) =>
        _log?.ReadAsync(cursor, ct) ?? Task.FromResult(new ConnectionLogRead([], cursor, 0));

    private sealed record RoleRow(uint Oid, string Name, bool CanLogin, bool Superuser, bool CreateRole, bool CreateDb, bool Replication, bool BypassRls,
        DateTime? ValidUntil, bool ValidForever, string[] MemberOf, string? Comment);

    private DiscoveredAccount Map(RoleRow role, DateTime now)
    {
        var validUntil = role.ValidUntil is { } v ? DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc) : (DateTime?)null;
        var disabled = !role.CanLogin || validUntil < now;
        var attributes = new (bool Has, string Name)[]
        {
            (role.Superuser, "superuser"), (role.CreateRole, "createrole"), (role.CreateDb, "createdb"), (role.Replication, "replication"), (role.BypassRls, "bypassrls"),
        }.Where(a => a.Has).Select(a => "attribute:" + a.Name);
        var privilege = role.Superuser ? PrivilegeLevel.Critical
            : role.CreateRole || role.CreateDb || role.Replication || role.BypassRls ? PrivilegeLevel.High
            : role.MemberOf.Any(_privilegedRoles.Contains) ? PrivilegeLevel.Medium
            : PrivilegeLevel.Low;
        var comment = RoleComment.Parse(role.Comment);
        // The version marker: a changed VALID UNTIL or a dropped-and-recreated role is a new credential.
        var marker = string.Create(CultureInfo.InvariantCulture,
            $"{Name}|{role.Name}|{role.Oid}|{(validUntil is { } u ? u.ToString("O", CultureInfo.InvariantCulture) : role.ValidForever ? "infinity" : "")}");
        return new DiscoveredAccount
        {
            ExternalId = role.Name,
            Name = role.Name,
            Kind = IdentityKind.ServiceAccount,
            Description = comment.Description ?? $"PostgreSQL role on {Location}",
            Disabled = disabled,
            OwnerHint = comment.OwnerHint,
            Entitlements = role.MemberOf.Concat(attributes).Order(StringComparer.Ordinal).ToList(),
            Privilege = privilege,
            Credential = new DiscoveredCredential
            {
                ExternalId = role.Name,
                Name = $"{role.Name} password",
                Kind = CredentialKind.Password,
                StoreReference = role.Name,
                Fingerprint = Fingerprint.OfSecret(marker),
                ExpiresUtc = validUntil,
                Enabled = !disabled,
            },
        };
    }

    /// <summary>What failed, in the server's words where it gave them (they never include the password); null for a bug.</summary>
    private string? Failure(Exception ex)
    {
        var prefix = $"PostgreSQL source \"{Name}\" at {Location}";
        return ex switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } => $"{prefix}: login refused (wrong password, or no such role): {((PostgresException)ex).MessageText}",
            PostgresException { SqlState: PostgresErrorCodes.InvalidAuthorizationSpecification } pg => $"{prefix}: login refused: {pg.MessageText}",
            PostgresException pg => $"{prefix}: the server answered {pg.SqlState}: {pg.MessageText}",
            NpgsqlException { InnerException: TimeoutException } or TimeoutException => $"{prefix}: no answer within the timeout",
            NpgsqlException { InnerException: System.Net.Sockets.SocketException socket } => $"{prefix}: unreachable ({socket.SocketErrorCode})",
            NpgsqlException npgsql => $"{prefix}: {npgsql.Message}",
            OperationCanceledException => $"{prefix}: no answer within the timeout",
            _ => null,
        };
    }
}
