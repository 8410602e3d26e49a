namespace NhiPortal.Core.Leaks;

/// <summary>
/// A secret scanner's alert: the leaked value or its fingerprint (exactly one), where it was found and when. Settable
/// properties so the API binds it from JSON (<c>secret</c>, <c>fingerprint</c>, <c>location</c>, <c>foundUtc</c>,
/// <c>scanner</c>, <c>externalId</c>). The value is fingerprinted at once and never kept.
/// </summary>
public sealed record LeakReportRequest
{
    /// <summary>The leaked value itself; fingerprinted with SHA-256 and dropped, never stored, logged or echoed.</summary>
    public string? Secret { get; init; }

    /// <summary>The value's fingerprint, as <see cref="Credentials.Fingerprint.TryParseEntered"/> reads it.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>Where it was found: a URL, a path, a commit.</summary>
    public string Location { get; init; } = "";

    public DateTime? FoundUtc { get; init; }

    /// <summary>The tool that found it (gitleaks, trufflehog, GitHub secret scanning…).</summary>
    public string? Scanner { get; init; }

    /// <summary>The scanner's own alert id: the same scanner and id a second time is the same report.</summary>
    public string? ExternalId { get; init; }

    // The generated ToString would print the secret (or a full fingerprint, or a value sent as one) into any log line that formats the request.
    public override string ToString() =>
        $"LeakReportRequest {{ Secret = {(Secret is null ? "null" : "(redacted)")}, Fingerprint = {(Fingerprint is null ? "null" : "(redacted)")}, Location = {Location}, FoundUtc = {FoundUtc}, Scanner = {Scanner}, ExternalId = {ExternalId} }}";
}
