using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Hygiene;

/// <summary>
/// Score = 100 minus named penalties, each capped by the policy's weight and each with a one-sentence reason.
/// Every factor is monotone: a worse input never earns a better score.
/// </summary>
/// <param name="policy">The policy in force.</param>
/// <param name="explain">False skips writing the reason sentences (a full rescore needs only points and categories).</param>
public sealed class HygieneScorer(HygienePolicy policy, bool explain = true)
{
    // Lookups resolved once per scorer: a rescore calls the scorer millions of times.
    private readonly KindLimit[,] _limits = BuildLimits(policy);
    private readonly int[] _weights = Enum.GetValues<HygieneFactor>().Select(policy.Weight).ToArray();

    public HygienePolicy Policy { get; } = policy;

    private static KindLimit[,] BuildLimits(HygienePolicy policy)
    {
        var kinds = Enum.GetValues<Credentials.CredentialKind>();
        var environments = Enum.GetValues<DeploymentEnvironment>();
        var table = new KindLimit[kinds.Length, environments.Length + 1];
        foreach (var kind in kinds)
        {
            foreach (var environment in environments)
            {
                table[(int)kind, (int)environment] = policy.LimitFor(kind, environment);
            }
            table[(int)kind, environments.Length] = policy.LimitFor(kind, null);
        }
        return table;
    }

    private KindLimit LimitFor(Credentials.CredentialKind kind, DeploymentEnvironment? environment) =>
        _limits[(int)kind, environment is { } e ? (int)e : _limits.GetLength(1) - 1];

    private int Weight(HygieneFactor factor) => _weights[(int)factor];

    public HygieneScore ScoreCredential(CredentialFacts c, DateTime nowUtc)
    {
        var findings = new List<HygieneFinding>();
        var limit = LimitFor(c.Kind, c.Environment);
        if (!c.IsDynamic)
        {
            var age = Days(nowUtc - c.IssuedUtc);
            Add(findings, HygieneFactor.AgeOverMaximum, Overrun(age, limit.MaxAgeDays, Weight(HygieneFactor.AgeOverMaximum)),
                () => $"Issued {age} days ago; the policy allows {limit.MaxAgeDays} days for a {c.Kind}{(c.Environment is { } env ? $" in {env}" : "")}.", OwaspNhiCategory.Nhi7LongLivedSecrets);
            var sinceRotation = Days(nowUtc - (c.LastRotatedUtc ?? c.IssuedUtc));
            Add(findings, HygieneFactor.RotationOverdue, Overrun(sinceRotation, limit.RotationDays, Weight(HygieneFactor.RotationOverdue)),
                () => c.LastRotatedUtc is null
                    ? $"Never rotated in {sinceRotation} days; the policy asks for rotation every {limit.RotationDays} days."
                    : $"Last rotated {sinceRotation} days ago; the policy asks for rotation every {limit.RotationDays} days.",
                OwaspNhiCategory.Nhi7LongLivedSecrets);
            if (c.ExpiresUtc is null)
            {
                Add(findings, HygieneFactor.StaticWithoutExpiry, Weight(HygieneFactor.StaticWithoutExpiry),
                    () => "A static credential with no expiry: it stays valid until someone revokes it.", OwaspNhiCategory.Nhi7LongLivedSecrets);
            }
        }
        if (c.ExpiresUtc is { } expires)
        {
            if (expires <= nowUtc)
            {
                Add(findings, HygieneFactor.Expired, Weight(HygieneFactor.Expired),
                    () => $"Expired {Days(nowUtc - expires)} days ago but is still recorded as active: revoke or replace it.", OwaspNhiCategory.Nhi7LongLivedSecrets);
            }
            // A dynamic credential is meant to expire soon; only a static one needs someone to act before it does.
            else if (!c.IsDynamic && expires - nowUtc < TimeSpan.FromDays(Policy.ExpiryWarningDays))
            {
                var left = (expires - nowUtc).TotalDays;
                var penalty = (int)Math.Ceiling(Weight(HygieneFactor.ExpiringSoon) * (1 - left / Policy.ExpiryWarningDays));
                Add(findings, HygieneFactor.ExpiringSoon, penalty,
                    () => $"Expires in {Math.Max(0, (int)Math.Floor(left))} days, inside the {Policy.ExpiryWarningDays}-day warning window.", OwaspNhiCategory.Nhi7LongLivedSecrets);
            }
        }
        if (c.LastUsedUtc is null || nowUtc - c.LastUsedUtc.Value > TimeSpan.FromDays(Policy.StaleDays))
        {
            Add(findings, HygieneFactor.Stale, Weight(HygieneFactor.Stale),
                () => c.LastUsedUtc is null ? "Never seen in use: probably not needed." : $"Unused for {Days(nowUtc - c.LastUsedUtc.Value)} days (policy: {Policy.StaleDays}).",
                OwaspNhiCategory.Nhi1ImproperOffboarding);
        }
        if (c.Privilege is PrivilegeLevel.High or PrivilegeLevel.Critical)
        {
            var full = Weight(HygieneFactor.Privileged);
            var penalty = c.Privilege == PrivilegeLevel.Critical ? full : (full + 1) / 2;
            Add(findings, HygieneFactor.Privileged, c.Environment == DeploymentEnvironment.Production ? penalty : (penalty + 1) / 2,
                () => $"It unlocks a {c.Privilege.ToString()!.ToLowerInvariant()}-privilege identity{(c.Environment == DeploymentEnvironment.Production ? " in production" : "")}.",
                OwaspNhiCategory.Nhi5OverprivilegedNhi);
        }
        if (c.ReusedAcrossEnvironments)
        {
            Add(findings, HygieneFactor.ReusedAcrossEnvironments, Weight(HygieneFactor.ReusedAcrossEnvironments),
                () => "The same secret (same fingerprint) is used in more than one environment.", OwaspNhiCategory.Nhi8EnvironmentIsolation);
        }
        if (c.ReusedAcrossIdentities)
        {
            Add(findings, HygieneFactor.ReusedAcrossIdentities, Weight(HygieneFactor.ReusedAcrossIdentities),
                () => "The same secret (same fingerprint) is held by more than one identity.", OwaspNhiCategory.Nhi9NhiReuse);
        }
        if (c.Owner is not OwnerStatus.Active)
        {
            Add(findings, HygieneFactor.NoAccountableOwner, Weight(HygieneFactor.NoAccountableOwner), () => c.Owner switch
            {
                OwnerStatus.None => "Its identity has no owner.",
                OwnerStatus.Left => "Its identity's owner has left the organisation.",
                OwnerStatus.NoIdentity => "A shadow credential: it belongs to no identity.",
                OwnerStatus.Active => "",
            }, OwaspNhiCategory.Nhi1ImproperOffboarding);
        }
        if (c.WorstAnomalySeverity is { } worstFlag && c.OpenAnomalies > 0)
        {
            var full = Weight(HygieneFactor.OpenAnomalies);
            var penalty = worstFlag switch
            {
                Usage.AnomalySeverity.Critical => full,
                Usage.AnomalySeverity.High => (int)Math.Ceiling(full * 0.75),
                Usage.AnomalySeverity.Medium => (int)Math.Ceiling(full * 0.5),
                Usage.AnomalySeverity.Low => (int)Math.Ceiling(full * 0.25),
            };
            var rule = c.WorstAnomalyRule ?? Usage.AnomalyRule.NewSourceNetwork;
            Add(findings, HygieneFactor.OpenAnomalies, penalty,
                () => $"{c.OpenAnomalies} open anomaly flag(s) on its use, the worst {worstFlag.ToString().ToLowerInvariant()}: {Usage.AnomalyRules.Label(rule).ToLowerInvariant()}.",
                Usage.AnomalyRules.CategoryOf(rule));
        }
        return Result(findings);
    }

    public HygieneScore ScoreIdentity(IdentityFacts i, DateTime nowUtc)
    {
        var findings = new List<HygieneFinding>();
        if (i.WorstCredentialScore is { } worst && worst < 100)
        {
            findings.Add(new HygieneFinding(HygieneFactor.WeakestCredential, 100 - worst,
                $"Its weakest active credential scores {worst}.", OwaspNhiCategory.Nhi7LongLivedSecrets));
        }
        if (i.Orphaned)
        {
            Add(findings, HygieneFactor.Orphaned, Weight(HygieneFactor.Orphaned),
                () => "Orphaned: no owner, an owner who left, or a dissolved team.", OwaspNhiCategory.Nhi1ImproperOffboarding);
        }
        if (i.LastAttestedUtc is null || nowUtc - i.LastAttestedUtc.Value > TimeSpan.FromDays(Policy.AttestationDays))
        {
            Add(findings, HygieneFactor.AttestationOverdue, Weight(HygieneFactor.AttestationOverdue),
                () => i.LastAttestedUtc is null ? "Never attested by its owner." : $"Last attested {Days(nowUtc - i.LastAttestedUtc.Value)} days ago (policy: {Policy.AttestationDays}).",
                OwaspNhiCategory.Nhi1ImproperOffboarding);
        }
        if (i.IsShared)
        {
            Add(findings, HygieneFactor.SharedAccount, Weight(HygieneFactor.SharedAccount),
                () => "A shared account: several people or systems use the same identity.", OwaspNhiCategory.Nhi9NhiReuse);
        }
        if (i.IsBreakGlass && (i.LastAttestedUtc is null || nowUtc - i.LastAttestedUtc.Value > TimeSpan.FromDays(Policy.BreakGlassReviewDays)))
        {
            Add(findings, HygieneFactor.BreakGlassUnreviewed, Weight(HygieneFactor.BreakGlassUnreviewed),
                () => $"A break-glass account not reviewed in the last {Policy.BreakGlassReviewDays} days.", OwaspNhiCategory.Nhi5OverprivilegedNhi);
        }
        return Result(findings);
    }

    // Half the cap as soon as the limit is passed, rising to the full cap at twice the limit.
    private static int Overrun(int days, int limit, int cap) =>
        days <= limit ? 0 : (int)Math.Ceiling(cap * Math.Min(1.0, 0.5 + 0.5 * (days - limit) / limit));

    private static int Days(TimeSpan span) => (int)Math.Floor(span.TotalDays);

    private void Add(List<HygieneFinding> findings, HygieneFactor factor, int penalty, Func<string> reason, OwaspNhiCategory category)
    {
        if (penalty > 0)
        {
            findings.Add(new HygieneFinding(factor, penalty, explain ? reason() : "", category));
        }
    }

    private static HygieneScore Result(List<HygieneFinding> findings)
    {
        var score = Math.Max(0, 100 - findings.Sum(f => f.Penalty));
        return new HygieneScore(score, HygieneGrades.Of(score), findings);
    }

    public static string Describe(OwaspNhiCategory category) => category switch
    {
        OwaspNhiCategory.Nhi1ImproperOffboarding => "NHI1 Improper Offboarding",
        OwaspNhiCategory.Nhi2SecretLeakage => "NHI2 Secret Leakage",
        OwaspNhiCategory.Nhi3VulnerableThirdPartyNhi => "NHI3 Vulnerable Third-Party NHI",
        OwaspNhiCategory.Nhi4InsecureAuthentication => "NHI4 Insecure Authentication",
        OwaspNhiCategory.Nhi5OverprivilegedNhi => "NHI5 Overprivileged NHI",
        OwaspNhiCategory.Nhi6InsecureCloudDeploymentConfigurations => "NHI6 Insecure Cloud Deployment Configurations",
        OwaspNhiCategory.Nhi7LongLivedSecrets => "NHI7 Long-Lived Secrets",
        OwaspNhiCategory.Nhi8EnvironmentIsolation => "NHI8 Environment Isolation",
        OwaspNhiCategory.Nhi9NhiReuse => "NHI9 NHI Reuse",
        OwaspNhiCategory.Nhi10HumanUseOfNhi => "NHI10 Human Use of NHI",
    };
}
