using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Import;

namespace NhiPortal.Core.Leaks;

/// <summary>What a leak report must hold, checked before anything is read or written. The value leaves only as its fingerprint.</summary>
public static class LeakRules
{
    public const int LocationMaximum = 1000;

    public const int ScannerMaximum = 100;

    public const int ExternalIdMaximum = 200;

    /// <summary>A scanner's clock may run a little ahead of the portal's.</summary>
    public static readonly TimeSpan FutureSkew = TimeSpan.FromMinutes(5);

    /// <summary>The report's evidence, ready to store, or a <see cref="ValidationException"/> naming what is wrong.</summary>
    public static LeakEvidence Validate(LeakReportRequest request, DateTime nowUtc)
    {
        var hasSecret = !string.IsNullOrEmpty(request.Secret);
        var hasFingerprint = !string.IsNullOrWhiteSpace(request.Fingerprint);
        if (hasSecret == hasFingerprint)
        {
            throw new ValidationException("Give either the leaked secret or its fingerprint, not both and not neither.");
        }
        Fingerprint fingerprint;
        if (hasSecret)
        {
            // The one rule credentials are fingerprinted by (connectors, discovery, rotation): SHA-256 of the UTF-8 value.
            fingerprint = Fingerprint.OfSecret(request.Secret!);
        }
        else if (!Fingerprint.TryParseEntered(request.Fingerprint, out fingerprint, out var problem))
        {
            throw new ValidationException(problem);
        }
        var location = Reasons.Require(request.Location, "Say where the secret was found (a URL, a path or a commit)", LocationMaximum);
        if (hasSecret && location.Contains(request.Secret!, StringComparison.Ordinal))
        {
            throw new ValidationException("The location holds the secret itself. Give where it was found without the value.");
        }
        var foundUtc = request.FoundUtc is { } f ? (f.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(f, DateTimeKind.Utc) : f.ToUniversalTime()) : (DateTime?)null;
        if (foundUtc > nowUtc + FutureSkew)
        {
            throw new ValidationException("The time it was found is in the future.");
        }
        var scanner = Short(request.Scanner, "scanner", ScannerMaximum) ?? "";
        var externalId = Short(request.ExternalId, "external id", ExternalIdMaximum);
        if (externalId is not null && scanner.Length == 0)
        {
            // An alert id is unique only within its scanner: without the name, two tools' "42" would be one report.
            throw new ValidationException("An alert id needs the scanner that gave it.");
        }
        return new LeakEvidence(fingerprint, location, scanner, externalId, foundUtc);
    }

    /// <summary>The one-click revoke is offered while the credential is active and no run is on its way.</summary>
    public static bool CanRevokeNow(LeakOutcome outcome, Guid? runId, bool credentialActive) =>
        credentialActive && runId is null && outcome == LeakOutcome.OwnerNotified;

    /// <summary>The reason of the run a leak starts; always valid, so the run never refuses it.</summary>
    public static string RunReason(string scanner, string? externalId, string location) =>
        Reasons.Fit($"Leaked secret reported{(scanner.Length > 0 ? $" by {scanner}" : "")}{(externalId is null ? "" : $" (alert {externalId})")}, found at {location}", Reasons.Maximum);

    private static string? Short(string? text, string what, int maximum)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (trimmed.Length > maximum)
        {
            throw new ValidationException($"The {what} is at most {maximum} characters.");
        }
        return SecretDetector.FindSecret(trimmed) is { } kind
            ? throw new ValidationException($"The {what} looks like a secret ({kind}). Never send a secret there.")
            : trimmed;
    }
}
