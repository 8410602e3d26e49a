using System.Globalization;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Usage;

/// <summary>
/// The rules, pure: one credential's standing, its baseline before this pass and the buckets with new uses in,
/// findings out, each explained in one sentence. The baseline is the one <see cref="BaselineLearner"/> folded the
/// same buckets into, for the day's volume.
/// </summary>
public static class AnomalyDetector
{
    public static IReadOnlyList<AnomalyFinding> Detect(
        CredentialStanding standing, UsageBaseline? before, UsageBaseline after, IReadOnlyList<BucketObservation> buckets, UsageOptions options)
    {
        var fresh = buckets.Where(b => b.NewUses > 0).OrderBy(b => b.FirstSeenUtc).ToList();
        var findings = new List<AnomalyFinding>();
        if (fresh.Count == 0)
        {
            return findings;
        }
        DeadCredential(standing, fresh, findings);
        if (before is not null)
        {
            Dormant(before, fresh, options, findings);
            NewNetwork(before, fresh, options, findings);
            UnusualHours(before, fresh, options, findings);
        }
        Volume(after, fresh, options, findings);
        Travel(before, fresh, options, findings);
        // One finding per rule and key in a pass, the earliest.
        return findings.GroupBy(f => (f.Rule, f.EvidenceKey)).Select(g => g.OrderBy(f => f.ObservedUtc).First()).ToList();
    }

    private static void DeadCredential(CredentialStanding s, List<BucketObservation> fresh, List<AnomalyFinding> findings)
    {
        if (s.State is not CredentialState.Active && fresh.FirstOrDefault(b => b.AnySucceeded && (s.StateChangedUtc is null || b.LastSeenUtc > s.StateChangedUtc)) is { } used)
        {
            var state = s.State switch
            {
                CredentialState.Revoked => "revoked",
                CredentialState.Expired => "expired",
                CredentialState.Rotated => "rotated away",
                CredentialState.Active => "active",
            };
            findings.Add(Finding(AnomalyRule.UseOfRevokedOrExpired,
                $"The credential was used successfully from {Where(used)} after it was {state}{Since(s.StateChangedUtc)}: the old secret still works somewhere.",
                new AnomalyEvidence { Network = used.Network, Address = used.LastAddress, State = s.State.ToString(), Target = used.Target }, s.State.ToString(), used.LastSeenUtc));
        }
        if (s.IdentityState is IdentityLifecycleState.Disabled or IdentityLifecycleState.Decommissioned && fresh.FirstOrDefault(b => b.AnySucceeded) is { } use)
        {
            findings.Add(Finding(AnomalyRule.UseOfDisabledIdentity,
                $"The credential of a {s.IdentityState.ToString()!.ToLowerInvariant()} identity was used successfully from {Where(use)}: offboarding did not reach this store.",
                new AnomalyEvidence { Network = use.Network, Address = use.LastAddress, State = s.IdentityState.ToString(), Target = use.Target }, s.IdentityState.ToString()!, use.LastSeenUtc));
        }
    }

    private static void Dormant(UsageBaseline before, List<BucketObservation> fresh, UsageOptions options, List<AnomalyFinding> findings)
    {
        var first = fresh.FirstOrDefault(b => b.FirstSeenUtc > before.LastSeenUtc);
        if (first is not null && first.FirstSeenUtc - before.LastSeenUtc >= TimeSpan.FromDays(options.DormantDays))
        {
            var days = (int)(first.FirstSeenUtc - before.LastSeenUtc).TotalDays;
            findings.Add(Finding(AnomalyRule.DormantThenUsed,
                $"Unused for {days} days, the credential was used again from {Where(first)}.",
                new AnomalyEvidence { Network = first.Network, Address = first.LastAddress, DaysDormant = days, OtherSeenUtc = before.LastSeenUtc }, Day(first.FirstSeenUtc), first.FirstSeenUtc));
        }
    }

    private static void NewNetwork(UsageBaseline before, List<BucketObservation> fresh, UsageOptions options, List<AnomalyFinding> findings)
    {
        foreach (var b in fresh.Where(b => SourceNetwork.IsKnown(b.Network) && !BaselineLearner.IsLearning(before, b.FirstSeenUtc, options) && !before.Networks.Contains(b.Network)))
        {
            findings.Add(Finding(AnomalyRule.NewSourceNetwork,
                $"Used from {Where(b)}, a network not seen in its {(b.FirstSeenUtc - before.FirstSeenUtc).Days} days of history ({before.Networks.Count} known network(s)).",
                new AnomalyEvidence { Network = b.Network, Address = b.LastAddress, KnownNetworks = before.Networks, Target = b.Target }, b.Network, b.FirstSeenUtc));
        }
    }

    private static void UnusualHours(UsageBaseline before, List<BucketObservation> fresh, UsageOptions options, List<AnomalyFinding> findings)
    {
        var slots = HourOfWeek.Parse(before.HourOfWeek);
        foreach (var b in fresh.Where(b => !BaselineLearner.IsLearning(before, b.FirstSeenUtc, options)))
        {
            var slot = HourOfWeek.SlotOf(b.HourUtc);
            if (slots[slot] <= options.RareSlotHours)
            {
                findings.Add(Finding(AnomalyRule.OutsideUsualHours,
                    $"Used on {HourOfWeek.Describe(slot)}, an hour of the week it was {(slots[slot] == 0 ? "never" : $"only {slots[slot]} time(s)")} used in before.",
                    new AnomalyEvidence { Network = b.Network, Address = b.LastAddress, HourOfWeekSlot = slot, SlotHoursSeen = slots[slot] }, $"slot:{slot}", b.FirstSeenUtc));
            }
        }
    }

    private static void Volume(UsageBaseline after, List<BucketObservation> fresh, UsageOptions options, List<AnomalyFinding> findings)
    {
        if (after.LastDayUtc is not { } day || after.DaysObserved < options.VolumeMinimumDays || BaselineLearner.IsLearning(after, day, options))
        {
            return;
        }
        var limit = Math.Max(Math.Max(after.DailyMean + options.VolumeSigmas * BaselineLearner.StandardDeviation(after), options.VolumeMultiple * after.DailyMean), options.VolumeFloor);
        limit = Math.Max(limit, after.VolumeAllowance ?? 0);
        var last = fresh.Where(b => b.HourUtc.Date == day).OrderBy(b => b.LastSeenUtc).LastOrDefault();
        if (after.LastDayCount > limit && last is not null)
        {
            findings.Add(Finding(AnomalyRule.VolumeAboveBaseline,
                string.Create(CultureInfo.InvariantCulture, $"Used {after.LastDayCount:N0} times on {day:yyyy-MM-dd}, far above its usual {after.DailyMean:N0} a day (limit {limit:N0})."),
                new AnomalyEvidence { Network = last.Network, DayCount = after.LastDayCount, DailyMean = Math.Round(after.DailyMean, 1), Limit = Math.Round(limit, 1) }, Day(day), last.LastSeenUtc));
        }
    }

    private static void Travel(UsageBaseline? before, List<BucketObservation> fresh, UsageOptions options, List<AnomalyFinding> findings)
    {
        var window = TimeSpan.FromMinutes(options.TravelMinutes);
        var uses = fresh.Where(b => SourceNetwork.IsKnown(b.Network)).Select(b => (b.Network, b.FirstSeenUtc, b.LastSeenUtc, b.LastAddress)).ToList();
        if (before is { LastNetwork: { } lastNetwork } && SourceNetwork.IsKnown(lastNetwork))
        {
            uses.Add((lastNetwork, before.LastSeenUtc, before.LastSeenUtc, null));
        }
        for (var i = 0; i < uses.Count; i++)
        {
            for (var j = i + 1; j < uses.Count; j++)
            {
                var (a, b) = (uses[i], uses[j]);
                var gap = (a.FirstSeenUtc > b.LastSeenUtc ? a.FirstSeenUtc - b.LastSeenUtc : b.FirstSeenUtc > a.LastSeenUtc ? b.FirstSeenUtc - a.LastSeenUtc : TimeSpan.Zero);
                // Two networks that are both part of its normal (learned, or marked as a false positive) are a multi-site workload.
                var normal = before is not null && before.Networks.Contains(a.Network) && before.Networks.Contains(b.Network);
                if (a.Network != b.Network && gap <= window && !normal)
                {
                    var (first, second) = string.CompareOrdinal(a.Network, b.Network) < 0 ? (a, b) : (b, a);
                    findings.Add(Finding(AnomalyRule.ImpossibleTravel,
                        $"Used from {first.Network} and {second.Network} within {Math.Max(1, (int)Math.Ceiling(gap.TotalMinutes))} minute(s): two holders of the same secret.",
                        new AnomalyEvidence { Network = first.Network, OtherNetwork = second.Network, Address = first.LastAddress ?? second.LastAddress, OtherSeenUtc = second.LastSeenUtc },
                        $"{first.Network}|{second.Network}", a.LastSeenUtc > b.LastSeenUtc ? a.LastSeenUtc : b.LastSeenUtc));
                }
            }
        }
    }

    private static AnomalyFinding Finding(AnomalyRule rule, string explanation, AnomalyEvidence evidence, string key, DateTime observedUtc) =>
        new(rule, AnomalyRules.SeverityOf(rule), AnomalyRules.CategoryOf(rule), explanation, evidence, key, observedUtc);

    private static string Where(BucketObservation b) => b.LastAddress is { } a ? $"{a} ({b.Network})" : b.Network;

    private static string Since(DateTime? utc) => utc is { } t ? string.Create(CultureInfo.InvariantCulture, $" on {t:yyyy-MM-dd}") : "";

    private static string Day(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
