using NhiPortal.Core.Hygiene;

namespace NhiPortal.Core.Usage;

/// <summary>
/// What a rule found, before it is a flag. <see cref="EvidenceKey"/> (a network, a slot, a day) makes it idempotent:
/// no second flag for the same credential, rule and key while one is open.
/// </summary>
public sealed record AnomalyFinding(
    AnomalyRule Rule, AnomalySeverity Severity, OwaspNhiCategory Category, string Explanation, AnomalyEvidence Evidence, string EvidenceKey, DateTime ObservedUtc);
