using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NhiPortal.Core.Discovery.Ldap;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Ldap;

namespace NhiPortal.Infrastructure.Connectors;

/// <summary>
/// A directory account's password (<see cref="CredentialRef.StoreReference"/> is its DN), in OpenLDAP or Active
/// Directory. Revoke: a long random password nobody receives, plus the lock (OpenLDAP ppolicy's
/// pwdAccountLockedTime; AD's ACCOUNTDISABLE bit). The password is what makes it certain: on slapd a lock alone did not
/// refuse the next bind. Rotate: a new random password, delivered once and never stored. Probe: reads the account
/// back. Only DNs strictly below a <c>ManagedBaseDns</c> entry are touched, never a privileged (adminCount, Domain
/// Admins) account; a DN that is not there is "not found: cannot verify", never a success.
/// </summary>
public sealed class LdapConnector(string name, LdapConnectorOptions options, TimeProvider clock) : ICredentialConnector, ISecretDelivery
{
    private const string PermanentLock = "000001010000Z";
    private const int AccountDisable = 0x2;

    private readonly LdapEndpoint _endpoint = LdapEndpoint.Parse(options.Url, options.BindDn, options.ReadPassword, options.Timeout);
    private readonly LdapAccountMapper _mapper = new(name, options.Dialect, clock);

    public string Name => name;

    public string Kind => ConnectorKinds.Ldap;

    public bool CanRotate => true;

    public bool DeliversRotatedSecrets => options.DeliveryDirectory is not null;

    public string Describe(CredentialRef credential) => OutOfScope(credential.StoreReference) ?? (options.Dialect == LdapDialect.ActiveDirectory
        ? $"Directory account \"{credential.StoreReference}\": disabled (userAccountControl ACCOUNTDISABLE) and its password replaced by a random one nobody receives"
        : $"Directory account \"{credential.StoreReference}\": locked (pwdAccountLockedTime) and its password replaced by a random one nobody receives");

    public Task<ConnectorResult> RevokeAsync(CredentialRef credential, CancellationToken ct) => Task.Run(async () =>
    {
        var dn = credential.StoreReference;
        if (OutOfScope(dn) is { } refusal)
        {
            return ConnectorResult.Final(refusal);
        }
        using var connection = _endpoint.Open();
        var state = Inspect(connection, dn);
        if (state is null)
        {
            return ConnectorResult.Final(NotFound(dn));
        }
        if (Privileged(state) is { } privileged)
        {
            return ConnectorResult.Final(privileged);
        }
        var wasLocked = state.Locked;
        await ReplacePasswordUntilMarkerMovesAsync(connection, state, ct);
        Lock(connection, state);
        return ConnectorResult.Ok($"account \"{dn}\" {(wasLocked ? "was already locked; locked again" : "locked")} and its password replaced by a random one nobody received");
    }, ct);

    public Task<RotationResult> RotateAsync(CredentialRef credential, CancellationToken ct) => Task.Run(async () =>
    {
        var dn = credential.StoreReference;
        if (OutOfScope(dn) is { } refusal)
        {
            return new RotationResult(false, refusal);
        }
        using var connection = _endpoint.Open();
        var state = Inspect(connection, dn);
        if (state is null)
        {
            return new RotationResult(false, NotFound(dn));
        }
        if (Privileged(state) is { } privileged)
        {
            return new RotationResult(false, privileged);
        }
        if (state.Locked)
        {
            // On slapd a lock alone does not refuse binds: a known new password on a revoked account would undo the revocation.
            return new RotationResult(false, ConnectorScope.Refusal(name, $"account \"{dn}\" is locked or disabled (revoked); rotating would give it a working password again"));
        }
        var password = RandomPassword();
        // Delivered first: a password the account has but nobody can read would take the workload down.
        var delivery = options.DeliveryDirectory is null ? null : await SecretFile.WriteAsync(options.DeliveryDirectory, dn, password, ct);
        try
        {
            SetPassword(connection, dn, password);
        }
        catch
        {
            if (delivery is not null)
            {
                await delivery.UndoAsync();
            }
            throw;
        }
        var after = Inspect(connection, dn) ?? state;
        var fingerprint = LdapAccountMapper.PasswordFingerprint(name, after.Dn, after.PasswordChangedUtc);
        var marker = after.PasswordChangedUtc is null ? " (the server keeps no password-change time, so the fingerprint cannot show the change)" : "";
        return delivery is null
            ? new RotationResult(true, $"account \"{dn}\" has a new password{marker}", fingerprint, null, password)
            : new RotationResult(true, $"account \"{dn}\" has a new password, delivered to {delivery.Path}{marker}", fingerprint, null, OneTimeSecret: null, DeliveredTo: delivery.Path);
    }, ct);

    public Task<ProbeResult> ProbeAsync(CredentialRef credential, CancellationToken ct) => Task.Run(() =>
    {
        var dn = credential.StoreReference;
        if (OutOfScope(dn) is { } refusal)
        {
            return new ProbeResult(false, refusal, Verifiable: false);
        }
        using var connection = _endpoint.Open();
        var state = Inspect(connection, dn);
        if (state is null)
        {
            return ProbeResult.NotFound(NotFound(dn));
        }
        if (options.Dialect == LdapDialect.ActiveDirectory)
        {
            return new ProbeResult(!state.Locked, state.Locked ? $"account \"{dn}\" is disabled" : $"account \"{dn}\" is enabled: its password is still accepted");
        }
        // The lock alone does not refuse binds on slapd: the password must also have changed since the credential was recorded.
        var passwordChanged = state.PasswordChangedUtc is not null && LdapAccountMapper.PasswordFingerprint(name, state.Dn, state.PasswordChangedUtc) != credential.Fingerprint;
        var accepted = !(state.Locked && passwordChanged);
        return new ProbeResult(accepted, accepted
            ? $"account \"{dn}\" still accepted: {(state.Locked ? "locked" : "not locked")}, password {(passwordChanged ? "changed" : "unchanged")} since it was recorded"
            : $"account \"{dn}\" is locked and its recorded password was replaced");
    }, ct);

    private sealed record AccountState(string Dn, bool Locked, DateTime? PasswordChangedUtc, int UserAccountControl, PrivilegeLevel Privilege);

    /// <summary>Null when no entry has the DN.</summary>
    private AccountState? Inspect(LdapConnection connection, string dn)
    {
        var request = new SearchRequest(dn, "(objectClass=*)", SearchScope.Base, [.. LdapAccountMapper.RequestedAttributes(options.Dialect)]);
        var response = (SearchResponse)_endpoint.Send(connection, request, $"read of {dn}", ResultCode.NoSuchObject);
        if (response.ResultCode == ResultCode.NoSuchObject || response.Entries.Count == 0)
        {
            return null;
        }
        var found = response.Entries[0];
        var entry = new LdapEntry(found.DistinguishedName, found.Attributes.AttributeNames.Cast<string>()
            .Select(a => new KeyValuePair<string, IReadOnlyList<string>>(a, found.Attributes[a].GetValues(typeof(string)).Cast<string>().ToList())));
        _ = int.TryParse(entry.First("userAccountControl"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var control);
        var mapped = _mapper.TryMap(entry, out var account, out _) ? account : null;
        var locked = options.Dialect == LdapDialect.ActiveDirectory ? (control & AccountDisable) != 0 : entry.Has("pwdAccountLockedTime");
        // An entry the mapper cannot read is treated as privileged: refusing is safer than guessing.
        return new AccountState(entry.Dn, locked, mapped?.Credential.IssuedUtc, control, mapped?.Privilege ?? PrivilegeLevel.Critical);
    }

    private void SetPassword(LdapConnection connection, string dn, string password)
    {
        if (options.Dialect == LdapDialect.ActiveDirectory)
        {
            // AD takes unicodePwd as the quoted password in UTF-16LE, over LDAPS only.
            var modification = new DirectoryAttributeModification { Name = "unicodePwd", Operation = DirectoryAttributeOperation.Replace };
            modification.Add(Encoding.Unicode.GetBytes($"\"{password}\""));
            _endpoint.Send(connection, new ModifyRequest(dn, modification), $"password change of {dn}");
            return;
        }
        _endpoint.Send(connection, LdapPasswordModify.Request(dn, password), $"password change of {dn}");
    }

    /// <summary>
    /// pwdChangedTime has one-second precision: a change within the same second as the recorded one would leave the
    /// fingerprint, and so the probe, unable to tell. Sets a fresh random password again after the server's second has
    /// passed (at most twice more); a server without the attribute gets one change.
    /// </summary>
    private async Task ReplacePasswordUntilMarkerMovesAsync(LdapConnection connection, AccountState before, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            SetPassword(connection, before.Dn, RandomPassword());
            if (options.Dialect == LdapDialect.ActiveDirectory || attempt == 2 || before.PasswordChangedUtc is null
                || Inspect(connection, before.Dn)?.PasswordChangedUtc != before.PasswordChangedUtc)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromSeconds(1), clock, ct);
        }
    }

    private void Lock(LdapConnection connection, AccountState state)
    {
        var request = options.Dialect == LdapDialect.ActiveDirectory
            ? new ModifyRequest(state.Dn, DirectoryAttributeOperation.Replace, "userAccountControl",
                (state.UserAccountControl | AccountDisable).ToString(CultureInfo.InvariantCulture))
            : new ModifyRequest(state.Dn, DirectoryAttributeOperation.Replace, "pwdAccountLockedTime", PermanentLock);
        _endpoint.Send(connection, request, $"lock of {state.Dn}");
    }

    private string? OutOfScope(string dn)
    {
        if (options.ManagedBaseDns.Count == 0)
        {
            return ConnectorScope.Refusal(name, $"it has no ManagedBaseDns configured (Connectors:{name}:ManagedBaseDns), so it manages nothing");
        }
        if (LdapDistinguishedName.Parse(dn) is null)
        {
            return ConnectorScope.Refusal(name, $"\"{dn}\" is not a distinguished name");
        }
        return options.ManagedBaseDns.Any(b => LdapDistinguishedName.IsBelow(dn, b))
            ? null
            : ConnectorScope.Refusal(name, $"\"{dn}\" is not below any of ManagedBaseDns ({string.Join("; ", options.ManagedBaseDns)})");
    }

    private string? Privileged(AccountState state) => state.Privilege is PrivilegeLevel.High or PrivilegeLevel.Critical
        ? ConnectorScope.Refusal(name, $"account \"{state.Dn}\" is privileged (adminCount, a domain-owning group, or an entry that cannot be read); only plain service accounts are managed")
        : null;

    private static string NotFound(string dn) =>
        $"account \"{dn}\" not found: cannot verify (no entry has this DN: moved, renamed or deleted); a person must check the store reference";

    /// <summary>192 random bits plus one character of each class, so AD's complexity rule accepts it too.</summary>
    private static string RandomPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_') + "aZ7!";
}
