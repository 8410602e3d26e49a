namespace NhiPortal.Core.Hygiene;

public sealed record PolicyVersionInfo(int Version, DateTime SavedUtc, string SavedBy, string? Note);

public sealed record HygienePolicyView(HygienePolicy Policy, IReadOnlyList<PolicyVersionInfo> History);

public sealed record RescoreResult(int Credentials, int Identities, double OrganisationScore, TimeSpan Elapsed);

public sealed record TrendPoint(DateTime TakenUtc, double Score, int PolicyVersion);

public sealed record WorstIdentity(Guid Id, string Name, int Score, string? Team, string? Owner);

/// <summary>Everything the hygiene dashboard shows, cut to the caller's scope.</summary>
public sealed record HygieneDashboard
{
    public required double? OrganisationScore { get; init; }
    public required HygieneGrade? OrganisationGrade { get; init; }
    public required int ScoredCredentials { get; init; }
    public required IReadOnlyDictionary<HygieneGrade, int> Grades { get; init; }
    public required IReadOnlyDictionary<OwaspNhiCategory, int> Categories { get; init; }
    public required IReadOnlyList<TeamHygiene> Teams { get; init; }
    public required IReadOnlyList<WorstIdentity> WorstIdentities { get; init; }
    public required IReadOnlyList<TrendPoint> Trend { get; init; }
    public required int StaticCredentials { get; init; }
    public required int DynamicCredentials { get; init; }
    public required DateTime? LastRescoredUtc { get; init; }
}

public sealed record CredentialHygiene(Guid CredentialId, string Name, HygieneScore Score);

public interface IHygieneService
{
    Task<HygienePolicyView> GetPolicyAsync(CancellationToken ct = default);

    /// <summary>Saves a new policy version (Administrators), audited, then rescores everything under it.</summary>
    Task<int> SavePolicyAsync(HygienePolicy policy, string note, CancellationToken ct = default);

    /// <summary>Rescores every credential and identity (Administrators; the scheduled job calls the rescorer directly).</summary>
    Task<RescoreResult> RescoreAsync(CancellationToken ct = default);

    Task<HygieneDashboard> GetDashboardAsync(CancellationToken ct = default);

    /// <summary>Why each active credential of an identity, and the identity itself, has its grade.</summary>
    Task<(HygieneScore? Identity, IReadOnlyList<CredentialHygiene> Credentials)> ExplainIdentityAsync(Guid identityId, CancellationToken ct = default);
}
