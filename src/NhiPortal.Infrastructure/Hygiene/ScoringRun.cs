using NhiPortal.Core.Credentials;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Infrastructure.Hygiene;

/// <summary>A credential's open anomaly flags, as the rescorer loads them (one query for all).</summary>
internal sealed record OpenAnomalies(int Count, Core.Usage.AnomalySeverity Worst, Core.Usage.AnomalyRule WorstRule);

internal sealed record IdentityInfo(
    DeploymentEnvironment Environment, PrivilegeLevel Privilege, OwnerStatus Owner, Guid? TeamId, bool Orphaned,
    DateTime? LastAttestedUtc, bool IsShared, bool IsBreakGlass);

/// <summary>
/// One rescore: the scorer, the facts it looks up (identities, reused fingerprints) and the running totals the
/// snapshot is made of. Both write paths (SQLite's in-database function and the provider-neutral one) score through it.
/// </summary>
internal sealed class ScoringRun(
    HygieneScorer scorer, DateTime nowUtc, IReadOnlyDictionary<Guid, IdentityInfo> identities,
    IReadOnlyDictionary<string, (bool Environments, bool Identities)> reuse, IReadOnlyDictionary<Guid, string> teamNames,
    IReadOnlyDictionary<Guid, OpenAnomalies> anomalies)
{
    // Sized for every identity at once: growing it one identity at a time rehashes a million entries several times.
    private readonly Dictionary<Guid, int> _worstByIdentity = new(identities.Count);
    private readonly Dictionary<HygieneGrade, int> _grades = Enum.GetValues<HygieneGrade>().ToDictionary(g => g, _ => 0);
    private readonly Dictionary<OwaspNhiCategory, int> _categories = [];
    private readonly Dictionary<Guid, (long Sum, int Count, Dictionary<HygieneGrade, int> Grades)> _teams = [];
    private long _sum;
    private int _static;
    private int _dynamic;

    public int Credentials { get; private set; }

    public DateTime NowUtc => nowUtc;

    /// <summary>Every identity this run scores (read once, when the run was prepared).</summary>
    public IEnumerable<Guid> IdentityIds => identities.Keys;

    public HygieneScore Explain(Guid credentialId, CredentialKind kind, Guid? identityId, DateTime issued, DateTime? expires, DateTime? rotated,
        DateTime? used, bool dynamic, string fingerprint)
    {
        var identity = identityId is { } id ? identities.GetValueOrDefault(id) : null;
        var reused = reuse.GetValueOrDefault(fingerprint);
        var flags = anomalies.GetValueOrDefault(credentialId);
        return scorer.ScoreCredential(new CredentialFacts
        {
            Kind = kind,
            Environment = identity?.Environment,
            IssuedUtc = issued,
            ExpiresUtc = expires,
            LastRotatedUtc = rotated,
            LastUsedUtc = used,
            IsDynamic = dynamic,
            Privilege = identity?.Privilege,
            Owner = identity?.Owner ?? OwnerStatus.NoIdentity,
            ReusedAcrossEnvironments = reused.Environments,
            ReusedAcrossIdentities = reused.Identities,
            OpenAnomalies = flags?.Count ?? 0,
            WorstAnomalySeverity = flags?.Worst,
            WorstAnomalyRule = flags?.WorstRule,
        }, nowUtc);
    }

    /// <summary>Scores one active credential and adds it to the totals.</summary>
    public int Score(Guid credentialId, CredentialKind kind, Guid? identityId, DateTime issued, DateTime? expires, DateTime? rotated,
        DateTime? used, bool dynamic, string fingerprint)
    {
        var result = Explain(credentialId, kind, identityId, issued, expires, rotated, used, dynamic, fingerprint);
        Credentials++;
        _sum += result.Score;
        _grades[result.Grade]++;
        if (dynamic)
        {
            _dynamic++;
        }
        else
        {
            _static++;
        }
        // Each category once per credential; a loop, as this runs three million times in a full rescore.
        for (var i = 0; i < result.Findings.Count; i++)
        {
            var category = result.Findings[i].Category;
            var seen = false;
            for (var j = 0; j < i && !seen; j++)
            {
                seen = result.Findings[j].Category == category;
            }
            if (!seen)
            {
                _categories[category] = _categories.GetValueOrDefault(category) + 1;
            }
        }
        if (identityId is { } id)
        {
            _worstByIdentity[id] = _worstByIdentity.TryGetValue(id, out var worst) ? Math.Min(worst, result.Score) : result.Score;
        }
        var team = identityId is { } owner && identities.TryGetValue(owner, out var info) ? info.TeamId ?? Guid.Empty : Guid.Empty;
        var totals = _teams.TryGetValue(team, out var t) ? t : (Sum: 0L, Count: 0, Grades: Enum.GetValues<HygieneGrade>().ToDictionary(g => g, _ => 0));
        totals.Grades[result.Grade]++;
        _teams[team] = (totals.Sum + result.Score, totals.Count + 1, totals.Grades);
        return result.Score;
    }

    public HygieneScore ExplainIdentity(Guid identityId, int? worstCredential)
    {
        var info = identities.GetValueOrDefault(identityId);
        return scorer.ScoreIdentity(new IdentityFacts
        {
            WorstCredentialScore = worstCredential,
            Orphaned = info?.Orphaned ?? true,
            LastAttestedUtc = info?.LastAttestedUtc,
            IsShared = info?.IsShared ?? false,
            IsBreakGlass = info?.IsBreakGlass ?? false,
        }, nowUtc);
    }

    /// <summary>Scores an identity from its credentials scored earlier in this run.</summary>
    public int ScoreIdentity(Guid identityId) =>
        ExplainIdentity(identityId, _worstByIdentity.TryGetValue(identityId, out var worst) ? worst : null).Score;

    public double OrganisationScore => Credentials == 0 ? 100 : Math.Round((double)_sum / Credentials, 1);

    public HygieneBreakdown Breakdown() => new(
        new Dictionary<HygieneGrade, int>(_grades),
        new Dictionary<OwaspNhiCategory, int>(_categories),
        _teams.Select(t => new TeamHygiene(t.Key == Guid.Empty ? null : t.Key,
                t.Key == Guid.Empty ? "(no team)" : teamNames.GetValueOrDefault(t.Key, "(unknown team)"),
                t.Value.Count, Math.Round((double)t.Value.Sum / t.Value.Count, 1), t.Value.Grades))
            .OrderBy(t => t.Score).ToList(),
        _static,
        _dynamic);
}
