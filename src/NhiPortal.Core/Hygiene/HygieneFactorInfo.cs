namespace NhiPortal.Core.Hygiene;

/// <summary>What each factor measures and how its penalty grows: the published formula, shown in the UI and the README.</summary>
public static class HygieneFactorInfo
{
    public sealed record Info(HygieneFactor Factor, bool AppliesTo, OwaspNhiCategory Category, string Rule);

    public static readonly IReadOnlyList<Info> All =
    [
        new(HygieneFactor.AgeOverMaximum, true, OwaspNhiCategory.Nhi7LongLivedSecrets,
            "Static credential older than the policy's maximum age for its kind and environment: half the weight the day after, the full weight at twice the maximum."),
        new(HygieneFactor.RotationOverdue, true, OwaspNhiCategory.Nhi7LongLivedSecrets,
            "Time since the last rotation (or issue, if never rotated) beyond the rotation interval: same shape as age."),
        new(HygieneFactor.StaticWithoutExpiry, true, OwaspNhiCategory.Nhi7LongLivedSecrets, "Static credential with no expiry date: the full weight."),
        new(HygieneFactor.Expired, true, OwaspNhiCategory.Nhi7LongLivedSecrets, "Past its expiry but still active: the full weight."),
        new(HygieneFactor.ExpiringSoon, true, OwaspNhiCategory.Nhi7LongLivedSecrets,
            "Expires inside the warning window: grows linearly from 0 at the window's start to the full weight at expiry."),
        new(HygieneFactor.Stale, true, OwaspNhiCategory.Nhi1ImproperOffboarding, "Never used, or unused for longer than the staleness window: the full weight."),
        new(HygieneFactor.Privileged, true, OwaspNhiCategory.Nhi5OverprivilegedNhi,
            "Its identity is High (half the weight) or Critical (full weight) privilege; halved again outside production."),
        new(HygieneFactor.ReusedAcrossEnvironments, true, OwaspNhiCategory.Nhi8EnvironmentIsolation, "The same fingerprint is active in more than one environment."),
        new(HygieneFactor.ReusedAcrossIdentities, true, OwaspNhiCategory.Nhi9NhiReuse, "The same fingerprint is held by more than one identity."),
        new(HygieneFactor.NoAccountableOwner, true, OwaspNhiCategory.Nhi1ImproperOffboarding, "Its identity has no owner, its owner left, or it has no identity (shadow)."),
        new(HygieneFactor.OpenAnomalies, true, OwaspNhiCategory.Nhi2SecretLeakage,
            "Open anomaly flags on its use: the full weight for a Critical flag, three quarters for High, half for Medium, a quarter for Low (the finding names the worst flag's own category)."),
        new(HygieneFactor.WeakestCredential, false, OwaspNhiCategory.Nhi7LongLivedSecrets, "An identity starts from its weakest active credential's score."),
        new(HygieneFactor.Orphaned, false, OwaspNhiCategory.Nhi1ImproperOffboarding, "Orphaned identity (no owner, owner left, team dissolved)."),
        new(HygieneFactor.AttestationOverdue, false, OwaspNhiCategory.Nhi1ImproperOffboarding, "Not attested by its owner within the attestation window."),
        new(HygieneFactor.SharedAccount, false, OwaspNhiCategory.Nhi9NhiReuse, "A shared account."),
        new(HygieneFactor.BreakGlassUnreviewed, false, OwaspNhiCategory.Nhi5OverprivilegedNhi, "A break-glass account not attested within the break-glass review window."),
    ];
}
