namespace NhiPortal.Core.Usage;

/// <summary>
/// Folds new use into a baseline: networks and hour slots are learned freely during the learning period and only
/// through a person's "false positive" after it (what the rules would flag is not quietly made normal); daily volume
/// is a Welford mean and variance over days with use, each day folded once, when a later day starts.
/// </summary>
public static class BaselineLearner
{
    public static UsageBaseline Fold(UsageBaseline? before, Guid credentialId, IReadOnlyList<BucketObservation> buckets, DateTime nowUtc, UsageOptions options)
    {
        var fresh = buckets.Where(b => b.NewUses > 0).OrderBy(b => b.HourUtc).ThenBy(b => b.LastSeenUtc).ToList();
        var after = before is null ? new UsageBaseline { CredentialId = credentialId, FirstSeenUtc = fresh.Count > 0 ? fresh.Min(b => b.FirstSeenUtc) : nowUtc } : Copy(before);
        var slots = HourOfWeek.Parse(after.HourOfWeek);
        var networks = new SortedSet<string>(after.Networks, StringComparer.Ordinal);
        var lastHour = before is null ? DateTime.MinValue : Hour(before.LastSeenUtc);
        foreach (var bucket in fresh)
        {
            var learning = IsLearning(after, bucket.FirstSeenUtc, options);
            if (SourceNetwork.IsKnown(bucket.Network) && learning)
            {
                networks.Add(bucket.Network);
            }
            if (bucket.HourUtc > lastHour)
            {
                var slot = HourOfWeek.SlotOf(bucket.HourUtc);
                if (learning || slots[slot] > options.RareSlotHours)
                {
                    slots[slot]++;
                }
                lastHour = bucket.HourUtc;
            }
            FoldVolume(after, bucket.HourUtc.Date, bucket.NewUses);
            if (bucket.LastSeenUtc >= after.LastSeenUtc)
            {
                after.LastSeenUtc = bucket.LastSeenUtc;
                after.LastNetwork = bucket.Network;
            }
        }
        after.Networks = networks.ToList();
        after.HourOfWeek = HourOfWeek.Format(slots);
        after.UpdatedUtc = nowUtc;
        return after;
    }

    public static bool IsLearning(UsageBaseline? baseline, DateTime atUtc, UsageOptions options) =>
        baseline is null || atUtc - baseline.FirstSeenUtc < TimeSpan.FromDays(options.LearningDays);

    /// <summary>The daily volume's standard deviation over the days folded so far (0 with fewer than two).</summary>
    public static double StandardDeviation(UsageBaseline baseline) =>
        baseline.DaysObserved < 2 ? 0 : Math.Sqrt(baseline.DailyM2 / (baseline.DaysObserved - 1));

    /// <summary>A person said this flag was normal: make the baseline agree, so the same thing does not flag again.</summary>
    public static void Tune(UsageBaseline baseline, AnomalyRule rule, AnomalyEvidence evidence, UsageOptions options, DateTime nowUtc)
    {
        switch (rule)
        {
            case AnomalyRule.NewSourceNetwork or AnomalyRule.ImpossibleTravel:
                baseline.Networks = baseline.Networks.Concat(new[] { evidence.Network, evidence.OtherNetwork }.OfType<string>().Where(SourceNetwork.IsKnown))
                    .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                break;
            case AnomalyRule.OutsideUsualHours when evidence.HourOfWeekSlot is { } slot:
                // The slot and its neighbours: a job that ran at 03:00 today may run at 02:59 or 04:01 next week.
                var slots = HourOfWeek.Parse(baseline.HourOfWeek);
                foreach (var s in new[] { slot - 1, slot, slot + 1 })
                {
                    var i = (s + HourOfWeek.Slots) % HourOfWeek.Slots;
                    slots[i] = Math.Max(slots[i], options.RareSlotHours + 1);
                }
                baseline.HourOfWeek = HourOfWeek.Format(slots);
                break;
            case AnomalyRule.VolumeAboveBaseline when evidence.DayCount is { } count:
                baseline.VolumeAllowance = Math.Max(baseline.VolumeAllowance ?? 0, count * 1.5);
                break;
            case AnomalyRule.VolumeAboveBaseline or AnomalyRule.OutsideUsualHours or AnomalyRule.DormantThenUsed or AnomalyRule.UseOfRevokedOrExpired
                or AnomalyRule.UseOfDisabledIdentity:
                // Nothing to learn: dormancy is over once used, and use of what should be dead is never normal.
                break;
        }
        baseline.UpdatedUtc = nowUtc;
    }

    private static void FoldVolume(UsageBaseline b, DateTime day, long uses)
    {
        if (b.LastDayUtc is { } last && day < last)
        {
            // Late events for a day already folded: the day's figure stays as it was.
            return;
        }
        if (b.LastDayUtc is { } previous && day > previous && b.LastDayCount > 0)
        {
            b.DaysObserved++;
            var delta = b.LastDayCount - b.DailyMean;
            b.DailyMean += delta / b.DaysObserved;
            b.DailyM2 += delta * (b.LastDayCount - b.DailyMean);
            b.LastDayCount = 0;
        }
        if (b.LastDayUtc != day)
        {
            b.LastDayCount = 0;
        }
        b.LastDayUtc = day;
        b.LastDayCount += uses;
    }

    private static DateTime Hour(DateTime t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc);

    private static UsageBaseline Copy(UsageBaseline b) => new()
    {
        CredentialId = b.CredentialId, FirstSeenUtc = b.FirstSeenUtc, LastSeenUtc = b.LastSeenUtc, LastNetwork = b.LastNetwork, Networks = [.. b.Networks],
        HourOfWeek = b.HourOfWeek, DaysObserved = b.DaysObserved, DailyMean = b.DailyMean, DailyM2 = b.DailyM2, LastDayUtc = b.LastDayUtc,
        LastDayCount = b.LastDayCount, VolumeAllowance = b.VolumeAllowance, UpdatedUtc = b.UpdatedUtc,
    };
}
