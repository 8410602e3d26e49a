using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Revocation;

namespace NhiPortal.Infrastructure.Connectors;

/// <summary>
/// A PostgreSQL login role used by an NHI (<see cref="CredentialRef.StoreReference"/> is the role name).
/// Revoke: NOLOGIN, password removed, open sessions terminated. Rotate: a new random password, handed back once; the
/// server receives only its SCRAM-SHA-256 verifier. Probe: can the role still log in, or does it still hold a session?
/// The admin connection comes from configuration (<c>Connectors:&lt;name&gt;:ConnectionString</c>, a LOGIN CREATEROLE
/// role with pg_signal_backend, not a superuser) and is pooled, so a run with many roles pays for one login.
/// Only roles in <paramref name="scope"/> are touched, and never a privileged or group role; a role that is not
/// there is a failure ("not found: cannot verify"), never a success.
/// </summary>
public sealed class PostgresConnector(string name, string connectionString, string? deliveryDirectory = null, ConnectorScope? scope = null)
    : ICredentialConnector, ISecretDelivery, IAsyncDisposable
{
    /// <summary>Predefined roles whose members can read or write server files, run programs or end others' sessions.</summary>
    private static readonly string[] EscalatingRoles =
        ["pg_execute_server_program", "pg_read_server_files", "pg_write_server_files", "pg_signal_backend", "pg_read_all_data", "pg_write_all_data"];

    /// <summary>PostgreSQL truncates longer identifiers, so a longer reference could name another role.</summary>
    private const int MaxRoleNameBytes = 63;

    private readonly ConnectorScope _scope = scope ?? ConnectorScope.Nothing;

    /// <summary>With <c>DeliveryDirectory</c> set, a new password is written there (one file per role, owner-only) before the role gets it.</summary>
    public bool DeliversRotatedSecrets => deliveryDirectory is not null;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public string Name => name;

    public string Kind => ConnectorKinds.PostgreSql;

    public bool CanRotate => true;

    public ConnectorScope Scope => _scope;

    public string Describe(CredentialRef credential) => OutOfScope(credential.StoreReference) is { } refusal
        ? refusal
        : $"PostgreSQL role \"{credential.StoreReference}\": NOLOGIN, password removed, open sessions terminated";

    public async Task<ConnectorResult> RevokeAsync(CredentialRef credential, CancellationToken ct)
    {
        var role = credential.StoreReference;
        if (OutOfScope(role) is { } refusal)
        {
            return ConnectorResult.Final(refusal);
        }
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        var state = await InspectAsync(connection, role, ct);
        if (state is null)
        {
            return ConnectorResult.Final(NotFound(role));
        }
        if (Privileged(role, state) is { } privileged)
        {
            return ConnectorResult.Final(privileged);
        }
        await using (var alter = new NpgsqlCommand($"ALTER ROLE {Quote(role)} NOLOGIN PASSWORD NULL", connection))
        {
            await alter.ExecuteNonQueryAsync(ct);
        }
        var terminated = await TerminateSessionsAsync(connection, role, ct);
        return ConnectorResult.Ok($"role \"{role}\" set NOLOGIN, password removed, {terminated} session(s) terminated");
    }

    public async Task<RotationResult> RotateAsync(CredentialRef credential, CancellationToken ct)
    {
        var role = credential.StoreReference;
        if (OutOfScope(role) is { } refusal)
        {
            return new RotationResult(false, refusal);
        }
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        var state = await InspectAsync(connection, role, ct);
        if (state is null)
        {
            return new RotationResult(false, NotFound(role));
        }
        if (Privileged(role, state) is { } privileged)
        {
            return new RotationResult(false, privileged);
        }
        if (!state.CanLogin)
        {
            // Rotation sets LOGIN with the new password: on a revoked role that would undo the revocation.
            return new RotationResult(false, ConnectorScope.Refusal(name, $"role \"{role}\" is NOLOGIN, not a login role; rotating would switch it back on"));
        }
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        // Delivered first: a password the role has but nobody can read would take the workload down.
        var delivery = deliveryDirectory is null ? null : await SecretFile.WriteAsync(deliveryDirectory, role, password, ct);
        try
        {
            // ALTER ROLE takes no parameters; the verifier is base64 with '$' and ':', so it never contains a quote.
            await using var alter = new NpgsqlCommand($"ALTER ROLE {Quote(role)} LOGIN PASSWORD '{ScramSha256.Verifier(password)}'", connection);
            await alter.ExecuteNonQueryAsync(ct);
        }
        catch
        {
            if (delivery is not null)
            {
                await delivery.UndoAsync();
            }
            throw;
        }
        // Sessions opened with the old password keep running unless ended.
        var terminated = await TerminateSessionsAsync(connection, role, ct);
        return delivery is null
            ? new RotationResult(true, $"role \"{role}\" has a new password; {terminated} old session(s) terminated", Fingerprint.OfSecret(password), null, password)
            : new RotationResult(true, $"role \"{role}\" has a new password, delivered to {delivery.Path}; {terminated} old session(s) terminated",
                Fingerprint.OfSecret(password), null, OneTimeSecret: null, DeliveredTo: delivery.Path);
    }

    public async Task<ProbeResult> ProbeAsync(CredentialRef credential, CancellationToken ct)
    {
        var role = credential.StoreReference;
        if (OutOfScope(role) is { } refusal)
        {
            return new ProbeResult(false, refusal, Verifiable: false);
        }
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        var state = await InspectAsync(connection, role, ct);
        if (state is null)
        {
            return ProbeResult.NotFound(NotFound(role));
        }
        var accepted = state.CanLogin || state.Sessions > 0;
        return new ProbeResult(accepted, accepted
            ? $"role \"{role}\" still accepted: login {(state.CanLogin ? "allowed" : "refused")}, {state.Sessions} open session(s)"
            : $"role \"{role}\" cannot log in and has no open session");
    }

    /// <summary>Why a reference is refused before any SQL: no allow-list, outside it, or not a name PostgreSQL keeps whole.</summary>
    private string? OutOfScope(string role)
    {
        if (_scope.IsEmpty)
        {
            return ConnectorScope.Refusal(name, $"it has no ManagedRolePrefix or ManagedRoles configured (Connectors:{name}:ManagedRolePrefix / ManagedRoles), so it manages nothing");
        }
        if (role.Length == 0 || role.Contains('\0', StringComparison.Ordinal) || Encoding.UTF8.GetByteCount(role) > MaxRoleNameBytes)
        {
            return ConnectorScope.Refusal(name, $"\"{role}\" is not a PostgreSQL role name (empty, a NUL character, or longer than {MaxRoleNameBytes} bytes)");
        }
        return _scope.Allows(role)
            ? null
            : ConnectorScope.Refusal(name, $"role \"{role}\" is not in ManagedRoles{(_scope.Prefix is null ? "" : $" and does not start with ManagedRolePrefix \"{_scope.Prefix}\"")}");
    }

    /// <summary>Superusers, role admins, replication, RLS bypass, group roles and members of escalating roles are never the connector's to touch.</summary>
    private string? Privileged(string role, RoleState state)
    {
        var reasons = new (bool Applies, string Reason)[]
        {
            (state.Superuser, "is a superuser"), (state.CreateRole, "has CREATEROLE"), (state.Replication, "has REPLICATION"),
            (state.BypassRls, "has BYPASSRLS"), (state.Predefined, "is a predefined role"), (state.HasMembers, "is a group role (other roles are its members)"),
            (state.PrivilegedGroups is { Length: > 0 }, $"is a member of {state.PrivilegedGroups}"),
        }.Where(r => r.Applies).Select(r => r.Reason).ToList();
        return reasons.Count == 0 ? null : ConnectorScope.Refusal(name, $"role \"{role}\" {string.Join(", ", reasons)}; only plain login roles are managed");
    }

    private static string NotFound(string role) =>
        $"role \"{role}\" not found: cannot verify (no role has exactly this name: a typo, a case difference, a rename, or dropped); a person must check the store reference";

    private sealed record RoleState(bool CanLogin, bool Superuser, bool CreateRole, bool Replication, bool BypassRls, bool Predefined, bool HasMembers,
        string? PrivilegedGroups, long Sessions);

    /// <summary>
    /// One read through views any role may query (pg_roles, pg_auth_members, pg_stat_activity): pg_authid needs a
    /// superuser. Null when no role has exactly this name.
    /// </summary>
    private static async Task<RoleState?> InspectAsync(NpgsqlConnection connection, string role, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT r.rolcanlogin, r.rolsuper, r.rolcreaterole, r.rolreplication, r.rolbypassrls, r.oid < 16384,
                   EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.roleid = r.oid),
                   (SELECT string_agg(g.rolname, ', ' ORDER BY g.rolname) FROM pg_roles g
                     WHERE g.oid <> r.oid AND (g.rolsuper OR g.rolcreaterole OR g.rolreplication OR g.rolbypassrls OR g.rolname = ANY($2))
                       AND pg_has_role(r.oid, g.oid, 'MEMBER')),
                   (SELECT count(*) FROM pg_stat_activity a WHERE a.usename = r.rolname)
            FROM pg_roles r WHERE r.rolname = $1
            """, connection);
        command.Parameters.AddWithValue(role);
        command.Parameters.AddWithValue(EscalatingRoles);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }
        return new RoleState(reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5),
            reader.GetBoolean(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetInt64(8));
    }

    /// <summary>
    /// Terminates the role's sessions, then polls until they are gone: <c>pg_terminate_backend(pid, timeout)</c>
    /// sleeps in 100 ms steps, which would make a 50-role run take seconds. Ending another role's session needs
    /// pg_signal_backend (PostgreSQL 15: CREATEROLE alone does not make the connector a member of the roles it alters).
    /// </summary>
    private static async Task<int> TerminateSessionsAsync(NpgsqlConnection connection, string role, CancellationToken ct)
    {
        int terminated;
        await using (var terminate = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = $1 AND pid <> pg_backend_pid()", connection))
        {
            terminate.Parameters.AddWithValue(role);
            terminated = Convert.ToInt32(await terminate.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        if (terminated == 0)
        {
            return 0;
        }
        await using var remaining = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE usename = $1 AND pid <> pg_backend_pid()", connection);
        remaining.Parameters.AddWithValue(role);
        for (var i = 0; i < 200 && (long)(await remaining.ExecuteScalarAsync(ct))! > 0; i++)
        {
            await Task.Delay(5, ct);
        }
        return terminated;
    }

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
