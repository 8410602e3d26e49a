namespace NhiPortal.Core.Notifications;

/// <summary>
/// When an owner hears that an identity's attestation is about to lapse: the attestation is current for the hygiene
/// policy's window (<c>AttestationDays</c>, as the badge and the score read it); the owner is reminded 14 and 3 days
/// before it lapses (stages longer than the window are skipped). The nearest stage due wins, as for expiry.
/// </summary>
public static class AttestationReminders
{
    public static readonly IReadOnlyList<int> StageDays = [14, 3];

    /// <summary>When the attestation given at <paramref name="attestedUtc"/> lapses under the window.</summary>
    public static DateTime LapsesUtc(DateTime attestedUtc, int windowDays) => attestedUtc.AddDays(windowDays);

    /// <summary>The stage (days before the lapse) due now, or null when none is (not yet near, or already lapsed).</summary>
    public static int? StageDue(DateTime attestedUtc, DateTime nowUtc, int windowDays)
    {
        var left = LapsesUtc(attestedUtc, windowDays) - nowUtc;
        if (left <= TimeSpan.Zero)
        {
            return null;
        }
        return StageDays.Where(s => s < windowDays && left <= TimeSpan.FromDays(s)).Order().Cast<int?>().FirstOrDefault();
    }

    /// <summary>One reminder per identity, attestation and stage: a new attestation is reminded again before it lapses.</summary>
    public static string DedupKey(Guid identityId, DateTime attestedUtc, int stage) => $"attest:{identityId:N}:{attestedUtc:yyyyMMddHHmmss}:{stage}";
}
