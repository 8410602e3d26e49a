using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Hygiene;

/// <summary>Maximum age and rotation interval for one credential kind, in one environment or (null) all of them.</summary>
public sealed record KindLimit(CredentialKind Kind, DeploymentEnvironment? Environment, int MaxAgeDays, int RotationDays);

/// <summary>
/// The hygiene policy: limits per kind and environment, the windows, and the cap on each factor's penalty.
/// Administrators edit it; each saved change is a new version, audited.
/// </summary>
public sealed record HygienePolicy
{
    public int Version { get; init; } = 1;
    public required IReadOnlyList<KindLimit> Limits { get; init; }
    public int ExpiryWarningDays { get; init; } = 30;
    public int StaleDays { get; init; } = 90;
    public int AttestationDays { get; init; } = 90;
    public int BreakGlassReviewDays { get; init; } = 30;
    public required IReadOnlyDictionary<HygieneFactor, int> Weights { get; init; }

    /// <summary>
    /// Defaults after current guidance (OWASP NHI Top 10, NIST SP 800-57): long-lived static secrets in production
    /// score worst; dynamic credentials with a short TTL are exempt from age and rotation limits.
    /// </summary>
    public static HygienePolicy Default { get; } = new()
    {
        Limits =
        [
            new(CredentialKind.ClientSecret, null, 90, 90), new(CredentialKind.ClientSecret, DeploymentEnvironment.Production, 30, 30),
            new(CredentialKind.ApiKey, null, 90, 90), new(CredentialKind.ApiKey, DeploymentEnvironment.Production, 30, 30),
            new(CredentialKind.Password, null, 90, 90), new(CredentialKind.Password, DeploymentEnvironment.Production, 60, 60),
            new(CredentialKind.AccessToken, null, 30, 30), new(CredentialKind.AccessToken, DeploymentEnvironment.Production, 7, 7),
            new(CredentialKind.RefreshToken, null, 90, 90), new(CredentialKind.RefreshToken, DeploymentEnvironment.Production, 30, 30),
            new(CredentialKind.SshKey, null, 365, 365), new(CredentialKind.SshKey, DeploymentEnvironment.Production, 180, 180),
            new(CredentialKind.Certificate, null, 398, 365),
        ],
        Weights = new Dictionary<HygieneFactor, int>
        {
            [HygieneFactor.AgeOverMaximum] = 25,
            [HygieneFactor.RotationOverdue] = 20,
            [HygieneFactor.Expired] = 30,
            [HygieneFactor.ExpiringSoon] = 10,
            [HygieneFactor.Stale] = 15,
            [HygieneFactor.StaticWithoutExpiry] = 10,
            [HygieneFactor.Privileged] = 15,
            [HygieneFactor.ReusedAcrossEnvironments] = 20,
            [HygieneFactor.ReusedAcrossIdentities] = 15,
            [HygieneFactor.NoAccountableOwner] = 20,
            [HygieneFactor.Orphaned] = 20,
            [HygieneFactor.AttestationOverdue] = 10,
            [HygieneFactor.SharedAccount] = 10,
            [HygieneFactor.BreakGlassUnreviewed] = 15,
            [HygieneFactor.OpenAnomalies] = 30,
        },
    };

    public KindLimit LimitFor(CredentialKind kind, DeploymentEnvironment? environment) =>
        Limits.FirstOrDefault(l => l.Kind == kind && l.Environment == environment && environment is not null)
        ?? Limits.FirstOrDefault(l => l.Kind == kind && l.Environment is null)
        ?? new KindLimit(kind, null, 365, 365);

    // A policy saved before a factor existed takes that factor's default weight, so a new factor counts from day one.
    public int Weight(HygieneFactor factor) => Weights.TryGetValue(factor, out var w) ? w : Default.Weights.GetValueOrDefault(factor);

    /// <summary>Every problem with an edited policy, in words an administrator can act on.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var limit in Limits)
        {
            if (limit.MaxAgeDays is < 1 or > 3650 || limit.RotationDays is < 1 or > 3650)
            {
                problems.Add($"{limit.Kind} ({limit.Environment?.ToString() ?? "all environments"}): limits must be 1 to 3,650 days.");
            }
        }
        foreach (var duplicate in Limits.GroupBy(l => (l.Kind, l.Environment)).Where(g => g.Count() > 1))
        {
            problems.Add($"{duplicate.Key.Kind} ({duplicate.Key.Environment?.ToString() ?? "all environments"}) is listed twice.");
        }
        foreach (var (factor, weight) in Weights.Where(w => w.Value is < 0 or > 100))
        {
            problems.Add($"The weight of {factor} must be 0 to 100 (it is {weight}).");
        }
        if (ExpiryWarningDays is < 1 or > 365 || StaleDays is < 1 or > 3650 || AttestationDays is < 1 or > 3650 || BreakGlassReviewDays is < 1 or > 365)
        {
            problems.Add("Windows must be positive (expiry warning up to 365 days; staleness and attestation up to 3,650).");
        }
        return problems;
    }
}
