using System.Globalization;
using NhiPortal.Core.Access;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Ownership;

namespace NhiPortal.Core.Inventory;

public sealed record DemoAccount(string Subject, string UserName, string DisplayName, string Email, PortalRole? Role);

public sealed record SyntheticOrganisationSize(int Staff = 40, int Teams = 8, int Identities = 2_000, int Credentials = 6_000)
{
    public static readonly SyntheticOrganisationSize Demo = new();
}

public sealed record SyntheticOrganisationStream(
    IReadOnlyList<Team> Teams,
    IReadOnlyList<StaffMember> Staff,
    IEnumerable<(NonHumanIdentity Identity, IReadOnlyList<Credential> Credentials)> Identities);

public sealed record SyntheticOrganisationData(
    IReadOnlyList<Team> Teams,
    IReadOnlyList<StaffMember> Staff,
    IReadOnlyList<NonHumanIdentity> Identities,
    IReadOnlyList<Credential> Credentials);

/// <summary>
/// A deterministic synthetic organisation with the flaws real ones have: orphans, owners who left, a dissolved
/// team, stale and never-rotated secrets, certificates about to expire, shared and break-glass accounts, reused
/// fingerprints and shadow credentials. Same seed and clock, same organisation.
/// </summary>
public static class SyntheticOrganisation
{
    /// <summary>One sign-in per portal role plus one with none; their subjects own part of the demo inventory.</summary>
    public static readonly IReadOnlyList<DemoAccount> DemoAccounts =
    [
        new("demo-admin", "admin", "Ada Adminson", "ada.adminson@example.org", PortalRole.Administrator),
        new("demo-operator", "operator", "Sam Operator", "sam.operator@example.org", PortalRole.SecurityOperator),
        new("demo-reviewer", "reviewer", "Riley Reviewer", "riley.reviewer@example.org", PortalRole.Reviewer),
        new("demo-auditor", "auditor", "Avery Auditor", "avery.auditor@example.org", PortalRole.Auditor),
        new("demo-visitor", "visitor", "Vic Visitor", "vic.visitor@example.org", null),
    ];

    private static readonly string[] TeamNames =
    [
        "Payments", "Identity Platform", "Data Engineering", "Customer Apps", "Infrastructure", "Observability",
        "Security Engineering", "Legacy Integrations", "Mobile", "Analytics", "Billing", "Search",
    ];

    private static readonly string[] Systems =
    [
        "ledger", "checkout", "gateway", "etl", "warehouse", "crm", "mailer", "scheduler", "backup", "metrics",
        "search", "reports", "billing", "auth", "inventory", "catalog", "notify", "kafka", "vault", "deploy",
    ];

    private static readonly string[] FirstNames =
    [
        "Alex", "Blair", "Casey", "Dana", "Eli", "Frankie", "Gale", "Harper", "Indy", "Jordan", "Kai", "Logan",
        "Morgan", "Noel", "Oakley", "Parker", "Quinn", "Reese", "Sage", "Taylor",
    ];

    private static readonly string[] LastNames =
    [
        "Abbott", "Baker", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ivanova", "Jones", "Khan",
        "Larsen", "Moreau", "Nakamura", "Okafor", "Patel", "Rossi", "Silva", "Tanaka", "Weber",
    ];

    private static readonly string[] StoreNames = ["vault", "aws-secrets-manager", "entra", "postgresql", "github", "kubernetes"];

    /// <summary>The whole organisation in memory: for the demo seed and tests.</summary>
    public static SyntheticOrganisationData Generate(SyntheticOrganisationSize size, DateTime nowUtc, int seed = DefaultSeed)
    {
        var stream = Stream(size, nowUtc, seed);
        var identities = new List<NonHumanIdentity>(size.Identities);
        var credentials = new List<Credential>(size.Credentials);
        foreach (var (identity, owned) in stream.Identities)
        {
            identities.Add(identity);
            credentials.AddRange(owned);
        }
        return new SyntheticOrganisationData(stream.Teams, stream.Staff, identities, credentials);
    }

    public const int DefaultSeed = 20261123;

    /// <summary>
    /// The organisation as a stream: teams and staff up front, then each identity with its credentials (shadow
    /// credentials arrive with no identity). A million identities never sit in memory at once. Enumerate once.
    /// </summary>
    public static SyntheticOrganisationStream Stream(SyntheticOrganisationSize size, DateTime nowUtc, int seed = DefaultSeed)
    {
        var random = new SyntheticRandom(seed);
        var teams = Enumerable.Range(0, size.Teams).Select(i => new Team
        {
            Id = random.NextId(),
            Name = i < TeamNames.Length ? TeamNames[i] : $"Team {i + 1}",
            // The last team was reorganised away: whatever it still owns is an orphan.
            IsDissolved = size.Teams > 1 && i == size.Teams - 1,
        }).ToList();
        var liveTeams = teams.Where(t => !t.IsDissolved).ToList();

        var staff = new List<StaffMember>(size.Staff);
        for (var i = 0; i < size.Staff; i++)
        {
            var demo = i < DemoAccounts.Count ? DemoAccounts[i] : null;
            var first = FirstNames[i % FirstNames.Length];
            var last = LastNames[(i / FirstNames.Length + i * 7) % LastNames.Length];
            staff.Add(new StaffMember
            {
                Id = random.NextId(),
                Subject = demo?.Subject ?? $"staff-{i:D4}",
                DisplayName = demo?.DisplayName ?? $"{first} {last}",
                Email = demo?.Email ?? $"{first}.{last}{i}@example.org".ToLowerInvariant(),
                TeamId = liveTeams[i % liveTeams.Count].Id,
                // About one in thirteen has left the organisation but still owns identities.
                IsActive = demo is not null || i % 13 != 7,
            });
        }
        return new SyntheticOrganisationStream(teams, staff, IdentitiesWithCredentials(size, nowUtc, random, teams, liveTeams, staff));
    }

    private static IEnumerable<(NonHumanIdentity Identity, IReadOnlyList<Credential> Credentials)> IdentitiesWithCredentials(
        SyntheticOrganisationSize size, DateTime nowUtc, SyntheticRandom random, List<Team> teams, List<Team> liveTeams, List<StaffMember> staff)
    {
        var kinds = Enum.GetValues<IdentityKind>();
        var environments = Enum.GetValues<DeploymentEnvironment>();
        var reviewer = staff.FirstOrDefault(s => s.Subject == "demo-reviewer");
        var credentialIndex = 0;
        var perIdentity = size.Identities == 0 ? 0 : size.Credentials / size.Identities;
        var remainder = size.Identities == 0 ? 0 : size.Credentials % size.Identities;
        string? reusable = null;
        for (var i = 0; i < size.Identities; i++)
        {
            var kind = kinds[random.Next(kinds.Length)];
            var environment = environments[Weighted(random, 5, 2, 3)];
            // The dissolved team still owns a few identities nobody moved.
            var team = random.Next(25) == 0 ? teams[^1] : liveTeams[random.Next(liveTeams.Count)];
            var owner = staff[random.Next(staff.Count)];
            if (reviewer is not null && i % 50 == 3)
            {
                owner = reviewer;
            }
            var system = Systems[random.Next(Systems.Length)];
            var identity = new NonHumanIdentity
            {
                Id = random.NextId(),
                ExternalId = $"demo-nhi-{i:D7}",
                Name = $"{Prefix(kind)}-{system}-{EnvironmentTag(environment)}-{i:D5}",
                Kind = kind,
                Purpose = $"{Describe(kind)} for {system} ({team.Name})",
                Environment = environment,
                SourceSystem = StoreNames[random.Next(StoreNames.Length)],
                TeamId = team.Id,
                // About one in twenty-five was never given an owner.
                OwnerId = random.Next(25) == 0 ? null : owner.Id,
                PrivilegeLevel = (PrivilegeLevel)Weighted(random, 5, 3, 2, 1),
                Entitlements = Enumerable.Range(0, random.Next(1, 4))
                    .Select(n => $"{system}:{(n == 0 ? "read" : n == 1 ? "write" : "admin")}").ToList(),
                IsShared = random.Next(30) == 0,
                IsBreakGlass = random.Next(90) == 0,
                IsVendorManaged = kind == IdentityKind.VendorIntegration,
                LifecycleState = random.Next(40) == 0 ? IdentityLifecycleState.Disabled : IdentityLifecycleState.Active,
                CreatedUtc = nowUtc.AddDays(-random.Next(30, 1_500)).AddMinutes(-random.Next(1_440)),
                LastActivityUtc = random.Next(10) == 0 ? null : nowUtc.AddHours(-random.Next(1, 24 * 200)),
                LastAttestedUtc = random.Next(3) == 0 ? null : nowUtc.AddDays(-random.Next(1, 400)),
            };
            var count = perIdentity + (i < remainder ? 1 : 0);
            var credentials = new List<Credential>(count);
            for (var n = 0; n < count; n++, credentialIndex++)
            {
                // About one in a hundred is a shadow credential: found in a store, linked to no identity.
                var holder = random.Next(100) == 0 ? null : identity;
                credentials.Add(NewCredential(random, nowUtc, credentialIndex, n, holder, ref reusable));
            }
            yield return (identity, credentials);
        }
    }

    private static Credential NewCredential(SyntheticRandom random, DateTime nowUtc, int index, int n, NonHumanIdentity? identity, ref string? reusable)
    {
        var credentialKinds = Enum.GetValues<CredentialKind>();
        var kind = credentialKinds[random.Next(credentialKinds.Length)];
        var issued = nowUtc.AddDays(-random.Next(1, 900));
        var isDynamic = kind is CredentialKind.AccessToken && random.Next(2) == 0;
        var fingerprint = Convert.ToHexStringLower(RandomBytes(random, 32));
        if (random.Next(80) == 0)
        {
            // A secret copied between environments or identities: the same fingerprint twice.
            (reusable, fingerprint) = reusable is null ? (fingerprint, fingerprint) : (null, reusable);
        }
        return new Credential
        {
            Id = random.NextId(),
            ExternalId = $"demo-cred-{index:D7}",
            Name = identity is null ? $"discovered-{KindTag(kind)}-{index:D7}" : $"{identity.Name}-{KindTag(kind)}-{n + 1}",
            Kind = kind,
            IdentityId = identity?.Id,
            Purpose = identity is null ? "Unknown: discovered in store" : $"{KindTag(kind)} for {identity.Purpose}",
            Store = identity?.SourceSystem ?? StoreNames[random.Next(StoreNames.Length)],
            StoreReference = $"{KindTag(kind)}/{index:D7}",
            Fingerprint = Fingerprint.Parse(fingerprint),
            IssuedUtc = issued,
            IsDynamic = isDynamic,
            TimeToLive = isDynamic ? TimeSpan.FromHours(1) : null,
            // Half were never rotated at all.
            LastRotatedUtc = random.Next(2) == 0 ? null : issued.AddDays(random.Next(0, (int)(nowUtc - issued).TotalDays + 1)),
            LastUsedUtc = random.Next(8) == 0 ? null : nowUtc.AddHours(-HoursSinceLastUse(random)),
            ExpiresUtc = kind switch
            {
                CredentialKind.Certificate => nowUtc.AddDays(random.Next(-20, 400)),
                CredentialKind.AccessToken => isDynamic ? nowUtc.AddMinutes(random.Next(5, 60)) : nowUtc.AddDays(random.Next(-10, 365)),
                CredentialKind.ClientSecret or CredentialKind.ApiKey => random.Next(3) == 0 ? null : issued.AddDays(730),
                CredentialKind.RefreshToken => issued.AddDays(90),
                CredentialKind.Password or CredentialKind.SshKey => null,
            },
            State = random.Next(25) == 0 ? CredentialState.Revoked : CredentialState.Active,
        };
    }

    // Most credentials were used today; a long tail has not been used for months.
    private static int HoursSinceLastUse(Random random) => Weighted(random, 6, 2, 1, 1) switch
    {
        0 => random.Next(1, 48),
        1 => random.Next(48, 24 * 30),
        2 => random.Next(24 * 30, 24 * 120),
        _ => random.Next(24 * 120, 24 * 700),
    };

    private static int Weighted(Random random, params int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            if ((roll -= weights[i]) < 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>The generator's random source, which also hands out ids: random, but ascending in text form (the first
    /// group counts up), so a key index grows by appending.</summary>
    private sealed class SyntheticRandom(int seed) : Random(seed)
    {
        private int _sequence;

        public Guid NextId()
        {
            var bytes = RandomBytes(this, 16);
            BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), ++_sequence);
            return new Guid(bytes);
        }
    }

    private static string Prefix(IdentityKind kind) => kind switch
    {
        IdentityKind.ServiceAccount => "svc",
        IdentityKind.Workload => "wl",
        IdentityKind.ApiClient => "api",
        IdentityKind.CiCdIntegration => "ci",
        IdentityKind.Bot => "bot",
        IdentityKind.VendorIntegration => "vendor",
    };

    private static string Describe(IdentityKind kind) => kind switch
    {
        IdentityKind.ServiceAccount => "Service account",
        IdentityKind.Workload => "Workload identity",
        IdentityKind.ApiClient => "API client",
        IdentityKind.CiCdIntegration => "Deployment pipeline",
        IdentityKind.Bot => "Automation bot",
        IdentityKind.VendorIntegration => "Vendor integration",
    };

    private static string EnvironmentTag(DeploymentEnvironment environment) => environment switch
    {
        DeploymentEnvironment.Production => "prod",
        DeploymentEnvironment.Staging => "stg",
        DeploymentEnvironment.Development => "dev",
    };

    private static string KindTag(CredentialKind kind) => kind.ToString().ToLower(CultureInfo.InvariantCulture);
}
