using NhiPortal.Core.Hygiene;

namespace NhiPortal.Core.Usage;

/// <summary>Each rule's severity and OWASP NHI Top 10 (2025) category: one table for the detector, the scorer and the UI.</summary>
public static class AnomalyRules
{
    public static AnomalySeverity SeverityOf(AnomalyRule rule) => rule switch
    {
        AnomalyRule.NewSourceNetwork => AnomalySeverity.Medium,
        AnomalyRule.OutsideUsualHours => AnomalySeverity.Low,
        AnomalyRule.VolumeAboveBaseline => AnomalySeverity.Medium,
        AnomalyRule.DormantThenUsed => AnomalySeverity.High,
        AnomalyRule.UseOfRevokedOrExpired => AnomalySeverity.Critical,
        AnomalyRule.UseOfDisabledIdentity => AnomalySeverity.Critical,
        AnomalyRule.ImpossibleTravel => AnomalySeverity.High,
    };

    public static OwaspNhiCategory CategoryOf(AnomalyRule rule) => rule switch
    {
        // Use from somewhere new, in bursts, or from two places at once is what a leaked secret looks like.
        AnomalyRule.NewSourceNetwork or AnomalyRule.VolumeAboveBaseline or AnomalyRule.ImpossibleTravel => OwaspNhiCategory.Nhi2SecretLeakage,
        // Off-hours use of a workload's identity is the usual sign of a person using it by hand.
        AnomalyRule.OutsideUsualHours => OwaspNhiCategory.Nhi10HumanUseOfNhi,
        // A dormant, revoked or disabled identity that still works was not offboarded.
        AnomalyRule.DormantThenUsed or AnomalyRule.UseOfRevokedOrExpired or AnomalyRule.UseOfDisabledIdentity => OwaspNhiCategory.Nhi1ImproperOffboarding,
    };

    /// <summary>The form stored on a flag, e.g. "NHI1:2025 Improper Offboarding".</summary>
    public static string CategoryName(OwaspNhiCategory category)
    {
        var text = HygieneScorer.Describe(category);
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return $"{text[..space]}:2025{text[space..]}";
    }

    public static string Label(AnomalyRule rule) => rule switch
    {
        AnomalyRule.NewSourceNetwork => "New source network",
        AnomalyRule.OutsideUsualHours => "Outside usual hours",
        AnomalyRule.VolumeAboveBaseline => "Volume above baseline",
        AnomalyRule.DormantThenUsed => "Dormant, then used",
        AnomalyRule.UseOfRevokedOrExpired => "Use of an inactive credential",
        AnomalyRule.UseOfDisabledIdentity => "Use of a disabled identity",
        AnomalyRule.ImpossibleTravel => "Two networks within minutes",
    };
}
