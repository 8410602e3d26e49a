using NhiPortal.Core.Credentials;
using NhiPortal.Core.Discovery;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Discovery;

namespace NhiPortal.Infrastructure.Tests.Discovery;

/// <summary>
/// A source whose next read the test sets: what a directory would answer (or how it would fail), so the sync's rules
/// are tested apart from any one protocol. The real LDAP, PostgreSQL and Keycloak sources have tests of their own.
/// </summary>
public sealed class ScriptedSource(string name = "corp-dir") : IDiscoverySource
{
    public string Name => name;
    public string Kind => "scripted";
    public string Location => "memory";
    public DeploymentEnvironment Environment => DeploymentEnvironment.Production;

    public DiscoveryRead Next { get; set; } = DiscoveryRead.Full([]);

    public Exception? Failure { get; set; }

    public int Reads { get; private set; }

    public Task<DiscoveryRead> ReadAsync(CancellationToken ct)
    {
        Reads++;
        return Failure is { } failure ? Task.FromException<DiscoveryRead>(failure) : Task.FromResult(Next);
    }

    public DiscoverySourceRegistry Registry() =>
        new([(this, new DiscoverySourceSettings(Name, Kind, Environment, TimeSpan.FromHours(1), TimeSpan.FromSeconds(5)))]);

    public static DiscoveredAccount Account(string id, string? owner = null, bool disabled = false, string[]? groups = null, string version = "1",
        DateTime? expires = null, DateTime? lastUsed = null, bool enabled = true, DateTime? issued = null, string? name = null) => new()
    {
        ExternalId = $"uid={id},ou=services,dc=example,dc=org",
        Name = name ?? id,
        Kind = IdentityKind.ServiceAccount,
        Description = $"{id} service account",
        Disabled = disabled,
        OwnerHint = owner,
        Entitlements = groups ?? [],
        Credential = new DiscoveredCredential
        {
            ExternalId = $"uid={id},ou=services,dc=example,dc=org",
            Name = $"{id} password",
            Kind = CredentialKind.Password,
            StoreReference = $"uid={id},ou=services,dc=example,dc=org",
            Fingerprint = Fingerprint.Parse(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{id}|{version}")))),
            IssuedUtc = issued ?? new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc),
            ExpiresUtc = expires,
            LastUsedUtc = lastUsed,
            Enabled = enabled && !disabled,
        },
    };
}
