namespace NhiPortal.Core.Hygiene;

/// <summary>One saved version of the hygiene policy (append-only: an edit saves a new version).</summary>
public sealed class HygienePolicyVersion
{
    public int Id { get; set; }

    public required int Version { get; set; }

    public required string PolicyJson { get; set; }

    public required DateTime SavedUtc { get; set; }

    public required string SavedBy { get; set; }

    public string? Note { get; set; }
}

/// <summary>The organisation's hygiene after one rescore: the points of the trend line, with the breakdowns beside them.</summary>
public sealed class HygieneSnapshot
{
    public long Id { get; set; }

    public required DateTime TakenUtc { get; set; }

    public required int PolicyVersion { get; set; }

    public required int ScoredCredentials { get; set; }

    public required double OrganisationScore { get; set; }

    /// <summary>Counts by grade, by OWASP category and by team, as JSON (<see cref="HygieneBreakdown"/>).</summary>
    public required string BreakdownJson { get; set; }
}

public sealed record TeamHygiene(Guid? TeamId, string Team, int Credentials, double Score, IReadOnlyDictionary<HygieneGrade, int> Grades);

public sealed record HygieneBreakdown(
    IReadOnlyDictionary<HygieneGrade, int> Grades,
    IReadOnlyDictionary<OwaspNhiCategory, int> Categories,
    IReadOnlyList<TeamHygiene> Teams,
    int StaticCredentials,
    int DynamicCredentials);

/// <summary>A lease on a background job, so several portal instances never run one job at once.</summary>
public sealed class JobLease
{
    public required string Name { get; set; }

    public required string Holder { get; set; }

    public required DateTime ExpiresUtc { get; set; }
}
