namespace NhiPortal.Core.Usage;

/// <summary>What makes one usage event acceptable: the one rule the ingest skips events by and the API refuses them by.</summary>
public static class UsageEventRules
{
    /// <summary>The field at fault and why, or null for an acceptable event.</summary>
    public static (string Field, string Problem)? Check(UsageEvent e, DateTime nowUtc, UsageOptions options)
    {
        if (e.CredentialId is null && (string.IsNullOrWhiteSpace(e.Store) || string.IsNullOrWhiteSpace(e.StoreReference)))
        {
            return ("credentialId", "names no credential (an id, or a store and a reference).");
        }
        if (e.Count is < 1 or > 1_000_000)
        {
            return ("count", "count must be 1 to 1,000,000.");
        }
        var time = DateTime.SpecifyKind(e.TimeUtc, DateTimeKind.Utc);
        if (time > nowUtc.AddMinutes(options.FutureToleranceMinutes))
        {
            return ("timeUtc", "dated in the future.");
        }
        if (time < nowUtc.AddDays(-options.MaximumAgeDays))
        {
            return ("timeUtc", $"older than {options.MaximumAgeDays} days.");
        }
        if (e.Store?.Length > 100 || e.StoreReference?.Length > 400 || e.SourceAddress?.Length > 64 || e.Target?.Length > 200)
        {
            return (e.Store?.Length > 100 ? "store" : e.StoreReference?.Length > 400 ? "storeReference" : e.SourceAddress?.Length > 64 ? "sourceAddress" : "target",
                "a field is too long (store 100, reference 400, address 64, target 200 characters).");
        }
        return Enum.IsDefined(e.Outcome) ? null : ("outcome", "unknown outcome.");
    }
}
