namespace NhiPortal.Core.Leaks;

/// <summary>
/// When a reported leak was verifiably revoked, read from the runs' steps rather than written on the report: the
/// report's own run if it verified the credential, else the first verification of that credential after the report
/// (someone revoked it from the identity page). One rule for the leaks page and the dashboard's mean time.
/// </summary>
public static class LeakVerification
{
    public static VerifiedStep? For(Guid? credentialId, Guid? runId, DateTime receivedUtc, IEnumerable<VerifiedStep> steps)
    {
        if (credentialId is not { } id)
        {
            return null;
        }
        var after = steps.Where(s => s.CredentialId == id && (s.RunId == runId || s.VerifiedUtc >= receivedUtc)).OrderBy(s => s.VerifiedUtc).ToList();
        return after.FirstOrDefault(s => s.RunId == runId) ?? after.FirstOrDefault();
    }

    /// <summary>The mean time from report to verified revocation over the reports that have one, and how many they are.</summary>
    public static (TimeSpan? Mean, int Count) Mean(IEnumerable<(DateTime ReceivedUtc, DateTime? VerifiedUtc)> reports)
    {
        var spans = reports.Where(r => r.VerifiedUtc is not null).Select(r => (r.VerifiedUtc!.Value - r.ReceivedUtc).TotalSeconds).ToList();
        return spans.Count == 0 ? (null, 0) : (TimeSpan.FromSeconds(spans.Average()), spans.Count);
    }
}
