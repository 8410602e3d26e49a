using System.Security.Cryptography;
using Npgsql;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Revocation;

namespace NhiPortal.Infrastructure.Connectors;

/// <summary>
/// A PostgreSQL login role used by an NHI (<see cref="CredentialRef.StoreReference"/> is the role name).
/// Revoke: NOLOGIN, password removed, open sessions terminated. Rotate: a new random password, handed back once.
/// Probe: can the role still log in, or does it still hold a session? The admin connection comes from configuration
/// (<c>Connectors:&lt;name&gt;:ConnectionString</c>) and is pooled, so a run with many roles pays for one login.
/// </summary>
public sealed class PostgresConnector(string name, string connectionString, string? deliveryDirectory = null) : ICredentialConnector, ISecretDelivery, IAsyncDisposable
{
    /// <summary>With <c>DeliveryDirectory</c> set, a new password is written there (one file per role, owner-only) before the role gets it.</summary>
    public bool DeliversRotatedSecrets => deliveryDirectory is not null;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public string Name => name;

    public string Kind => ConnectorKinds.PostgreSql;

    public bool CanRotate => true;

    public string Describe(CredentialRef credential) =>
        $"PostgreSQL role \"{credential.StoreReference}\": NOLOGIN, password removed, open sessions terminated";

    public async Task<ConnectorResult> RevokeAsync(CredentialRef credential, CancellationToken ct)
    {
        var role = credential.StoreReference;
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        if (!await RoleExistsAsync(connection, role, ct))
        {
            // Dropped already: nothing can log in with it, which is what revocation wants.
            return ConnectorResult.Ok($"role \"{role}\" does not exist (already removed)");
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
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        if (!await RoleExistsAsync(connection, role, ct))
        {
            return new RotationResult(false, $"role \"{role}\" does not exist");
        }
        // Delivered first: a password the role has but nobody can read would take the workload down.
        var delivery = deliveryDirectory is null ? null : await SecretFile.WriteAsync(deliveryDirectory, role, password, ct);
        try
        {
            // ALTER ROLE takes no parameters; the password is base64url, so it never contains a quote.
            await using var alter = new NpgsqlCommand($"ALTER ROLE {Quote(role)} LOGIN PASSWORD '{password}'", connection);
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
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT r.rolcanlogin, r.rolpassword IS NOT NULL, (SELECT count(*) FROM pg_stat_activity a WHERE a.usename = r.rolname) FROM pg_authid r WHERE r.rolname = $1",
            connection);
        command.Parameters.AddWithValue(role);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return new ProbeResult(false, $"role \"{role}\" does not exist");
        }
        var canLogin = reader.GetBoolean(0);
        var hasPassword = reader.GetBoolean(1);
        var sessions = reader.GetInt64(2);
        var accepted = canLogin || sessions > 0;
        return new ProbeResult(accepted, accepted
            ? $"role \"{role}\" still accepted: login {(canLogin ? "allowed" : "refused")}, password {(hasPassword ? "set" : "removed")}, {sessions} open session(s)"
            : $"role \"{role}\" cannot log in and has no open session");
    }

    private static async Task<bool> RoleExistsAsync(NpgsqlConnection connection, string role, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_roles WHERE rolname = $1", connection);
        command.Parameters.AddWithValue(role);
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>
    /// Terminates the role's sessions, then polls until they are gone: <c>pg_terminate_backend(pid, timeout)</c>
    /// sleeps in 100 ms steps, which would make a 50-role run take seconds.
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
