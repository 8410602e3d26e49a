using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Hygiene;

/// <summary>The OWASP Non-Human Identities Top 10 (2025); every finding names one.</summary>
public enum OwaspNhiCategory
{
    Nhi1ImproperOffboarding,
    Nhi2SecretLeakage,
    Nhi3VulnerableThirdPartyNhi,
    Nhi4InsecureAuthentication,
    Nhi5OverprivilegedNhi,
    Nhi6InsecureCloudDeploymentConfigurations,
    Nhi7LongLivedSecrets,
    Nhi8EnvironmentIsolation,
    Nhi9NhiReuse,
    Nhi10HumanUseOfNhi,
}

public enum HygieneFactor
{
    AgeOverMaximum,
    RotationOverdue,
    Expired,
    ExpiringSoon,
    Stale,
    StaticWithoutExpiry,
    Privileged,
    ReusedAcrossEnvironments,
    ReusedAcrossIdentities,
    NoAccountableOwner,
    WeakestCredential,
    Orphaned,
    AttestationOverdue,
    SharedAccount,
    BreakGlassUnreviewed,
    OpenAnomalies,
}

public enum HygieneGrade
{
    A,
    B,
    C,
    D,
    F,
}

/// <summary>One named penalty with the sentence that explains it to an auditor.</summary>
public sealed record HygieneFinding(HygieneFactor Factor, int Penalty, string Reason, OwaspNhiCategory Category);

public sealed record HygieneScore(int Score, HygieneGrade Grade, IReadOnlyList<HygieneFinding> Findings);

/// <summary>What the scorer needs to know about a credential, its identity and its fingerprint's reuse.</summary>
public sealed record CredentialFacts
{
    public required CredentialKind Kind { get; init; }
    public required DeploymentEnvironment? Environment { get; init; }
    public required DateTime IssuedUtc { get; init; }
    public DateTime? ExpiresUtc { get; init; }
    public DateTime? LastRotatedUtc { get; init; }
    public DateTime? LastUsedUtc { get; init; }
    public bool IsDynamic { get; init; }
    public PrivilegeLevel? Privilege { get; init; }
    public OwnerStatus Owner { get; init; }
    public bool ReusedAcrossEnvironments { get; init; }
    public bool ReusedAcrossIdentities { get; init; }

    /// <summary>Its open anomaly flags: how many, and the worst (which names the finding's severity and category).</summary>
    public int OpenAnomalies { get; init; }
    public Usage.AnomalySeverity? WorstAnomalySeverity { get; init; }
    public Usage.AnomalyRule? WorstAnomalyRule { get; init; }
}

public enum OwnerStatus
{
    Active,
    None,
    Left,
    NoIdentity,
}

public sealed record IdentityFacts
{
    public int? WorstCredentialScore { get; init; }
    public bool Orphaned { get; init; }
    public DateTime? LastAttestedUtc { get; init; }
    public bool IsShared { get; init; }
    public bool IsBreakGlass { get; init; }
}
