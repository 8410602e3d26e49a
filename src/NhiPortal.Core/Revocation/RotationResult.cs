using NhiPortal.Core.Credentials;

namespace NhiPortal.Core.Revocation;

/// <summary>A rotation's outcome. <see cref="OneTimeSecret"/> is handed to the operator once and never stored.</summary>
public sealed record RotationResult(bool Succeeded, string Detail, Fingerprint? NewFingerprint = null, DateTime? ExpiresUtc = null, string? OneTimeSecret = null, string? DeliveredTo = null);
